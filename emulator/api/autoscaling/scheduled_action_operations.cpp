#include "emulator/api/autoscaling/autoscaling_decode.hpp"
#include "emulator/api/autoscaling/autoscaling_encode.hpp"
#include "emulator/api/autoscaling/autoscaling_operations.hpp"
#include "emulator/core/autoscaling/paging.hpp"
#include "emulator/core/autoscaling/scheduled_actions.hpp"

namespace ecsemu::api::autoscaling {

using nlohmann::json;
namespace model = core::autoscaling;

ApiResult put_scheduled_action(OperationContext& ctx) {
    const json& p = ctx.call.params;
    model::PutScheduledActionSpec spec;
    spec.name = string_member(p, "ScheduledActionName");
    spec.service_namespace = string_member(p, "ServiceNamespace");
    spec.resource_id = string_member(p, "ResourceId");
    spec.scalable_dimension = string_member(p, "ScalableDimension");
    spec.schedule = optional_string(p, "Schedule");
    spec.timezone = optional_string(p, "Timezone");
    auto start = optional_time(p, "StartTime");
    if (!start) return start.error();
    auto end = optional_time(p, "EndTime");
    if (!end) return end.error();
    spec.start_time = start.value();
    spec.end_time = end.value();
    if (const json* action = member(p, "ScalableTargetAction")) {
        spec.action = model::ScalableTargetAction{optional_int(*action, "MinCapacity"),
                                                  optional_int(*action, "MaxCapacity")};
    }
    auto status = model::put_scheduled_action(ctx.core, spec);
    if (!status) return status.error();
    return json::object();
}

ApiResult describe_scheduled_actions(OperationContext& ctx) {
    const json& p = ctx.call.params;
    model::ScheduledActionFilter filter;
    filter.service_namespace = string_member(p, "ServiceNamespace");
    filter.names = string_list(p, "ScheduledActionNames");
    filter.resource_id = string_member(p, "ResourceId");
    filter.scalable_dimension = string_member(p, "ScalableDimension");
    const auto actions = model::find_scheduled_actions(ctx.core.state(), filter);
    auto page =
        model::page_of(actions.size(), optional_string(p, "NextToken"), optional_int(p, "MaxResults"));
    if (!page) return page.error();
    json items = json::array();
    for (std::size_t i = page->begin; i < page->end; ++i)
        items.push_back(encode_scheduled_action(*actions[i]));
    json out = {{"ScheduledActions", std::move(items)}};
    if (!page->next_token.empty()) out["NextToken"] = page->next_token;
    return out;
}

ApiResult delete_scheduled_action(OperationContext& ctx) {
    const json& p = ctx.call.params;
    auto status = model::delete_scheduled_action(
        ctx.core, string_member(p, "ScheduledActionName"), string_member(p, "ServiceNamespace"),
        string_member(p, "ResourceId"), string_member(p, "ScalableDimension"));
    if (!status) return status.error();
    return json::object();
}

}  // namespace ecsemu::api::autoscaling
