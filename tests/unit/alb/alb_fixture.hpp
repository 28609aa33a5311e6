#pragma once
// The guide's ALB as an Elbv2World for the ALB tests: load balancer ielts-alb with listener 80, rule 10
// (/api/* -> ielts-backend-tg) and the default action -> ielts-frontend-tg; plus a scripted HealthProbe.
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "emulator/core/alb/health_probe.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/model/elbv2.hpp"

namespace ecsemu::test::alb {

inline constexpr const char* kAccount = "123456789012";
inline constexpr const char* kRegion = "ap-southeast-1";
inline const std::string kLbArn =
    "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:loadbalancer/app/ielts-alb/0123456789abcdef";
inline const std::string kListenerArn =
    "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:listener/app/ielts-alb/0123456789abcdef/"
    "1111111111111111";
inline const std::string kApiRuleArn =
    "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:listener-rule/app/ielts-alb/0123456789abcdef/"
    "1111111111111111/2222222222222222";
inline const std::string kFrontendTg =
    "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:targetgroup/ielts-frontend-tg/aaaaaaaaaaaaaaaa";
inline const std::string kBackendTg =
    "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:targetgroup/ielts-backend-tg/bbbbbbbbbbbbbbbb";
inline const std::string kSpareTg =
    "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:targetgroup/spare-tg/cccccccccccccccc";

// The tests' clock starts here; at(s) is s seconds later.
inline const core::Instant kT0{1'700'000'000'000};
inline core::Instant at(int seconds) {
    return kT0 + core::Duration::seconds(seconds);
}

inline core::elbv2::Action forward_to(const std::string& group_arn) {
    core::elbv2::Action action;
    action.type = "forward";
    action.target_group_arn = group_arn;
    action.forward_groups = {{group_arn, 1}};
    return action;
}

inline core::elbv2::TargetGroup target_group(const std::string& arn, const std::string& name, int port,
                                             const std::string& health_path) {
    core::elbv2::TargetGroup group;
    group.arn = arn;
    group.name = name;
    group.port = port;
    group.health_check.path = health_path;
    group.attributes = {{"deregistration_delay.timeout_seconds", "300"},
                        {"load_balancing.algorithm.type", "round_robin"},
                        {"slow_start.duration_seconds", "0"},
                        {"stickiness.enabled", "false"},
                        {"stickiness.type", "lb_cookie"},
                        {"stickiness.lb_cookie.duration_seconds", "86400"}};
    return group;
}

// The guide's ALB, active from t=0, in a fresh world.
inline core::elbv2::Elbv2State& build_guide_alb(core::elbv2::Elbv2World& world) {
    core::elbv2::Elbv2State& state = world.region(kAccount, kRegion).state;
    core::elbv2::LoadBalancer lb;
    lb.arn = kLbArn;
    lb.name = "ielts-alb";
    lb.local_address = world.allocate_local_address();
    lb.attributes = {{"idle_timeout.timeout_seconds", "60"}};
    state.load_balancers.emplace(lb.arn, lb);

    state.target_groups.emplace(kFrontendTg, target_group(kFrontendTg, "ielts-frontend-tg", 80, "/"));
    state.target_groups.emplace(kBackendTg,
                                target_group(kBackendTg, "ielts-backend-tg", 8080, "/api/health"));
    state.target_groups.emplace(kSpareTg, target_group(kSpareTg, "spare-tg", 80, "/"));

    core::elbv2::Listener listener;
    listener.arn = kListenerArn;
    listener.load_balancer_arn = kLbArn;
    listener.port = 80;
    listener.default_actions = {forward_to(kFrontendTg)};
    state.listeners.emplace(listener.arn, listener);

    core::elbv2::Rule rule;
    rule.arn = kApiRuleArn;
    rule.listener_arn = kListenerArn;
    rule.priority = 10;
    core::elbv2::RuleCondition path;
    path.field = "path-pattern";
    path.values = {"/api/*"};
    rule.conditions = {path};
    rule.actions = {forward_to(kBackendTg)};
    state.rules.emplace(rule.arn, rule);
    return state;
}

inline core::elbv2::RegisteredTarget& register_target(core::elbv2::Elbv2State& state,
                                                      const std::string& group_arn, const std::string& id,
                                                      int port, core::Instant at) {
    core::elbv2::RegisteredTarget target;
    target.id = id;
    target.port = port;
    target.availability_zone = "ap-southeast-1a";
    target.registered_at = at;
    auto& targets = state.target_groups.at(group_arn).targets;
    targets.push_back(target);
    return targets.back();
}

inline core::elbv2::RegisteredTarget* find_target(core::elbv2::Elbv2State& state,
                                                  const std::string& group_arn, const std::string& id) {
    for (auto& target : state.target_groups.at(group_arn).targets)
        if (target.id == id) return &target;
    return nullptr;
}

// Answers every probe to "host:port" with the scripted results in order, then repeats the last one; answers
// synchronously unless `deferred`, in which case callbacks wait in `pending` until released.
class ScriptedProbe final : public core::alb::HealthProbe {
public:
    void probe(const core::alb::ProbeRequest& request,
               std::function<void(core::alb::ProbeResult)> done) override {
        requests.push_back(request);
        const std::string key = request.dial_host + ":" + std::to_string(request.dial_port);
        core::alb::ProbeResult result{core::alb::ProbeResult::Outcome::ConnectFailed, 0};
        auto& script = scripts[key];
        if (!script.empty()) {
            result = script.front();
            if (script.size() > 1) script.pop_front();
        }
        if (deferred) {
            pending.push_back([done = std::move(done), result] { done(result); });
            return;
        }
        done(result);
    }

    void answer(const std::string& host_port, std::vector<core::alb::ProbeResult> results) {
        scripts[host_port] = std::deque<core::alb::ProbeResult>(results.begin(), results.end());
    }

    void release_all() {
        auto callbacks = std::move(pending);
        pending.clear();
        for (auto& callback : callbacks) callback();
    }

    std::size_t count_to(const std::string& host_port) const {
        std::size_t n = 0;
        for (const auto& request : requests)
            if (request.dial_host + ":" + std::to_string(request.dial_port) == host_port) ++n;
        return n;
    }

    std::map<std::string, std::deque<core::alb::ProbeResult>> scripts;
    std::vector<core::alb::ProbeRequest> requests;
    std::vector<std::function<void()>> pending;
    bool deferred = false;
};

inline core::alb::ProbeResult http(int status) {
    return {core::alb::ProbeResult::Outcome::Response, status};
}
inline core::alb::ProbeResult timed_out() {
    return {core::alb::ProbeResult::Outcome::Timeout, 0};
}
inline core::alb::ProbeResult refused() {
    return {core::alb::ProbeResult::Outcome::ConnectFailed, 0};
}

}  // namespace ecsemu::test::alb
