#include "filters.hpp"

namespace ecsemu::core::ec2 {

namespace {

using Strings = std::vector<std::string>;

std::string boolean_text(bool value) {
    return value ? "true" : "false";
}

FilterFields tag_fields(const Tags& tags, std::string_view name) {
    constexpr std::string_view kTagPrefix = "tag:";
    if (name.substr(0, kTagPrefix.size()) == kTagPrefix) {
        const auto it = tags.find(std::string(name.substr(kTagPrefix.size())));
        return it == tags.end() ? Strings{} : Strings{it->second};
    }
    Strings out;
    if (name == "tag-key") {
        for (const auto& [key, value] : tags) out.push_back(key);
        return out;
    }
    if (name == "tag-value") {
        for (const auto& [key, value] : tags) out.push_back(value);
        return out;
    }
    return std::nullopt;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
    // Iterative matcher: on mismatch, retry from the last '*' consuming one more character of text.
    std::size_t p = 0, t = 0;
    std::size_t star = std::string_view::npos, star_text = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            star_text = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++star_text;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

FilterFields vpc_filter_fields(const Vpc& vpc, std::string_view name) {
    if (name == "vpc-id") return Strings{vpc.id};
    if (name == "cidr" || name == "cidr-block" || name == "cidr-block-association.cidr-block")
        return Strings{vpc.cidr_block};
    if (name == "cidr-block-association.association-id") return Strings{vpc.cidr_block_association_id};
    if (name == "cidr-block-association.state") return Strings{"associated"};
    if (name == "state") return Strings{vpc.state};
    if (name == "is-default") return Strings{boolean_text(vpc.is_default)};
    if (name == "dhcp-options-id") return Strings{vpc.dhcp_options_id};
    return tag_fields(vpc.tags, name);
}

FilterFields subnet_filter_fields(const Subnet& subnet, std::string_view name) {
    if (name == "subnet-id") return Strings{subnet.id};
    if (name == "vpc-id") return Strings{subnet.vpc_id};
    if (name == "availability-zone" || name == "availabilityZone") return Strings{subnet.availability_zone};
    if (name == "availability-zone-id" || name == "availabilityZoneId")
        return Strings{subnet.availability_zone_id};
    if (name == "cidr-block" || name == "cidr" || name == "cidrBlock") return Strings{subnet.cidr_block};
    if (name == "state") return Strings{subnet.state};
    if (name == "default-for-az" || name == "defaultForAz")
        return Strings{boolean_text(subnet.default_for_az)};
    if (name == "map-public-ip-on-launch") return Strings{boolean_text(subnet.map_public_ip_on_launch)};
    if (name == "available-ip-address-count")
        return Strings{std::to_string(subnet.available_ip_address_count)};
    return tag_fields(subnet.tags, name);
}

FilterFields security_group_filter_fields(const SecurityGroup& group, std::string_view name) {
    if (name == "group-id") return Strings{group.id};
    if (name == "group-name") return Strings{group.name};
    if (name == "vpc-id") return Strings{group.vpc_id};
    if (name == "description") return Strings{group.description};
    return tag_fields(group.tags, name);
}

FilterFields zone_filter_fields(const AvailabilityZone& zone, std::string_view name) {
    if (name == "zone-name") return Strings{zone.name};
    if (name == "zone-id") return Strings{zone.id};
    if (name == "state") return Strings{"available"};
    if (name == "zone-type") return Strings{"availability-zone"};
    if (name == "region-name" || name == "group-name") {
        // A zone's name is its region plus one letter.
        return Strings{zone.name.empty() ? std::string() : zone.name.substr(0, zone.name.size() - 1)};
    }
    return std::nullopt;
}

FilterFields tag_description_filter_fields(const TagDescription& tag, std::string_view name) {
    if (name == "resource-id") return Strings{tag.resource_id};
    if (name == "resource-type") return Strings{tag.resource_type};
    if (name == "key") return Strings{tag.key};
    if (name == "value") return Strings{tag.value};
    return std::nullopt;
}

}  // namespace ecsemu::core::ec2
