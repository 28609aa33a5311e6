#include "emulator/core/alb/snapshot_compiler.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <vector>

#include "emulator/core/alb/target_health_machine.hpp"
#include "emulator/core/region_key.hpp"

namespace ecsemu::core::alb {

namespace {

using elbv2::Action;
using elbv2::RegisteredTarget;
using elbv2::TargetGroup;
using elbv2::TargetState;

constexpr int kSlowStartSteps = 10;

bool is_terminal(const Action& action) {
    return action.type == "forward" || action.type == "fixed-response" || action.type == "redirect";
}

void collect_forwarded(const std::vector<Action>& actions, std::set<std::string>& out) {
    for (const Action& action : actions) {
        if (action.type != "forward") continue;
        if (!action.target_group_arn.empty()) out.insert(action.target_group_arn);
        for (const auto& weighted : action.forward_groups) out.insert(weighted.target_group_arn);
    }
}

BalancingAlgorithm algorithm_of(const TargetGroup& group) {
    static const std::string kKey = "load_balancing.algorithm.type";  // built once, not at every lookup
    const auto it = group.attributes.find(kKey);
    if (it == group.attributes.end()) return BalancingAlgorithm::RoundRobin;
    if (it->second == "least_outstanding_requests") return BalancingAlgorithm::LeastOutstandingRequests;
    if (it->second == "weighted_random") return BalancingAlgorithm::WeightedRandom;
    return BalancingAlgorithm::RoundRobin;
}

std::string attribute(const elbv2::Attributes& attributes, const std::string& key,
                      const std::string& fallback) {
    const auto it = attributes.find(key);
    return it == attributes.end() ? fallback : it->second;
}

Duration slow_start_of(const TargetGroup& group) {
    // The duration first: it is 0 for almost every group, and every routing change asks every group.
    static const std::string kKey = "slow_start.duration_seconds";  // built once, not at every lookup
    const std::int64_t seconds = attribute_int(group.attributes, kKey, 0);
    if (seconds == 0 || algorithm_of(group) == BalancingAlgorithm::LeastOutstandingRequests)
        return Duration{};
    return Duration::seconds(seconds);
}

bool is_routable_health(const RegisteredTarget& target) {
    return target.health.state == TargetState::Healthy || target.health.state == TargetState::Unavailable;
}

// The ramp step `target` is in (0..kSlowStartSteps-1), or nullopt once past the ramp.
std::optional<std::int64_t> ramp_step(const RegisteredTarget& target, Duration slow_start, Instant now) {
    if (slow_start.ms <= 0 || !target.healthy_since || target.health.state != TargetState::Healthy)
        return std::nullopt;
    const Duration elapsed = now - *target.healthy_since;
    if (elapsed.ms < 0 || elapsed >= slow_start) return std::nullopt;
    const std::int64_t step_ms = std::max<std::int64_t>(1, slow_start.ms / kSlowStartSteps);
    return std::min<std::int64_t>(elapsed.ms / step_ms, kSlowStartSteps - 1);
}

struct Compiler {
    const elbv2::Elbv2World& world;
    Instant now;
    const DialResolver& resolver;
    RoutingSnapshot snapshot;
    std::map<std::string, std::size_t> group_index;  // by target group ARN

    void compile() {
        for (const auto& [region_key, region] : world.regions()) {
            const auto [account, region_name] = core::split_region_key(region_key);
            for (const auto& [lb_arn, lb] : region.state.load_balancers) {
                if (now < lb.active_at) continue;
                for (const auto& [listener_arn, listener] : region.state.listeners) {
                    if (listener.load_balancer_arn != lb_arn) continue;
                    snapshot.listeners.push_back(
                        compile_listener(region.state, account, region_name, lb, listener));
                }
            }
        }
    }

