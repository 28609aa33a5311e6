#include <catch2/catch.hpp>

#include "emulator/core/alb/snapshot_compiler.hpp"
#include "emulator/core/alb/target_health_machine.hpp"
#include "tests/unit/alb/alb_fixture.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::alb;
using namespace ecsemu::test::alb;
using elbv2::TargetState;

namespace {

void make_healthy(elbv2::RegisteredTarget& target, Instant since) {
    target.health = healthy_status();
    target.healthy_since = since;
}

void make_unhealthy(elbv2::RegisteredTarget& target) {
    target.health = {TargetState::Unhealthy, "Target.Timeout", "Request timed out"};
}

const SnapshotTargetGroup& group_named(const RoutingSnapshot& snapshot, const std::string& name) {
    for (const auto& group : snapshot.groups)
        if (group.name == name) return group;
    FAIL("no group " << name);
    return snapshot.groups.front();
}

}  // namespace

TEST_CASE("the guide's ALB: listener 80, rule 10 /api/* -> backend, default -> frontend") {
    elbv2::Elbv2World world;
    elbv2::Elbv2State& state = build_guide_alb(world);
    make_healthy(register_target(state, kFrontendTg, "127.1.0.5", 80, kT0), kT0);
    make_healthy(register_target(state, kBackendTg, "127.1.0.7", 8080, kT0), kT0);

    const RoutingSnapshot snapshot = compile_snapshot(world, kT0 + Duration::seconds(10), nullptr);
    REQUIRE(snapshot.listeners.size() == 1);
    const SnapshotListener& listener = snapshot.listeners.front();
    CHECK(listener.load_balancer_arn == kLbArn);
    CHECK(listener.load_balancer_name == "ielts-alb");
    CHECK(listener.listener_arn == kListenerArn);
    CHECK(listener.bind_host == "127.255.128.1");
    CHECK(listener.port == 80);
    CHECK(listener.idle_timeout_seconds == 60);
    REQUIRE(listener.rules.size() == 2);

    const SnapshotRule& api = listener.rules[0];
    CHECK(api.priority == 10);
    CHECK_FALSE(api.is_default);
    REQUIRE(api.conditions.size() == 1);
    CHECK(api.conditions[0].field == "path-pattern");
    CHECK(api.conditions[0].values == std::vector<std::string>{"/api/*"});
    CHECK(api.action.kind == SnapshotAction::Kind::Forward);
    REQUIRE(api.action.forward.groups.size() == 1);
    CHECK(snapshot.groups.at(api.action.forward.groups[0].group).arn == kBackendTg);

    const SnapshotRule& fallback = listener.rules[1];
    CHECK(fallback.is_default);
    CHECK(fallback.conditions.empty());
    REQUIRE(fallback.action.forward.groups.size() == 1);
    CHECK(snapshot.groups.at(fallback.action.forward.groups[0].group).arn == kFrontendTg);

    // The spare group is used by no listener and stays out.
    CHECK(snapshot.groups.size() == 2);
    const SnapshotTargetGroup& backend = group_named(snapshot, "ielts-backend-tg");
    REQUIRE(backend.targets.size() == 1);
    CHECK(backend.targets[0].id == "127.1.0.7");
    CHECK(backend.targets[0].port == 8080);
    CHECK(backend.targets[0].dial_host == "127.1.0.7");
    CHECK(backend.targets[0].dial_port == 8080);
    CHECK(backend.targets[0].availability_zone == "ap-southeast-1a");
    CHECK(backend.targets[0].weight == 1.0);
    CHECK(backend.registered == 1);
    CHECK(backend.algorithm == BalancingAlgorithm::RoundRobin);
    CHECK_FALSE(backend.stickiness_enabled);
}

