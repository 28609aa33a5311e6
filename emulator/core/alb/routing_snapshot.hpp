#pragma once
// What the ALB data plane reads: an immutable picture of every listener, its rules in evaluation order and
// the targets each target group may route to right now. The control logic (core/alb) compiles one from the
// ELBv2 store whenever routing changes (a rule, a registration, a health transition) and publishes it as a
// shared_ptr<const RoutingSnapshot>; proxy threads swap to the new one atomically and never see the store.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/model/elbv2.hpp"

namespace ecsemu::core::alb {

enum class BalancingAlgorithm { RoundRobin, LeastOutstandingRequests, WeightedRandom };

struct SnapshotTarget {
    std::string id;  // as registered (an IP address or instance id)
    int port = 0;
    // Where the proxy connects: the task's loopback address for targets that are ECS tasks, the id itself
    // for 127.0.0.0/8 targets.
    std::string dial_host;
    std::uint16_t dial_port = 0;
    std::string availability_zone;
    // 0 < weight <= 1: below 1 while slow start ramps a newly healthy target up.
    double weight = 1.0;
};

struct SnapshotTargetGroup {
    std::string arn;
    std::string name;
    BalancingAlgorithm algorithm = BalancingAlgorithm::RoundRobin;
    // Targets that may receive new requests: the healthy ones, or every registered non-draining target when
    // none is healthy (AWS fails open). Empty with `registered` > 0 only if all are draining.
    std::vector<SnapshotTarget> targets;
    int registered = 0;               // registrations not draining; 0 -> the ALB answers 503
    bool stickiness_enabled = false;  // stickiness.enabled with stickiness.type lb_cookie
    std::int64_t stickiness_duration_seconds = 86400;
};

// A condition ready to evaluate (core/alb/rule_match.hpp). Values keep the API's text; matching semantics
// (case, wildcards) are applied by the matcher.
using SnapshotCondition = elbv2::RuleCondition;

struct SnapshotForward {
    struct Weighted {
        std::size_t group = 0;  // index into RoutingSnapshot::groups
        int weight = 1;
    };
    std::vector<Weighted> groups;
    bool group_stickiness_enabled = false;
    std::int64_t group_stickiness_duration_seconds = 0;
};

struct SnapshotAction {
    enum class Kind { Forward, FixedResponse, Redirect };
    Kind kind = Kind::Forward;
    SnapshotForward forward;
    elbv2::FixedResponse fixed_response;
    elbv2::Redirect redirect;
};

struct SnapshotRule {
    int priority = 0;  // evaluation order; the default rule comes last
    bool is_default = false;
    std::vector<SnapshotCondition> conditions;
    SnapshotAction action;  // the terminal action
};

struct SnapshotListener {
    std::string load_balancer_arn;
    std::string load_balancer_name;
    std::string listener_arn;
    std::string bind_host;    // the load balancer's loopback address
    std::uint16_t port = 80;  // the listener's port as the API shows it; the proxy may map it (see net/alb)
    std::vector<SnapshotRule> rules;  // ascending priority, default last
    std::int64_t idle_timeout_seconds = 60;
};

struct RoutingSnapshot {
    std::uint64_t version = 0;
    std::vector<SnapshotListener> listeners;
    std::vector<SnapshotTargetGroup> groups;
};

using RoutingSnapshotPtr = std::shared_ptr<const RoutingSnapshot>;

}  // namespace ecsemu::core::alb
