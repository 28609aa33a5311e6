#include "emulator/core/elbv2/rules.hpp"

#include <algorithm>
#include <map>

#include "emulator/core/elbv2/elbv2_errors.hpp"
#include "emulator/core/elbv2/elbv2_names.hpp"
#include "emulator/core/elbv2/rule_content.hpp"
#include "emulator/core/elbv2/usage.hpp"

namespace ecsemu::core::elbv2 {

namespace {

constexpr int kMaxRulesPerLoadBalancer = 100;

Status check_priority(int priority) {
    if (priority < 1 || priority > 50000) {
        return validation_error(
            "1 validation error detected: Value '" + std::to_string(priority) +
            "' at 'priority' failed to satisfy constraint: Member must have value less than or "
            "equal to 50000 and greater than or equal to 1");
    }
    return Ok{};
}

bool priority_taken(const Elbv2State& state, const std::string& listener_arn, int priority,
                    const std::string& except_arn) {
    return std::any_of(state.rules.begin(), state.rules.end(), [&](const auto& entry) {
        const Rule& rule = entry.second;
        return entry.first != except_arn && !rule.is_default && rule.listener_arn == listener_arn &&
               rule.priority == priority;
    });
}

const LoadBalancer* load_balancer_of_listener(const Elbv2State& state, const std::string& listener_arn) {
    const auto listener = state.listeners.find(listener_arn);
    if (listener == state.listeners.end()) return nullptr;
    const auto load_balancer = state.load_balancers.find(listener->second.load_balancer_arn);
    return load_balancer == state.load_balancers.end() ? nullptr : &load_balancer->second;
}

}  // namespace

Result<const Rule*> create_rule(Elbv2Call& call, const CreateRuleRequest& request) {
    Elbv2State& state = call.state();
    const LoadBalancer* load_balancer = load_balancer_of_listener(state, request.listener_arn);
    if (load_balancer == nullptr) return listener_not_found();
    if (!request.priority) return validation_error("A rule priority must be specified");
    if (auto valid = check_priority(*request.priority); !valid) return valid.error();
    if (auto valid = check_conditions(request.conditions); !valid) return valid.error();
    auto actions = checked_actions(state, *load_balancer, request.actions);
    if (!actions) return actions.error();
    if (priority_taken(state, request.listener_arn, *request.priority, ""))
        return priority_in_use(*request.priority);
    if (rule_count_of_load_balancer(state, load_balancer->arn) >= kMaxRulesPerLoadBalancer)
        return too_many_rules(load_balancer->arn);

    Rule rule;
    rule.arn = rule_arn(request.listener_arn, call.ids().hex(16));
    auto tags = tags_from_list(request.tags, rule.arn);
    if (!tags) return tags.error();
    rule.listener_arn = request.listener_arn;
    rule.priority = *request.priority;
    rule.conditions = request.conditions;
    rule.actions = std::move(actions).value();
    rule.tags = std::move(tags).value();
    const std::string arn = rule.arn;
    return &state.rules.emplace(arn, std::move(rule)).first->second;
}

Result<RulePage> describe_rules(const Elbv2State& state, const std::optional<std::string>& listener_arn,
                                const std::vector<std::string>& arns,
                                const std::optional<std::string>& marker,
                                const std::optional<int>& page_size) {
    if (listener_arn && !arns.empty())
        return validation_error("Rule ARNs and a listener ARN cannot be specified at the same time");
    if (!listener_arn && arns.empty())
        return validation_error("You must specify either rule ARNs or a listener ARN");
    std::vector<const Rule*> selected;
    if (listener_arn) {
        if (state.listeners.count(*listener_arn) == 0) return listener_not_found();
        selected = rules_of_listener(state, *listener_arn);
    } else {
        for (const auto& arn : arns) {
            const auto found = state.rules.find(arn);
            if (found == state.rules.end()) return rule_not_found();
            if (std::find(selected.begin(), selected.end(), &found->second) == selected.end())
                selected.push_back(&found->second);
        }
    }
    std::vector<std::string> keys;
    keys.reserve(selected.size());
    for (const auto* rule : selected) keys.push_back(rule->arn);
    auto page = page_of(keys, marker, page_size);
    if (!page) return page.error();
    RulePage out;
    for (const auto& arn : page->keys) out.rules.push_back(&state.rules.at(arn));
    out.next_marker = page->next_marker;
    return out;
}

Result<const Rule*> modify_rule(Elbv2State& state, const std::string& arn,
                                const std::optional<std::vector<RuleCondition>>& conditions,
                                const std::optional<std::vector<Action>>& actions) {
    const auto found = state.rules.find(arn);
    if (found == state.rules.end()) return rule_not_found();
    Rule& rule = found->second;
    const LoadBalancer* load_balancer = load_balancer_of_listener(state, rule.listener_arn);
    if (load_balancer == nullptr) return listener_not_found();
    if (rule.is_default && conditions && !conditions->empty())
        return operation_not_permitted("Conditions cannot be specified for the default rule '" + arn + "'");
    if (conditions && !rule.is_default) {
        if (auto valid = check_conditions(*conditions); !valid) return valid.error();
    }
    std::optional<std::vector<Action>> checked;
    if (actions) {
        auto result = checked_actions(state, *load_balancer, *actions);
        if (!result) return result.error();
        checked = std::move(result).value();
    }
    if (conditions && !rule.is_default) rule.conditions = *conditions;
    if (checked) {
        rule.actions = *checked;
        if (rule.is_default) {
            const auto listener = state.listeners.find(rule.listener_arn);
            if (listener != state.listeners.end()) listener->second.default_actions = std::move(*checked);
        }
    }
    return &rule;
}

Status delete_rule(Elbv2State& state, const std::string& arn) {
    const auto found = state.rules.find(arn);
    if (found == state.rules.end()) return rule_not_found();
    if (found->second.is_default)
        return operation_not_permitted("Default rule '" + arn + "' cannot be deleted");
    state.rules.erase(found);
    return Ok{};
}

Result<std::vector<const Rule*>> set_rule_priorities(
    Elbv2State& state, const std::vector<std::pair<std::string, int>>& priorities) {
    if (priorities.empty()) return validation_error("At least one rule priority must be specified");
    std::map<std::string, int> wanted;  // rule ARN -> new priority
    for (const auto& [arn, priority] : priorities) {
        const auto found = state.rules.find(arn);
        if (found == state.rules.end()) return rule_not_found();
        if (found->second.is_default)
            return operation_not_permitted("The priority of default rule '" + arn + "' cannot be changed");
        if (auto valid = check_priority(priority); !valid) return valid.error();
        if (!wanted.emplace(arn, priority).second)
            return validation_error("Rule '" + arn + "' is specified more than once");
    }
    // The priorities each listener would end up with: rules being moved take their new value.
    std::map<std::pair<std::string, int>, std::string> taken;
    for (const auto& [arn, rule] : state.rules) {
        if (rule.is_default) continue;
        const auto moved = wanted.find(arn);
        const int priority = moved == wanted.end() ? rule.priority : moved->second;
        const auto [it, inserted] = taken.emplace(std::make_pair(rule.listener_arn, priority), arn);
        if (!inserted) return priority_in_use(priority);
    }
    for (const auto& [arn, priority] : wanted) state.rules.at(arn).priority = priority;
    std::vector<const Rule*> out;
    out.reserve(priorities.size());
    for (const auto& [arn, priority] : priorities) out.push_back(&state.rules.at(arn));
    return out;
}

}  // namespace ecsemu::core::elbv2
