#include "emulator/core/elbv2/listeners.hpp"

#include <algorithm>

#include "emulator/core/elbv2/elbv2_errors.hpp"
#include "emulator/core/elbv2/elbv2_names.hpp"
#include "emulator/core/elbv2/rule_content.hpp"

namespace ecsemu::core::elbv2 {

namespace {

constexpr int kMaxListenersPerLoadBalancer = 50;

Status check_protocol(const std::string& protocol, bool certificates_given) {
    if (protocol == "HTTP") return Ok{};
    if (protocol == "HTTPS") {
        if (!certificates_given)
            return validation_error("A certificate must be specified for HTTPS listeners");
        return unsupported_protocol(
            "ecsemu does not terminate TLS: HTTPS listeners are not supported; use HTTP");
    }
    return validation_error("Listener protocol '" + protocol + "' must be one of 'HTTPS, HTTP'");
}

Status check_port(const Elbv2State& state, const std::string& lb_arn, int port,
                  const std::string& except_arn) {
    if (port < 1 || port > 65535)
        return validation_error("Listener port '" + std::to_string(port) + "' must be between 1 and 65535");
    for (const auto& [arn, listener] : state.listeners) {
        if (arn != except_arn && listener.load_balancer_arn == lb_arn && listener.port == port)
            return duplicate_listener(lb_arn);
    }
    return Ok{};
}

}  // namespace

Result<const Listener*> create_listener(Elbv2Call& call, const std::string& lb_arn,
                                        const ListenerSettings& settings, const TagList& tags) {
    Elbv2State& state = call.state();
    const auto load_balancer = state.load_balancers.find(lb_arn);
    if (load_balancer == state.load_balancers.end()) return load_balancer_not_found();
    const std::string protocol = settings.protocol.value_or("HTTP");
    if (auto valid = check_protocol(protocol, settings.certificates_given); !valid) return valid.error();
    if (!settings.port) return validation_error("A listener port must be specified");
    if (auto valid = check_port(state, lb_arn, *settings.port, ""); !valid) return valid.error();
    const auto count = std::count_if(state.listeners.begin(), state.listeners.end(), [&](const auto& entry) {
        return entry.second.load_balancer_arn == lb_arn;
    });
    if (count >= kMaxListenersPerLoadBalancer) {
        return AwsError::client("TooManyListeners",
                                "The load balancer '" + lb_arn + "' has too many listeners");
    }
    if (!settings.default_actions) return validation_error("Default actions must be specified");
    auto actions = checked_actions(state, load_balancer->second, *settings.default_actions);
    if (!actions) return actions.error();

    Listener listener;
    listener.arn = listener_arn(lb_arn, call.ids().hex(16));
    auto listener_tags = tags_from_list(tags, listener.arn);
    if (!listener_tags) return listener_tags.error();
    listener.load_balancer_arn = lb_arn;
    listener.port = *settings.port;
    listener.protocol = protocol;
    listener.default_actions = actions.value();
    listener.tags = std::move(listener_tags).value();
    Rule default_rule;
    default_rule.arn = rule_arn(listener.arn, call.ids().hex(16));
    default_rule.listener_arn = listener.arn;
    default_rule.is_default = true;
    default_rule.actions = std::move(actions).value();
    listener.default_rule_arn = default_rule.arn;
    state.rules.emplace(default_rule.arn, std::move(default_rule));
    const std::string arn = listener.arn;
    return &state.listeners.emplace(arn, std::move(listener)).first->second;
}

Result<ListenerPage> describe_listeners(const Elbv2State& state, const std::optional<std::string>& lb_arn,
                                        const std::vector<std::string>& arns,
                                        const std::optional<std::string>& marker,
                                        const std::optional<int>& page_size) {
    if (lb_arn && !arns.empty())
        return validation_error("Listener ARNs and a load balancer ARN cannot be specified at the same time");
    if (!lb_arn && arns.empty())
        return validation_error("You must specify either listener ARNs or a load balancer ARN");
    std::vector<const Listener*> selected;
    if (lb_arn) {
        if (state.load_balancers.count(*lb_arn) == 0) return load_balancer_not_found();
        for (const auto& [arn, listener] : state.listeners)
            if (listener.load_balancer_arn == *lb_arn) selected.push_back(&listener);
        std::stable_sort(selected.begin(), selected.end(),
                         [](const Listener* a, const Listener* b) { return a->port < b->port; });
    } else {
        for (const auto& arn : arns) {
            const auto found = state.listeners.find(arn);
            if (found == state.listeners.end()) return listener_not_found();
            if (std::find(selected.begin(), selected.end(), &found->second) == selected.end())
                selected.push_back(&found->second);
        }
    }
    std::vector<std::string> keys;
    keys.reserve(selected.size());
    for (const auto* listener : selected) keys.push_back(listener->arn);
    auto page = page_of(keys, marker, page_size);
    if (!page) return page.error();
    ListenerPage out;
    for (const auto& arn : page->keys) out.listeners.push_back(&state.listeners.at(arn));
    out.next_marker = page->next_marker;
    return out;
}

Result<const Listener*> modify_listener(Elbv2State& state, const std::string& arn,
                                        const ListenerSettings& settings) {
    const auto found = state.listeners.find(arn);
    if (found == state.listeners.end()) return listener_not_found();
    Listener& listener = found->second;
    const auto load_balancer = state.load_balancers.find(listener.load_balancer_arn);
    if (load_balancer == state.load_balancers.end()) return load_balancer_not_found();
    const std::string protocol = settings.protocol.value_or(listener.protocol);
    if (auto valid = check_protocol(protocol, settings.certificates_given); !valid) return valid.error();
    const int port = settings.port.value_or(listener.port);
    if (auto valid = check_port(state, listener.load_balancer_arn, port, arn); !valid) return valid.error();
    std::optional<std::vector<Action>> actions;
    if (settings.default_actions) {
        // The listener's current default actions must not count as another load balancer's use.
        auto checked = checked_actions(state, load_balancer->second, *settings.default_actions);
        if (!checked) return checked.error();
        actions = std::move(checked).value();
    }
    listener.protocol = protocol;
    listener.port = port;
    if (actions) {
        listener.default_actions = *actions;
        const auto rule = state.rules.find(listener.default_rule_arn);
        if (rule != state.rules.end()) rule->second.actions = std::move(*actions);
    }
    return &listener;
}

Status delete_listener(Elbv2State& state, const std::string& arn) {
    if (state.listeners.count(arn) == 0) return listener_not_found();
    std::erase_if(state.rules, [&](const auto& rule) { return rule.second.listener_arn == arn; });
    state.listeners.erase(arn);
    return Ok{};
}

}  // namespace ecsemu::core::elbv2
