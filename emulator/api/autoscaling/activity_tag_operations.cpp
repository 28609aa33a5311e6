#include "emulator/api/autoscaling/autoscaling_decode.hpp"
#include "emulator/api/autoscaling/autoscaling_encode.hpp"
#include "emulator/api/autoscaling/autoscaling_operations.hpp"
#include "emulator/core/autoscaling/paging.hpp"
#include "emulator/core/autoscaling/scalable_targets.hpp"
#include "emulator/core/autoscaling/scaling_activities.hpp"

namespace ecsemu::api::autoscaling {

using nlohmann::json;
namespace model = core::autoscaling;

ApiResult describe_scaling_activities(OperationContext& ctx) {
    const json& p = ctx.call.params;
    model::ActivityFilter filter;
    filter.service_namespace = string_member(p, "ServiceNamespace");
    filter.resource_id = string_member(p, "ResourceId");
    filter.scalable_dimension = string_member(p, "ScalableDimension");
    filter.include_not_scaled = optional_bool(p, "IncludeNotScaledActivities").value_or(false);
    const auto activities = model::find_scaling_activities(ctx.core.state(), filter);
    auto page =
        model::page_of(activities.size(), optional_string(p, "NextToken"), optional_int(p, "MaxResults"));
    if (!page) return page.error();
    json items = json::array();
    for (std::size_t i = page->begin; i < page->end; ++i) items.push_back(encode_activity(*activities[i]));
    json out = {{"ScalingActivities", std::move(items)}};
    if (!page->next_token.empty()) out["NextToken"] = page->next_token;
    return out;
}

ApiResult tag_resource(OperationContext& ctx) {
    const json& p = ctx.call.params;
    auto status = model::tag_target(ctx.core.state(), string_member(p, "ResourceARN"), string_map(p, "Tags"));
    if (!status) return status.error();
    return json::object();
}

ApiResult untag_resource(OperationContext& ctx) {
    const json& p = ctx.call.params;
    auto status =
        model::untag_target(ctx.core.state(), string_member(p, "ResourceARN"), string_list(p, "TagKeys"));
    if (!status) return status.error();
    return json::object();
}

ApiResult list_tags_for_resource(OperationContext& ctx) {
    auto tags = model::target_tags(ctx.core.state(), string_member(ctx.call.params, "ResourceARN"));
    if (!tags) return tags.error();
    json out = json::object();
    for (const auto& [key, value] : tags.value()) out[key] = value;
    return json{{"Tags", std::move(out)}};
}

}  // namespace ecsemu::api::autoscaling