TEST_CASE("rules are ordered by priority whatever their ARN order, default last") {
    elbv2::Elbv2World world;
    elbv2::Elbv2State& state = build_guide_alb(world);
    elbv2::Rule early = state.rules.at(kApiRuleArn);
    early.arn = kApiRuleArn + "-z";
    early.priority = 3;
    early.actions = {};
    elbv2::Action fixed;
    fixed.type = "fixed-response";
    fixed.fixed_response = elbv2::FixedResponse{"404", "text/plain", std::string("nope")};
    early.actions.push_back(fixed);
    state.rules.emplace(early.arn, early);

    const RoutingSnapshot snapshot = compile_snapshot(world, kT0, nullptr);
    const auto& rules = snapshot.listeners.at(0).rules;
    REQUIRE(rules.size() == 3);
    CHECK(rules[0].priority == 3);
    CHECK(rules[0].action.kind == SnapshotAction::Kind::FixedResponse);
    CHECK(rules[0].action.fixed_response.status_code == "404");
    CHECK(rules[1].priority == 10);
    CHECK(rules[2].is_default);
}

TEST_CASE("routable targets: healthy only, fail-open when none is healthy, draining never") {
    elbv2::Elbv2World world;
    elbv2::Elbv2State& state = build_guide_alb(world);
    register_target(state, kFrontendTg, "127.1.0.5", 80, kT0);
    register_target(state, kFrontendTg, "127.1.0.6", 80, kT0);
    register_target(state, kFrontendTg, "127.1.0.8", 80, kT0);
    make_healthy(*find_target(state, kFrontendTg, "127.1.0.5"), kT0);
    make_unhealthy(*find_target(state, kFrontendTg, "127.1.0.6"));
    auto& c = *find_target(state, kFrontendTg, "127.1.0.8");
    c.health = {TargetState::Draining, "Target.DeregistrationInProgress",
                "Target deregistration is in progress"};
    c.drain_until = kT0 + Duration::seconds(300);

    RoutingSnapshot snapshot = compile_snapshot(world, kT0, nullptr);
    const SnapshotTargetGroup* frontend = &group_named(snapshot, "ielts-frontend-tg");
    CHECK(frontend->registered == 2);
    REQUIRE(frontend->targets.size() == 1);
    CHECK(frontend->targets[0].id == "127.1.0.5");

    make_unhealthy(state.target_groups.at(kFrontendTg).targets[0]);
    snapshot = compile_snapshot(world, kT0, nullptr);
    frontend = &group_named(snapshot, "ielts-frontend-tg");
    REQUIRE(frontend->targets.size() == 2);  // fails open, but not to the draining one
    CHECK(frontend->targets[0].id == "127.1.0.5");
    CHECK(frontend->targets[1].id == "127.1.0.6");

    // Only draining registrations left: nothing to route to, nothing registered.
    auto& targets = state.target_groups.at(kFrontendTg).targets;
    targets.erase(targets.begin(), targets.begin() + 2);
    snapshot = compile_snapshot(world, kT0, nullptr);
    frontend = &group_named(snapshot, "ielts-frontend-tg");
    CHECK(frontend->registered == 0);
    CHECK(frontend->targets.empty());
}

TEST_CASE("initial targets are routed only while nothing is healthy") {
    elbv2::Elbv2World world;
    elbv2::Elbv2State& state = build_guide_alb(world);
    auto& a = register_target(state, kFrontendTg, "127.1.0.5", 80, kT0);
    restart_health(a);
    RoutingSnapshot snapshot = compile_snapshot(world, kT0, nullptr);
    CHECK(group_named(snapshot, "ielts-frontend-tg").targets.size() == 1);

    make_healthy(register_target(state, kFrontendTg, "127.1.0.6", 80, kT0), kT0);
    snapshot = compile_snapshot(world, kT0, nullptr);
    const auto& frontend = group_named(snapshot, "ielts-frontend-tg");
    REQUIRE(frontend.targets.size() == 1);
    CHECK(frontend.targets[0].id == "127.1.0.6");
}

