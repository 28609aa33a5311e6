// CreateTargetGroup, DescribeTargetGroups, ModifyTargetGroup, DeleteTargetGroup and the target group
// attributes.
#include "emulator/api/elbv2/elbv2_decode.hpp"
#include "emulator/api/elbv2/elbv2_encode.hpp"
#include "emulator/api/elbv2/elbv2_operations.hpp"
#include "emulator/api/elbv2/query_params.hpp"
#include "emulator/core/elbv2/target_groups.hpp"

namespace ecsemu::api::elbv2 {

using nlohmann::json;
namespace model = core::elbv2;

namespace {

json one_target_group(const model::Elbv2State& state, const model::TargetGroup& group) {
    return json{{"TargetGroups", json::array({encode_target_group(state, group)})}};
}

}  // namespace

ApiResult create_target_group(OperationContext& ctx) {
    const json& params = ctx.call.params;
    model::CreateTargetGroupRequest request;
    request.name = string_or_empty(params, "Name");
    request.protocol = optional_string(params, "Protocol");
    request.protocol_version = optional_string(params, "ProtocolVersion");
    request.port = optional_int(params, "Port");
    request.vpc_id = optional_string(params, "VpcId");
    request.target_type = optional_string(params, "TargetType");
    request.ip_address_type = optional_string(params, "IpAddressType");
    request.health_check = decode_health_check(params);
    request.tags = decode_tags(params, "Tags");
    auto created = model::create_target_group(ctx.core, request);
    if (!created) return created.error();
    return one_target_group(ctx.core.state(), *created.value());
}

ApiResult describe_target_groups(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto page = model::describe_target_groups(
        ctx.core.state(), optional_string(params, "LoadBalancerArn"), string_list(params, "TargetGroupArns"),
        string_list(params, "Names"), optional_string(params, "Marker"), optional_int(params, "PageSize"));
    if (!page) return page.error();
    json groups = json::array();
    for (const auto* group : page->target_groups)
        groups.push_back(encode_target_group(ctx.core.state(), *group));
    json out{{"TargetGroups", std::move(groups)}};
    if (!page->next_marker.empty()) out["NextMarker"] = page->next_marker;
    return out;
}

ApiResult modify_target_group(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto modified = model::modify_target_group(ctx.core.state(), string_or_empty(params, "TargetGroupArn"),
                                               decode_health_check(params));
    if (!modified) return modified.error();
    return one_target_group(ctx.core.state(), *modified.value());
}

ApiResult delete_target_group(OperationContext& ctx) {
    if (auto deleted =
            model::delete_target_group(ctx.core.state(), string_or_empty(ctx.call.params, "TargetGroupArn"));
        !deleted) {
        return deleted.error();
    }
    return json::object();
}

ApiResult describe_target_group_attributes(OperationContext& ctx) {
    auto found =
        model::find_target_group(ctx.core.state(), string_or_empty(ctx.call.params, "TargetGroupArn"));
    if (!found) return found.error();
    return json{{"Attributes", encode_attributes(found.value()->attributes)}};
}

ApiResult modify_target_group_attributes(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto attributes = model::modify_target_group_attributes(
        ctx.core.state(), string_or_empty(params, "TargetGroupArn"), decode_attributes(params, "Attributes"));
    if (!attributes) return attributes.error();
    return json{{"Attributes", encode_attributes(attributes.value())}};
}

}  // namespace ecsemu::api::elbv2
