#include "emulator/core/elbv2/usage.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string_view>
#include <utility>

namespace ecsemu::core::elbv2 {

namespace {

// Calls `visit` with every target group ARN the forward actions name (a plain forward's and each weighted
// group's, possibly empty or repeated) until it returns true; whether one did.
template <class Visit>
bool any_forwarded(const std::vector<Action>& actions, Visit visit) {
    for (const auto& action : actions) {
        if (action.type != "forward") continue;
        if (visit(action.target_group_arn)) return true;
        for (const auto& group : action.forward_groups)
            if (visit(group.target_group_arn)) return true;
    }
    return false;
}

bool forwards_to(const Rule& rule, const std::string& tg_arn) {
    // Asked for every rule of every group: no list of the rule's groups is built for it.
    return any_forwarded(rule.actions,
                         [&tg_arn](const std::string& arn) { return !arn.empty() && arn == tg_arn; });
}

}  // namespace

std::vector<std::string> forwarded_target_groups(const std::vector<Action>& actions) {
    std::vector<std::string> out;
    any_forwarded(actions, [&out](const std::string& arn) {
        if (!arn.empty() && std::find(out.begin(), out.end(), arn) == out.end()) out.push_back(arn);
        return false;
    });
    return out;
}

bool target_group_in_use(const Elbv2State& state, const std::string& tg_arn) {
    return std::any_of(state.rules.begin(), state.rules.end(),
                       [&](const auto& entry) { return forwards_to(entry.second, tg_arn); });
}

std::vector<std::string> load_balancers_of_target_group(const Elbv2State& state, const std::string& tg_arn) {
    std::set<std::string> found;
    for (const auto& [arn, rule] : state.rules) {
        if (!forwards_to(rule, tg_arn)) continue;
        const auto listener = state.listeners.find(rule.listener_arn);
        if (listener != state.listeners.end()) found.insert(listener->second.load_balancer_arn);
    }
    return {found.begin(), found.end()};
}

std::map<std::string, std::vector<std::string>> load_balancers_by_target_group(const Elbv2State& state) {
    // (group, load balancer) views first, sorted once, and each string copied once into the answer: the
    // simulator's traffic and the ALB metrics ask for it every minute, and sets of strings built per rule
    // were most of that.
    std::vector<std::pair<std::string_view, std::string_view>> pairs;
    for (const auto& [arn, rule] : state.rules) {
        const auto listener = state.listeners.find(rule.listener_arn);
        if (listener == state.listeners.end()) continue;
        const std::string& lb_arn = listener->second.load_balancer_arn;
        any_forwarded(rule.actions, [&pairs, &lb_arn](const std::string& tg_arn) {
            if (!tg_arn.empty()) pairs.emplace_back(tg_arn, lb_arn);
            return false;
        });
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& [tg_arn, lb_arn] : pairs) {
        // In group order: each group goes at the end of the map.
        if (out.empty() || std::prev(out.end())->first != tg_arn)
            out.emplace_hint(out.end(), std::string(tg_arn), std::vector<std::string>{});
        std::prev(out.end())->second.emplace_back(lb_arn);
    }
    return out;
}

std::vector<std::string> target_groups_of_load_balancer(const Elbv2State& state, const std::string& lb_arn) {
    std::set<std::string> found;
    for (const auto& [arn, rule] : state.rules) {
        const auto listener = state.listeners.find(rule.listener_arn);
        if (listener == state.listeners.end() || listener->second.load_balancer_arn != lb_arn) continue;
        for (const auto& tg : forwarded_target_groups(rule.actions)) found.insert(tg);
    }
    return {found.begin(), found.end()};
}

std::vector<const Rule*> rules_of_listener(const Elbv2State& state, const std::string& listener_arn) {
    std::vector<const Rule*> out;
    const Rule* default_rule = nullptr;
    for (const auto& [arn, rule] : state.rules) {
        if (rule.listener_arn != listener_arn) continue;
        if (rule.is_default) {
            default_rule = &rule;
        } else {
            out.push_back(&rule);
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Rule* a, const Rule* b) { return a->priority < b->priority; });
    if (default_rule != nullptr) out.push_back(default_rule);
    return out;
}

int rule_count_of_load_balancer(const Elbv2State& state, const std::string& lb_arn) {
    int count = 0;
    for (const auto& [arn, rule] : state.rules) {
        if (rule.is_default) continue;
        const auto listener = state.listeners.find(rule.listener_arn);
        if (listener != state.listeners.end() && listener->second.load_balancer_arn == lb_arn) ++count;
    }
    return count;
}

}  // namespace ecsemu::core::elbv2