    SnapshotListener compile_listener(const elbv2::Elbv2State& state, const std::string& account,
                                      const std::string& region_name, const elbv2::LoadBalancer& lb,
                                      const elbv2::Listener& listener) {
        SnapshotListener out;
        out.load_balancer_arn = lb.arn;
        out.load_balancer_name = lb.name;
        out.listener_arn = listener.arn;
        out.bind_host = lb.local_address;
        out.port = static_cast<std::uint16_t>(listener.port);
        out.idle_timeout_seconds = attribute_int(lb.attributes, "idle_timeout.timeout_seconds", 60);

        std::vector<const elbv2::Rule*> rules;
        for (const auto& [rule_arn, rule] : state.rules)
            if (rule.listener_arn == listener.arn && !rule.is_default) rules.push_back(&rule);
        std::stable_sort(rules.begin(), rules.end(), [](const elbv2::Rule* a, const elbv2::Rule* b) {
            return a->priority < b->priority;
        });
        for (const elbv2::Rule* rule : rules) {
            SnapshotRule compiled;
            compiled.priority = rule->priority;
            compiled.conditions = rule->conditions;
            compiled.action = compile_action(state, account, region_name, rule->actions);
            out.rules.push_back(std::move(compiled));
        }
        SnapshotRule fallback;
        fallback.is_default = true;
        fallback.priority = 50001;  // after every numbered rule
        fallback.action = compile_action(state, account, region_name, listener.default_actions);
        out.rules.push_back(std::move(fallback));
        return out;
    }

    SnapshotAction compile_action(const elbv2::Elbv2State& state, const std::string& account,
                                  const std::string& region_name, const std::vector<Action>& actions) {
        SnapshotAction out;
        const Action* action = terminal_action(actions);
        if (action == nullptr) {
            // A rule without a terminal action cannot be created; answer as AWS does for no targets.
            out.kind = SnapshotAction::Kind::FixedResponse;
            out.fixed_response.status_code = "503";
            out.fixed_response.content_type = "text/plain";
            return out;
        }
        if (action->type == "fixed-response") {
            out.kind = SnapshotAction::Kind::FixedResponse;
            if (action->fixed_response) out.fixed_response = *action->fixed_response;
            return out;
        }
        if (action->type == "redirect") {
            out.kind = SnapshotAction::Kind::Redirect;
            if (action->redirect) out.redirect = *action->redirect;
            return out;
        }
        out.kind = SnapshotAction::Kind::Forward;
        std::vector<elbv2::WeightedTargetGroup> groups = action->forward_groups;
        if (groups.empty() && !action->target_group_arn.empty())
            groups.push_back({action->target_group_arn, 1});
        for (const auto& weighted : groups) {
            const auto it = state.target_groups.find(weighted.target_group_arn);
            if (it == state.target_groups.end()) continue;
            out.forward.groups.push_back({group_for(account, region_name, it->second), weighted.weight});
        }
        out.forward.group_stickiness_enabled = action->stickiness_enabled;
        out.forward.group_stickiness_duration_seconds = action->stickiness_duration_seconds;
        return out;
    }

    std::size_t group_for(const std::string& account, const std::string& region_name,
                          const TargetGroup& group) {
        const auto found = group_index.find(group.arn);
        if (found != group_index.end()) return found->second;
        const std::size_t index = snapshot.groups.size();
        group_index.emplace(group.arn, index);
        snapshot.groups.push_back(compile_group(account, region_name, group));
        return index;
    }

