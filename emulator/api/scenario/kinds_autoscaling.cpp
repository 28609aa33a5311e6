// Application Auto Scaling: RegisterScalableTarget and PutScalingPolicy are upserts in AWS, so the lookup
// only decides whether a call is needed at all (an unchanged target or policy makes none).
#include "emulator/api/scenario/json_match.hpp"
#include "emulator/api/scenario/resource_kinds.hpp"

namespace ecsemu::api::scenario {
namespace {

using nlohmann::json;

constexpr std::string_view kService = "application-autoscaling";

json target_key(const json& request) {
    return json{{"ServiceNamespace", text_of(request, "ServiceNamespace")},
                {"ScalableDimension", text_of(request, "ScalableDimension")},
                {"ResourceIds", json::array({text_of(request, "ResourceId")})}};
}

core::Result<json> describe_target(KindContext& context, const json& request) {
    auto described = call_api(context, kService, "DescribeScalableTargets", target_key(request));
    if (!described) return described.error();
    const json targets = list_of(described.value(), "ScalableTargets");
    return targets.empty() ? json() : targets[0];
}

KindResult target_result(Outcome outcome, const json& target, const json& request) {
    std::string id = text_of(target, "ScalableTargetARN");
    if (id.empty()) id = text_of(request, "ResourceId");
    return KindResult{outcome, id, target, {}};
}

core::Result<KindResult> register_scalable_target(KindContext& context, const json& request) {
    auto existing = describe_target(context, request);
    if (!existing) return existing.error();
    json wanted = request;
    wanted.erase("Tags");
    if (!existing.value().is_null() && satisfies(existing.value(), wanted))
        return target_result(Outcome::Unchanged, existing.value(), request);
    auto registered = call_api(context, kService, "RegisterScalableTarget", request);
    if (!registered) return registered.error();
    auto after = describe_target(context, request);
    if (!after) return after.error();
    json record = after.value().is_null() ? registered.value() : after.value();
    if (!record.contains("ScalableTargetARN") && registered.value().contains("ScalableTargetARN"))
        record["ScalableTargetARN"] = registered.value()["ScalableTargetARN"];
    return target_result(existing.value().is_null() ? Outcome::Created : Outcome::Updated, record, request);
}

core::Result<json> describe_policy(KindContext& context, const json& request) {
    const json key = {{"ServiceNamespace", text_of(request, "ServiceNamespace")},
                      {"ScalableDimension", text_of(request, "ScalableDimension")},
                      {"ResourceId", text_of(request, "ResourceId")},
                      {"PolicyNames", json::array({text_of(request, "PolicyName")})}};
    auto described = call_api(context, kService, "DescribeScalingPolicies", key);
    if (!described) return described.error();
    const json policies = list_of(described.value(), "ScalingPolicies");
    return policies.empty() ? json() : policies[0];
}

core::Result<KindResult> put_scaling_policy(KindContext& context, const json& request) {
    auto existing = describe_policy(context, request);
    if (!existing) return existing.error();
    if (!existing.value().is_null() && satisfies(existing.value(), request))
        return KindResult{Outcome::Unchanged, text_of(existing.value(), "PolicyARN"), existing.value(), {}};
    auto put = call_api(context, kService, "PutScalingPolicy", request);
    if (!put) return put.error();
    auto after = describe_policy(context, request);
    if (!after) return after.error();
    const json record = after.value().is_null() ? put.value() : after.value();
    return KindResult{existing.value().is_null() ? Outcome::Created : Outcome::Updated,
                      text_of(put.value(), "PolicyARN"),
                      record,
                      {}};
}

}  // namespace

void add_autoscaling_kinds(std::vector<ResourceKind>& kinds) {
    kinds.push_back({"application-autoscaling:RegisterScalableTarget", register_scalable_target});
    kinds.push_back({"application-autoscaling:PutScalingPolicy", put_scaling_policy});
}

}  // namespace ecsemu::api::scenario
