// CreateListener, DescribeListeners, ModifyListener, DeleteListener.
#include "emulator/api/elbv2/elbv2_decode.hpp"
#include "emulator/api/elbv2/elbv2_encode.hpp"
#include "emulator/api/elbv2/elbv2_operations.hpp"
#include "emulator/api/elbv2/query_params.hpp"
#include "emulator/core/elbv2/listeners.hpp"

namespace ecsemu::api::elbv2 {

using nlohmann::json;
namespace model = core::elbv2;

namespace {

core::Result<model::ListenerSettings> decode_settings(const json& params) {
    model::ListenerSettings settings;
    settings.protocol = optional_string(params, "Protocol");
    settings.port = optional_int(params, "Port");
    settings.certificates_given = !list_elements(params, "Certificates").empty();
    settings.ssl_policy_given = has_member(params, "SslPolicy");
    if (has_member(params, "DefaultActions")) {
        auto actions = decode_actions(params, "DefaultActions");
        if (!actions) return actions.error();
        settings.default_actions = std::move(actions).value();
    }
    return settings;
}

json one_listener(const model::Listener& listener) {
    return json{{"Listeners", json::array({encode_listener(listener)})}};
}

}  // namespace

ApiResult create_listener(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto settings = decode_settings(params);
    if (!settings) return settings.error();
    auto created = model::create_listener(ctx.core, string_or_empty(params, "LoadBalancerArn"),
                                          settings.value(), decode_tags(params, "Tags"));
    if (!created) return created.error();
    return one_listener(*created.value());
}

ApiResult describe_listeners(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto page = model::describe_listeners(
        ctx.core.state(), optional_string(params, "LoadBalancerArn"), string_list(params, "ListenerArns"),
        optional_string(params, "Marker"), optional_int(params, "PageSize"));
    if (!page) return page.error();
    json listeners = json::array();
    for (const auto* listener : page->listeners) listeners.push_back(encode_listener(*listener));
    json out{{"Listeners", std::move(listeners)}};
    if (!page->next_marker.empty()) out["NextMarker"] = page->next_marker;
    return out;
}

ApiResult modify_listener(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto settings = decode_settings(params);
    if (!settings) return settings.error();
    auto modified =
        model::modify_listener(ctx.core.state(), string_or_empty(params, "ListenerArn"), settings.value());
    if (!modified) return modified.error();
    return one_listener(*modified.value());
}

ApiResult delete_listener(OperationContext& ctx) {
    if (auto deleted =
            model::delete_listener(ctx.core.state(), string_or_empty(ctx.call.params, "ListenerArn"));
        !deleted) {
        return deleted.error();
    }
    return json::object();
}

}  // namespace ecsemu::api::elbv2
