// RegisterTargets, DeregisterTargets, DescribeTargetHealth.
#include "emulator/api/elbv2/elbv2_decode.hpp"
#include "emulator/api/elbv2/elbv2_encode.hpp"
#include "emulator/api/elbv2/elbv2_operations.hpp"
#include "emulator/api/elbv2/query_params.hpp"
#include "emulator/core/elbv2/targets.hpp"

namespace ecsemu::api::elbv2 {

using nlohmann::json;
namespace model = core::elbv2;

ApiResult register_targets(OperationContext& ctx) {
    const json& params = ctx.call.params;
    if (auto registered = model::register_targets(ctx.core, string_or_empty(params, "TargetGroupArn"),
                                                  decode_targets(params, "Targets"));
        !registered) {
        return registered.error();
    }
    return json::object();
}

ApiResult deregister_targets(OperationContext& ctx) {
    const json& params = ctx.call.params;
    if (auto deregistered = model::deregister_targets(ctx.core, string_or_empty(params, "TargetGroupArn"),
                                                      decode_targets(params, "Targets"));
        !deregistered) {
        return deregistered.error();
    }
    return json::object();
}

ApiResult describe_target_health(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto views = model::describe_target_health(ctx.core.state(), string_or_empty(params, "TargetGroupArn"),
                                               decode_targets(params, "Targets"), ctx.call.now);
    if (!views) return views.error();
    json descriptions = json::array();
    for (const auto& view : views.value()) descriptions.push_back(encode_target_health(view));
    return json{{"TargetHealthDescriptions", std::move(descriptions)}};
}

}  // namespace ecsemu::api::elbv2
