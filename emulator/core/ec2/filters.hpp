#pragma once
// EC2 Describe* filters: every filter must match (AND), any of a filter's values may match (OR), and values
// may hold the wildcards '*' (any run of characters) and '?' (one character).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/ec2/zones.hpp"
#include "emulator/core/errors.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::core::ec2 {

struct Filter {
    std::string name;
    std::vector<std::string> values;
};

// One tag of one resource, as DescribeTags lists them.
struct TagDescription {
    std::string resource_id;
    std::string resource_type;  // "vpc", "subnet", "security-group"
    std::string key;
    std::string value;
};

bool glob_match(std::string_view pattern, std::string_view text);

// The strings a resource exposes under a filter name; nullopt when the name is not a filter for that kind
// of resource. "tag:<key>", "tag-key" and "tag-value" work for every taggable kind.
using FilterFields = std::optional<std::vector<std::string>>;
FilterFields vpc_filter_fields(const Vpc& vpc, std::string_view name);
FilterFields subnet_filter_fields(const Subnet& subnet, std::string_view name);
FilterFields security_group_filter_fields(const SecurityGroup& group, std::string_view name);
FilterFields zone_filter_fields(const AvailabilityZone& zone, std::string_view name);
FilterFields tag_description_filter_fields(const TagDescription& tag, std::string_view name);

// Rejects unknown filter names and filters without values, as EC2 does, even when nothing would match.
template <class Resource, class Fields>
Status validate_filters(const std::vector<Filter>& filters, Fields fields) {
    for (const auto& filter : filters) {
        if (!fields(Resource{}, filter.name)) {
            return AwsError::client("InvalidParameterValue", "The filter '" + filter.name + "' is invalid");
        }
        if (filter.values.empty()) {
            return AwsError::client("InvalidParameterValue",
                                    "The filter '" + filter.name + "' requires at least one value");
        }
    }
    return Ok{};
}

// REQUIRES: validate_filters accepted `filters` for this kind of resource.
template <class Resource, class Fields>
bool matches_filters(const Resource& resource, const std::vector<Filter>& filters, Fields fields) {
    for (const auto& filter : filters) {
        const auto strings = fields(resource, filter.name);
        if (!strings) return false;
        bool any = false;
        for (const auto& pattern : filter.values) {
            for (const auto& text : *strings) {
                if (glob_match(pattern, text)) {
                    any = true;
                    break;
                }
            }
            if (any) break;
        }
        if (!any) return false;
    }
    return true;
}

}  // namespace ecsemu::core::ec2
