#include "emulator/api/autoscaling/autoscaling_decode.hpp"
#include "emulator/api/autoscaling/autoscaling_encode.hpp"
#include "emulator/api/autoscaling/autoscaling_operations.hpp"
#include "emulator/core/autoscaling/paging.hpp"
#include "emulator/core/autoscaling/scalable_targets.hpp"

namespace ecsemu::api::autoscaling {

using nlohmann::json;
namespace model = core::autoscaling;

ApiResult register_scalable_target(OperationContext& ctx) {
    const json& p = ctx.call.params;
    model::RegisterTargetSpec spec;
    spec.service_namespace = string_member(p, "ServiceNamespace");
    spec.resource_id = string_member(p, "ResourceId");
    spec.scalable_dimension = string_member(p, "ScalableDimension");
    spec.min_capacity = optional_int(p, "MinCapacity");
    spec.max_capacity = optional_int(p, "MaxCapacity");
    spec.role_arn = optional_string(p, "RoleARN");
    if (const json* suspended = member(p, "SuspendedState")) spec.suspended = decode_suspended(*suspended);
    spec.tags = string_map(p, "Tags");
    auto arn = model::register_scalable_target(ctx.core, spec);
    if (!arn) return arn.error();
    return json{{"ScalableTargetARN", arn.value()}};
}

ApiResult deregister_scalable_target(OperationContext& ctx) {
    const json& p = ctx.call.params;
    auto status = model::deregister_scalable_target(ctx.core, string_member(p, "ServiceNamespace"),
                                                    string_member(p, "ResourceId"),
                                                    string_member(p, "ScalableDimension"));
    if (!status) return status.error();
    return json::object();
}

ApiResult describe_scalable_targets(OperationContext& ctx) {
    const json& p = ctx.call.params;
    model::TargetFilter filter;
    filter.service_namespace = string_member(p, "ServiceNamespace");
    filter.resource_ids = string_list(p, "ResourceIds");
    filter.scalable_dimension = string_member(p, "ScalableDimension");
    const auto targets = model::find_scalable_targets(ctx.core.state(), filter);
    auto page =
        model::page_of(targets.size(), optional_string(p, "NextToken"), optional_int(p, "MaxResults"));
    if (!page) return page.error();
    json items = json::array();
    for (std::size_t i = page->begin; i < page->end; ++i) items.push_back(encode_target(*targets[i]));
    json out = {{"ScalableTargets", std::move(items)}};
    if (!page->next_token.empty()) out["NextToken"] = page->next_token;
    return out;
}

}  // namespace ecsemu::api::autoscaling