    SnapshotTargetGroup compile_group(const std::string& account, const std::string& region_name,
                                      const TargetGroup& group) {
        SnapshotTargetGroup out;
        out.arn = group.arn;
        out.name = group.name;
        out.algorithm = algorithm_of(group);
        out.stickiness_enabled = attribute(group.attributes, "stickiness.enabled", "false") == "true" &&
                                 attribute(group.attributes, "stickiness.type", "lb_cookie") == "lb_cookie";
        out.stickiness_duration_seconds =
            attribute_int(group.attributes, "stickiness.lb_cookie.duration_seconds", 86400);

        std::vector<const RegisteredTarget*> live;
        bool any_routable = false;
        for (const RegisteredTarget& target : group.targets) {
            if (is_draining(target)) continue;
            live.push_back(&target);
            any_routable = any_routable || is_routable_health(target);
        }
        out.registered = static_cast<int>(live.size());

        const Duration slow_start = slow_start_of(group);
        bool any_past_ramp = false;
        for (const RegisteredTarget* target : live)
            if (is_routable_health(*target) && !ramp_step(*target, slow_start, now)) any_past_ramp = true;

        for (const RegisteredTarget* target : live) {
            if (any_routable && !is_routable_health(*target)) continue;
            SnapshotTarget compiled;
            compiled.id = target->id;
            compiled.port = target->port;
            compiled.availability_zone = target->availability_zone;
            // Unreachable targets keep an empty dial_host: the proxy answers 502 as for a refused connect.
            if (const auto dial = resolve_dial(resolver, account, region_name, target->id, target->port)) {
                compiled.dial_host = dial->first;
                compiled.dial_port = dial->second;
            }
            if (any_past_ramp) {
                if (const auto step = ramp_step(*target, slow_start, now))
                    compiled.weight = static_cast<double>(*step + 1) / kSlowStartSteps;
            }
            out.targets.push_back(std::move(compiled));
        }
        return out;
    }
};

}  // namespace

std::optional<DialAddress> loopback_dial(const std::string& target_id, int port) {
    if (target_id.rfind("127.", 0) != 0 || port <= 0 || port > 65535) return std::nullopt;
    return DialAddress{target_id, static_cast<std::uint16_t>(port)};
}

std::optional<DialAddress> resolve_dial(const DialResolver& resolver, const std::string& account_id,
                                        const std::string& region, const std::string& target_id, int port) {
    if (resolver) {
        if (auto dial = resolver(account_id, region, target_id, port)) return dial;
    }
    return loopback_dial(target_id, port);
}

std::set<std::string> target_groups_in_use(const elbv2::Elbv2State& state) {
    std::set<std::string> out;
    for (const auto& [arn, listener] : state.listeners) collect_forwarded(listener.default_actions, out);
    for (const auto& [arn, rule] : state.rules) collect_forwarded(rule.actions, out);
    return out;
}

const Action* terminal_action(const std::vector<Action>& actions) {
    const Action* best = nullptr;
    for (const Action& action : actions) {
        if (!is_terminal(action)) continue;
        if (best == nullptr) {
            best = &action;
            continue;
        }
        const bool earlier = action.order && (!best->order || *action.order < *best->order);
        if (earlier) best = &action;
    }
    return best;
}

std::int64_t attribute_int(const elbv2::Attributes& attributes, const std::string& key,
                           std::int64_t fallback) {
    const auto it = attributes.find(key);
    if (it == attributes.end()) return fallback;
    std::int64_t value = 0;
    const char* first = it->second.data();
    const char* last = first + it->second.size();
    const auto [end, error] = std::from_chars(first, last, value);
    return (error == std::errc() && end == last) ? value : fallback;
}

RoutingSnapshot compile_snapshot(const elbv2::Elbv2World& world, Instant now, const DialResolver& resolver) {
    Compiler compiler{world, now, resolver, {}, {}};
    compiler.compile();
    return std::move(compiler.snapshot);
}

std::optional<Instant> next_routing_change(const elbv2::Elbv2World& world, Instant now) {
    return next_routing_change(world, now, slow_start_groups(world));
}

std::vector<SlowStartGroup> slow_start_groups(const elbv2::Elbv2World& world) {
    std::vector<SlowStartGroup> groups;
    for (const auto& [region_key, region] : world.regions()) {
        for (const auto& [arn, group] : region.state.target_groups) {
            if (slow_start_of(group).ms > 0) groups.push_back({region_key, arn});
        }
    }
    return groups;
}

std::optional<Instant> next_routing_change(const elbv2::Elbv2World& world, Instant now,
                                           const std::vector<SlowStartGroup>& groups) {
    std::optional<Instant> earliest;
    const auto consider = [&](Instant at) {
        if (at > now && (!earliest || at < *earliest)) earliest = at;
    };
    for (const auto& [region_key, region] : world.regions()) {
        for (const auto& [arn, lb] : region.state.load_balancers) consider(lb.active_at);
    }
    for (const auto& [region_key, arn] : groups) {
        const auto region = world.regions().find(region_key);
        if (region == world.regions().end()) continue;
        const auto found = region->second.state.target_groups.find(arn);
        if (found == region->second.state.target_groups.end()) continue;
        const TargetGroup& group = found->second;
        const Duration slow_start = slow_start_of(group);
        if (slow_start.ms <= 0) continue;
        const std::int64_t step_ms = std::max<std::int64_t>(1, slow_start.ms / kSlowStartSteps);
        for (const RegisteredTarget& target : group.targets) {
            const auto step = ramp_step(target, slow_start, now);
            if (!step) continue;
            const Instant end = *target.healthy_since + slow_start;
            const Instant next = *target.healthy_since + Duration::milliseconds(step_ms * (*step + 1));
            consider(*step + 1 >= kSlowStartSteps || next > end ? end : next);
        }
    }
    return earliest;
}

}  // namespace ecsemu::core::alb