TEST_CASE("dial addresses: resolver first, loopback ids as themselves, others unreachable") {
    elbv2::Elbv2World world;
    elbv2::Elbv2State& state = build_guide_alb(world);
    make_healthy(register_target(state, kBackendTg, "10.0.1.25", 8080, kT0), kT0);
    make_healthy(register_target(state, kBackendTg, "10.0.1.26", 8080, kT0), kT0);
    make_healthy(register_target(state, kBackendTg, "127.1.0.9", 8080, kT0), kT0);

    const DialResolver resolver = [](const std::string& account, const std::string& region,
                                     const std::string& id, int port) -> std::optional<DialAddress> {
        if (account != kAccount || region != kRegion || id != "10.0.1.25") return std::nullopt;
        return DialAddress{"127.1.0.3", static_cast<std::uint16_t>(port)};
    };
    const RoutingSnapshot snapshot = compile_snapshot(world, kT0, resolver);
    const auto& targets = group_named(snapshot, "ielts-backend-tg").targets;
    REQUIRE(targets.size() == 3);
    CHECK(targets[0].dial_host == "127.1.0.3");
    CHECK(targets[0].dial_port == 8080);
    CHECK(targets[1].dial_host.empty());
    CHECK(targets[2].dial_host == "127.1.0.9");
}

TEST_CASE("attributes: algorithm, stickiness, idle timeout") {
    elbv2::Elbv2World world;
    elbv2::Elbv2State& state = build_guide_alb(world);
    auto& backend = state.target_groups.at(kBackendTg).attributes;
    backend["load_balancing.algorithm.type"] = "least_outstanding_requests";
    backend["stickiness.enabled"] = "true";
    backend["stickiness.lb_cookie.duration_seconds"] = "600";
    auto& frontend = state.target_groups.at(kFrontendTg).attributes;
    frontend["load_balancing.algorithm.type"] = "weighted_random";
    frontend["stickiness.enabled"] = "true";
    frontend["stickiness.type"] = "app_cookie";
    state.load_balancers.at(kLbArn).attributes["idle_timeout.timeout_seconds"] = "120";

    const RoutingSnapshot snapshot = compile_snapshot(world, kT0, nullptr);
    CHECK(snapshot.listeners.at(0).idle_timeout_seconds == 120);
    const auto& b = group_named(snapshot, "ielts-backend-tg");
    CHECK(b.algorithm == BalancingAlgorithm::LeastOutstandingRequests);
    CHECK(b.stickiness_enabled);
    CHECK(b.stickiness_duration_seconds == 600);
    const auto& f = group_named(snapshot, "ielts-frontend-tg");
    CHECK(f.algorithm == BalancingAlgorithm::WeightedRandom);
    CHECK_FALSE(f.stickiness_enabled);  // app_cookie stickiness is not lb_cookie
}

TEST_CASE("weighted forward and group stickiness") {
    elbv2::Elbv2World world;
    elbv2::Elbv2State& state = build_guide_alb(world);
    elbv2::Action split;
    split.type = "forward";
    split.forward_groups = {{kFrontendTg, 80}, {kSpareTg, 20}, {"arn:deleted", 5}};
    split.has_forward_config = true;
    split.stickiness_enabled = true;
    split.stickiness_duration_seconds = 3600;
    state.listeners.at(kListenerArn).default_actions = {split};

    const RoutingSnapshot snapshot = compile_snapshot(world, kT0, nullptr);
    const SnapshotForward& forward = snapshot.listeners.at(0).rules.back().action.forward;
    REQUIRE(forward.groups.size() == 2);
    CHECK(snapshot.groups.at(forward.groups[0].group).arn == kFrontendTg);
    CHECK(forward.groups[0].weight == 80);
    CHECK(snapshot.groups.at(forward.groups[1].group).arn == kSpareTg);
    CHECK(forward.groups[1].weight == 20);
    CHECK(forward.group_stickiness_enabled);
    CHECK(forward.group_stickiness_duration_seconds == 3600);
}

