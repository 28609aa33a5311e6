// CreateTags, DeleteTags, DescribeTags.
#include "emulator/api/ec2/ec2_handlers.hpp"
#include "emulator/api/ec2/ec2_params.hpp"
#include "emulator/core/ec2/ec2_errors.hpp"

namespace ecsemu::api::ec2 {

using nlohmann::json;

ApiResult create_tags(const ApiCall& call, core::ec2::RegionState& region) {
    const auto resources = string_list_param(call.params, "ResourceId");
    const auto tags = tags_param(call.params, "Tag");
    if (tags.empty()) return core::ec2::missing_parameter("Tag");
    if (auto created = region.create_tags(resources, tags); !created) return created.error();
    return json{{"return", true}};
}

ApiResult delete_tags(const ApiCall& call, core::ec2::RegionState& region) {
    std::vector<core::ec2::TagKeyRequest> keys;
    for (const json* element : list_param(call.params, "Tag")) {
        // "Tag.N.Value=" (present but empty) deletes only tags whose value is empty; no Value deletes any.
        keys.push_back({string_or_empty(*element, "Key"), string_param(*element, "Value")});
    }
    if (auto deleted = region.delete_tags(string_list_param(call.params, "ResourceId"), keys); !deleted) {
        return deleted.error();
    }
    return json{{"return", true}};
}

ApiResult describe_tags(const ApiCall& call, core::ec2::RegionState& region) {
    auto filters = filters_param(call.params);
    if (!filters) return filters.error();
    if (auto valid = core::ec2::validate_filters<core::ec2::TagDescription>(
            filters.value(), core::ec2::tag_description_filter_fields);
        !valid) {
        return valid.error();
    }
    json tags = json::array();
    for (const auto& tag : region.tag_descriptions()) {
        if (core::ec2::matches_filters(tag, filters.value(), core::ec2::tag_description_filter_fields)) {
            tags.push_back(render_tag_description(tag));
        }
    }
    return json{{"tagSet", std::move(tags)}};
}

}  // namespace ecsemu::api::ec2
