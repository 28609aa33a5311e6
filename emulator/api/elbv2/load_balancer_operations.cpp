// CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer, Describe/ModifyLoadBalancerAttributes.
#include "emulator/api/elbv2/elbv2_decode.hpp"
#include "emulator/api/elbv2/elbv2_encode.hpp"
#include "emulator/api/elbv2/elbv2_operations.hpp"
#include "emulator/api/elbv2/query_params.hpp"
#include "emulator/core/elbv2/load_balancers.hpp"

namespace ecsemu::api::elbv2 {

using nlohmann::json;
namespace model = core::elbv2;

ApiResult create_load_balancer(OperationContext& ctx) {
    const json& params = ctx.call.params;
    model::CreateLoadBalancerRequest request;
    request.name = string_or_empty(params, "Name");
    request.subnets = string_list(params, "Subnets");
    for (const json* mapping : list_elements(params, "SubnetMappings"))
        request.subnet_mappings.push_back(string_or_empty(*mapping, "SubnetId"));
    request.security_groups = optional_string_list(params, "SecurityGroups");
    request.scheme = optional_string(params, "Scheme");
    request.type = optional_string(params, "Type");
    request.ip_address_type = optional_string(params, "IpAddressType");
    request.tags = decode_tags(params, "Tags");
    auto created = model::create_load_balancer(ctx.core, request);
    if (!created) return created.error();
    return json{{"LoadBalancers", json::array({encode_load_balancer(*created.value(), ctx.call.now)})}};
}

ApiResult describe_load_balancers(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto page = model::describe_load_balancers(
        ctx.core.state(), string_list(params, "LoadBalancerArns"), string_list(params, "Names"),
        optional_string(params, "Marker"), optional_int(params, "PageSize"));
    if (!page) return page.error();
    json load_balancers = json::array();
    for (const auto* load_balancer : page->load_balancers)
        load_balancers.push_back(encode_load_balancer(*load_balancer, ctx.call.now));
    json out{{"LoadBalancers", std::move(load_balancers)}};
    if (!page->next_marker.empty()) out["NextMarker"] = page->next_marker;
    return out;
}

ApiResult delete_load_balancer(OperationContext& ctx) {
    if (auto deleted = model::delete_load_balancer(ctx.core.state(),
                                                   string_or_empty(ctx.call.params, "LoadBalancerArn"));
        !deleted) {
        return deleted.error();
    }
    return json::object();
}

ApiResult describe_load_balancer_attributes(OperationContext& ctx) {
    auto found =
        model::find_load_balancer(ctx.core.state(), string_or_empty(ctx.call.params, "LoadBalancerArn"));
    if (!found) return found.error();
    return json{{"Attributes", encode_attributes(found.value()->attributes)}};
}

ApiResult modify_load_balancer_attributes(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto attributes =
        model::modify_load_balancer_attributes(ctx.core.state(), string_or_empty(params, "LoadBalancerArn"),
                                               decode_attributes(params, "Attributes"));
    if (!attributes) return attributes.error();
    return json{{"Attributes", encode_attributes(attributes.value())}};
}

}  // namespace ecsemu::api::elbv2