TEST_CASE("a provisioning load balancer has no listeners in the snapshot until active") {
    elbv2::Elbv2World world;
    elbv2::Elbv2State& state = build_guide_alb(world);
    state.load_balancers.at(kLbArn).active_at = kT0 + Duration::seconds(30);
    CHECK(compile_snapshot(world, kT0, nullptr).listeners.empty());
    CHECK(next_routing_change(world, kT0) == kT0 + Duration::seconds(30));
    CHECK(compile_snapshot(world, kT0 + Duration::seconds(30), nullptr).listeners.size() == 1);
    CHECK_FALSE(next_routing_change(world, kT0 + Duration::seconds(30)));
}

TEST_CASE("slow start ramps a newly healthy target in tenths while another is past its ramp") {
    elbv2::Elbv2World world;
    elbv2::Elbv2State& state = build_guide_alb(world);
    state.target_groups.at(kFrontendTg).attributes["slow_start.duration_seconds"] = "100";
    make_healthy(register_target(state, kFrontendTg, "127.1.0.5", 80, kT0), kT0 - Duration::seconds(1000));
    make_healthy(register_target(state, kFrontendTg, "127.1.0.6", 80, kT0), kT0);

    auto weight_at = [&](int seconds) {
        const RoutingSnapshot snapshot = compile_snapshot(world, kT0 + Duration::seconds(seconds), nullptr);
        return group_named(snapshot, "ielts-frontend-tg").targets.at(1).weight;
    };
    CHECK(weight_at(0) == Approx(0.1));
    CHECK(weight_at(9) == Approx(0.1));
    CHECK(weight_at(10) == Approx(0.2));
    CHECK(weight_at(55) == Approx(0.6));
    CHECK(weight_at(99) == Approx(1.0));
    CHECK(weight_at(100) == 1.0);
    CHECK(next_routing_change(world, kT0) == kT0 + Duration::seconds(10));
    CHECK(next_routing_change(world, kT0 + Duration::seconds(95)) == kT0 + Duration::seconds(100));
    CHECK_FALSE(next_routing_change(world, kT0 + Duration::seconds(100)));
    // Only the frontend group ramps, and only the groups named are read for it.
    const auto groups = slow_start_groups(world);
    REQUIRE(groups.size() == 1);
    CHECK(groups[0].arn == kFrontendTg);
    CHECK(next_routing_change(world, kT0, groups) == kT0 + Duration::seconds(10));
    CHECK_FALSE(next_routing_change(world, kT0, {}));
    // A least-outstanding-requests group has no slow start, whatever its duration says.
    state.target_groups.at(kFrontendTg).attributes["load_balancing.algorithm.type"] =
        "least_outstanding_requests";
    CHECK(slow_start_groups(world).empty());
    state.target_groups.at(kFrontendTg).attributes["load_balancing.algorithm.type"] = "round_robin";

    // Alone (no healthy target past its ramp), a new target takes full traffic.
    state.target_groups.at(kFrontendTg).targets.erase(state.target_groups.at(kFrontendTg).targets.begin());
    const RoutingSnapshot alone = compile_snapshot(world, kT0, nullptr);
    CHECK(group_named(alone, "ielts-frontend-tg").targets.at(0).weight == 1.0);
}

TEST_CASE("target_groups_in_use and terminal_action") {
    elbv2::Elbv2World world;
    elbv2::Elbv2State& state = build_guide_alb(world);
    CHECK(target_groups_in_use(state) == std::set<std::string>{kFrontendTg, kBackendTg});

    elbv2::Action auth;
    auth.type = "authenticate-oidc";
    auth.order = 1;
    elbv2::Action redirect;
    redirect.type = "redirect";
    redirect.order = 3;
    elbv2::Action forward = forward_to(kSpareTg);
    forward.order = 2;
    const std::vector<elbv2::Action> actions{auth, redirect, forward};
    REQUIRE(terminal_action(actions) != nullptr);
    CHECK(terminal_action(actions)->type == "forward");
    CHECK(terminal_action({}) == nullptr);
}
