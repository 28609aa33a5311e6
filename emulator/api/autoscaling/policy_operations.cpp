#include "emulator/api/autoscaling/autoscaling_decode.hpp"
#include "emulator/api/autoscaling/autoscaling_encode.hpp"
#include "emulator/api/autoscaling/autoscaling_operations.hpp"
#include "emulator/core/autoscaling/paging.hpp"
#include "emulator/core/autoscaling/scaling_policies.hpp"

namespace ecsemu::api::autoscaling {

using nlohmann::json;
namespace model = core::autoscaling;

ApiResult put_scaling_policy(OperationContext& ctx) {
    const json& p = ctx.call.params;
    model::PutPolicySpec spec;
    spec.policy_name = string_member(p, "PolicyName");
    spec.service_namespace = string_member(p, "ServiceNamespace");
    spec.resource_id = string_member(p, "ResourceId");
    spec.scalable_dimension = string_member(p, "ScalableDimension");
    spec.policy_type = string_member(p, "PolicyType");
    if (const json* config = member(p, "TargetTrackingScalingPolicyConfiguration")) {
        spec.target_tracking = decode_target_tracking(*config);
    }
    if (const json* config = member(p, "StepScalingPolicyConfiguration")) {
        spec.step_scaling = decode_step_scaling(*config);
    }
    spec.predictive = member(p, "PredictiveScalingPolicyConfiguration") != nullptr;
    auto policy = model::put_scaling_policy(ctx.core, spec);
    if (!policy) return policy.error();
    json out = {{"PolicyARN", policy->arn}};
    if (policy->target_tracking) out["Alarms"] = encode_alarms(policy->alarms);
    return out;
}

ApiResult describe_scaling_policies(OperationContext& ctx) {
    const json& p = ctx.call.params;
    model::PolicyFilter filter;
    filter.service_namespace = string_member(p, "ServiceNamespace");
    filter.policy_names = string_list(p, "PolicyNames");
    filter.resource_id = string_member(p, "ResourceId");
    filter.scalable_dimension = string_member(p, "ScalableDimension");
    const auto policies = model::find_scaling_policies(ctx.core.state(), ctx.core.cloudwatch, filter);
    auto page =
        model::page_of(policies.size(), optional_string(p, "NextToken"), optional_int(p, "MaxResults"));
    if (!page) return page.error();
    json items = json::array();
    for (std::size_t i = page->begin; i < page->end; ++i) items.push_back(encode_policy(policies[i]));
    json out = {{"ScalingPolicies", std::move(items)}};
    if (!page->next_token.empty()) out["NextToken"] = page->next_token;
    return out;
}

ApiResult delete_scaling_policy(OperationContext& ctx) {
    const json& p = ctx.call.params;
    auto status = model::delete_scaling_policy(
        ctx.core, string_member(p, "PolicyName"), string_member(p, "ServiceNamespace"),
        string_member(p, "ResourceId"), string_member(p, "ScalableDimension"));
    if (!status) return status.error();
    return json::object();
}

}  // namespace ecsemu::api::autoscaling
