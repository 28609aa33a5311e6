#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "emulator/core/alb/alb_controller.hpp"
#include "emulator/core/alb/target_health_machine.hpp"
#include "sim/kernel/virtual_clock.hpp"
#include "tests/unit/alb/alb_fixture.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::alb;
using namespace ecsemu::test::alb;
using elbv2::TargetState;

namespace {

struct Harness {
    elbv2::Elbv2World world;
    elbv2::Elbv2State& state = build_guide_alb(world);
    ecsemu::sim::VirtualClock clock{kT0};
    ScriptedProbe probe;
    std::vector<RoutingSnapshotPtr> published;
    std::vector<std::string> health_changes;  // target group ARNs, in notification order
    std::optional<AlbController> controller;

    explicit Harness(DialResolver resolver = nullptr) {
        AlbControllerHooks hooks;
        hooks.publish = [this](RoutingSnapshotPtr snapshot) { published.push_back(std::move(snapshot)); };
        hooks.resolve_dial = std::move(resolver);
        hooks.on_target_health_changed = [this](const std::string& account, const std::string& region,
                                                const std::string& group) {
            CHECK(account == kAccount);
            CHECK(region == kRegion);
            health_changes.push_back(group);
        };
        controller.emplace(world, clock, probe, std::move(hooks));
    }

    elbv2::RegisteredTarget& add(const std::string& group, const std::string& id, int port) {
        auto& target = register_target(state, group, id, port, clock.now());
        controller->on_api_mutation(kAccount, kRegion);
        return target;
    }

    elbv2::RegisteredTarget* target(const std::string& group, const std::string& id) {
        return find_target(state, group, id);
    }

    void run_to(int seconds) { clock.run_until(at(seconds)); }

    const SnapshotTargetGroup* snapshot_group(const std::string& arn) const {
        for (const auto& group : controller->current_snapshot()->groups)
            if (group.arn == arn) return &group;
        return nullptr;
    }

    std::size_t changes_of(const std::string& group) const {
        return static_cast<std::size_t>(std::count(health_changes.begin(), health_changes.end(), group));
    }
};

}  // namespace

TEST_CASE("a registration is checked after 1 s and becomes healthy on the first pass") {
    Harness h;
    h.probe.answer("127.1.0.5:80", {http(200)});
    h.add(kFrontendTg, "127.1.0.5", 80);
    h.run_to(0);

    const auto* target = h.target(kFrontendTg, "127.1.0.5");
    CHECK(target->health.state == TargetState::Initial);
    CHECK(target->health.reason == "Elb.RegistrationInProgress");
    CHECK(h.probe.requests.empty());
    CHECK(h.changes_of(kFrontendTg) == 1);
    REQUIRE_FALSE(h.published.empty());
    CHECK(h.controller->current_snapshot()->listeners.size() == 1);
    // Nothing healthy yet: the initial target is routed (fail-open).
    CHECK(h.snapshot_group(kFrontendTg)->targets.size() == 1);
    CHECK(h.controller->next_pass_at() == at(1));

    h.run_to(1);
    REQUIRE(h.probe.requests.size() == 1);
    const ProbeRequest& request = h.probe.requests[0];
    CHECK(request.dial_host == "127.1.0.5");
    CHECK(request.dial_port == 80);
    CHECK(request.path == "/");
    CHECK(request.host_header == "127.1.0.5:80");
    CHECK(request.timeout == Duration::seconds(5));
    CHECK(target->health.state == TargetState::Healthy);
    CHECK(target->healthy_since == at(1));
    // RegistrationInProgress -> InitialHealthChecking -> healthy: each is visible to DescribeTargetHealth.
    CHECK(h.changes_of(kFrontendTg) == 3);
    CHECK(h.snapshot_group(kFrontendTg)->targets.size() == 1);

    // Then every interval (30 s).
    h.run_to(30);
    CHECK(h.probe.requests.size() == 1);
    h.run_to(31);
    CHECK(h.probe.requests.size() == 2);
    h.run_to(91);
    CHECK(h.probe.requests.size() == 4);
    CHECK(h.changes_of(kFrontendTg) == 3);  // nothing new to report
}

TEST_CASE(
    "failing checks: initial -> unhealthy at the threshold, then healthy after HealthyThreshold passes") {
    Harness h;
    h.probe.answer("127.1.0.7:8080", {http(503), http(503), http(200)});
    h.add(kBackendTg, "127.1.0.7", 8080);
    h.run_to(1);
    const auto* target = h.target(kBackendTg, "127.1.0.7");
    CHECK(h.probe.requests.at(0).path == "/api/health");
    CHECK(target->health.state == TargetState::Initial);
    CHECK(target->health.reason == "Elb.InitialHealthChecking");
    CHECK(target->health.description == "Initial health checks in progress");

    h.run_to(31);
    CHECK(target->health.state == TargetState::Unhealthy);
    CHECK(target->health.reason == "Target.ResponseCodeMismatch");
    CHECK(target->health.description == "Health checks failed with these codes: [503]");
    // The only target: still routed (fail-open).
    CHECK(h.snapshot_group(kBackendTg)->targets.size() == 1);

    // Passes at 61, 91, 121, 151, 181: healthy at the fifth.
    h.run_to(151);
    CHECK(target->health.state == TargetState::Unhealthy);
    h.run_to(181);
    CHECK(target->health.state == TargetState::Healthy);
    CHECK(target->health.reason.empty());
}

TEST_CASE("an unhealthy target stops receiving traffic while another is healthy") {
    Harness h;
    h.probe.answer("127.1.0.5:80", {http(200)});
    h.probe.answer("127.1.0.6:80", {http(200), timed_out()});
    h.add(kFrontendTg, "127.1.0.5", 80);
    h.add(kFrontendTg, "127.1.0.6", 80);
    h.run_to(1);
    CHECK(h.snapshot_group(kFrontendTg)->targets.size() == 2);
    h.run_to(61);
    CHECK(h.target(kFrontendTg, "127.1.0.6")->health.state == TargetState::Unhealthy);
    CHECK(h.target(kFrontendTg, "127.1.0.6")->health.reason == "Target.Timeout");
    const auto* group = h.snapshot_group(kFrontendTg);
    REQUIRE(group->targets.size() == 1);
    CHECK(group->targets[0].id == "127.1.0.5");
    CHECK(group->registered == 2);
}

TEST_CASE("draining: out of routing at once, removed at the deregistration delay") {
    Harness h;
    h.probe.answer("127.1.0.5:80", {http(200)});
    h.probe.answer("127.1.0.6:80", {http(200)});
    h.add(kFrontendTg, "127.1.0.5", 80);
    h.add(kFrontendTg, "127.1.0.6", 80);
    h.run_to(1);
    REQUIRE(h.snapshot_group(kFrontendTg)->targets.size() == 2);

    h.run_to(10);
    auto* leaving = h.target(kFrontendTg, "127.1.0.6");
    leaving->health = {TargetState::Draining, "Target.DeregistrationInProgress",
                       "Target deregistration is in progress"};
    leaving->drain_until = at(10) + Duration::seconds(300);
    h.controller->on_api_mutation(kAccount, kRegion);
    h.run_to(10);
    REQUIRE(h.snapshot_group(kFrontendTg)->targets.size() == 1);
    CHECK(h.snapshot_group(kFrontendTg)->registered == 1);
    const std::size_t changes_before = h.changes_of(kFrontendTg);

    h.run_to(309);
    CHECK(h.target(kFrontendTg, "127.1.0.6") != nullptr);
    CHECK(h.probe.count_to("127.1.0.6:80") == 1);  // never checked while draining
    h.run_to(310);
    CHECK(h.target(kFrontendTg, "127.1.0.6") == nullptr);
    CHECK(h.changes_of(kFrontendTg) == changes_before + 1);
    CHECK(h.state.target_groups.at(kFrontendTg).targets.size() == 1);
}

TEST_CASE("a draining target without drain_until drains for the group's deregistration delay") {
    Harness h;
    h.state.target_groups.at(kFrontendTg).attributes["deregistration_delay.timeout_seconds"] = "20";
    auto& target = h.add(kFrontendTg, "127.1.0.5", 80);
    target.health.state = TargetState::Draining;
    h.run_to(0);
    CHECK(h.target(kFrontendTg, "127.1.0.5")->drain_until == at(20));
    h.run_to(20);
    CHECK(h.target(kFrontendTg, "127.1.0.5") == nullptr);
}

TEST_CASE("targets of a group no listener uses are not checked") {
    Harness h;
    h.probe.answer("127.1.0.9:80", {http(200)});
    h.add(kSpareTg, "127.1.0.9", 80);
    h.run_to(300);
    CHECK(h.probe.requests.empty());
    const auto* target = h.target(kSpareTg, "127.1.0.9");
    CHECK(target->health.state == TargetState::Initial);
    CHECK_FALSE(target->next_check_at);
    CHECK(h.changes_of(kSpareTg) == 0);
    CHECK(h.snapshot_group(kSpareTg) == nullptr);

    // Used by a new rule: checking starts.
    h.state.rules.at(kApiRuleArn).actions = {forward_to(kSpareTg)};
    h.controller->on_api_mutation(kAccount, kRegion);
    h.run_to(301);
    CHECK(h.probe.count_to("127.1.0.9:80") == 1);
    CHECK(target->health.state == TargetState::Healthy);
    CHECK(h.snapshot_group(kSpareTg) != nullptr);
}

TEST_CASE("a group that stops being used stops being checked and starts over when used again") {
    Harness h;
    h.probe.answer("127.1.0.7:8080", {http(200)});
    h.add(kBackendTg, "127.1.0.7", 8080);
    h.run_to(1);
    CHECK(h.target(kBackendTg, "127.1.0.7")->health.state == TargetState::Healthy);

    h.state.rules.erase(kApiRuleArn);
    h.controller->on_api_mutation(kAccount, kRegion);
    h.run_to(2);
    const auto* target = h.target(kBackendTg, "127.1.0.7");
    CHECK(target->health.state == TargetState::Initial);
    CHECK(target->health.reason == "Elb.RegistrationInProgress");
    CHECK(h.snapshot_group(kBackendTg) == nullptr);
    h.run_to(200);
    CHECK(h.probe.count_to("127.1.0.7:8080") == 1);
}

TEST_CASE("a late result for a registration that is gone is ignored") {
    Harness h;
    h.probe.deferred = true;
    h.probe.answer("127.1.0.5:80", {http(200)});
    h.add(kFrontendTg, "127.1.0.5", 80);
    h.run_to(1);
    REQUIRE(h.probe.pending.size() == 1);
    CHECK(h.controller->probes_in_flight() == 1);

    // Deregistered and registered again (a new registration) while the check is out.
    h.state.target_groups.at(kFrontendTg).targets.clear();
    h.run_to(2);
    h.add(kFrontendTg, "127.1.0.5", 80);
    h.run_to(2);
    CHECK(h.controller->probes_in_flight() == 0);
    h.probe.release_all();
    h.run_to(2);
    const auto* target = h.target(kFrontendTg, "127.1.0.5");
    CHECK(target->health.state == TargetState::Initial);
    CHECK(target->health.reason == "Elb.RegistrationInProgress");

    // Its own first check, one second after it was seen.
    h.run_to(3);
    h.probe.release_all();
    h.run_to(3);
    CHECK(target->health.state == TargetState::Healthy);
}

TEST_CASE("no second check while one is in flight, unless it never answers") {
    Harness h;
    h.probe.deferred = true;
    h.add(kFrontendTg, "127.1.0.5", 80);
    h.run_to(31);
    CHECK(h.probe.requests.size() == 1);  // the check due at 31 waits for the one sent at 1
    h.probe.release_all();                // ConnectFailed
    h.run_to(31);
    CHECK(h.target(kFrontendTg, "127.1.0.5")->consecutive_failures == 1);
    h.run_to(61);
    CHECK(h.probe.requests.size() == 2);

    // The check sent at 61 is never answered: given up after timeout + interval, replaced at 121.
    h.run_to(91);
    CHECK(h.probe.requests.size() == 2);
    h.run_to(121);
    CHECK(h.probe.requests.size() == 3);
    CHECK(h.controller->probes_in_flight() == 1);
}

TEST_CASE("targets without a dial address fail as refused connections; a resolver maps task IPs") {
    SECTION("unresolved") {
        Harness h;
        h.add(kBackendTg, "10.0.1.25", 8080);
        h.run_to(31);
        CHECK(h.probe.requests.empty());
        const auto* target = h.target(kBackendTg, "10.0.1.25");
        CHECK(target->health.state == TargetState::Unhealthy);
        CHECK(target->health.reason == "Target.FailedHealthChecks");
        CHECK(target->health.description == "Health checks failed");
    }
    SECTION("resolved") {
        Harness h([](const std::string&, const std::string&, const std::string& id,
                     int port) -> std::optional<DialAddress> {
            if (id != "10.0.1.25") return std::nullopt;
            return DialAddress{"127.1.0.3", static_cast<std::uint16_t>(port)};
        });
        h.state.target_groups.at(kBackendTg).health_check.port = "9000";
        h.probe.answer("127.1.0.3:9000", {http(200)});
        h.add(kBackendTg, "10.0.1.25", 8080);
        h.run_to(1);
        REQUIRE(h.probe.requests.size() == 1);
        CHECK(h.probe.requests[0].host_header == "10.0.1.25:9000");
        CHECK(h.target(kBackendTg, "10.0.1.25")->health.state == TargetState::Healthy);
        const auto& routed = h.snapshot_group(kBackendTg)->targets.at(0);
        CHECK(routed.dial_host == "127.1.0.3");
        CHECK(routed.dial_port == 8080);
    }
}

TEST_CASE("one timer at a time; snapshot versions increase") {
    Harness h;
    h.probe.answer("127.1.0.5:80", {http(200)});
    h.probe.answer("127.1.0.7:8080", {http(200)});
    h.add(kFrontendTg, "127.1.0.5", 80);
    h.run_to(7);
    h.add(kBackendTg, "127.1.0.7", 8080);
    for (int second = 7; second < 200; ++second) {
        h.run_to(second);
        CHECK(h.clock.pending() <= 1);
    }
    CHECK(h.probe.count_to("127.1.0.5:80") == 7);    // 1, 31, ..., 181
    CHECK(h.probe.count_to("127.1.0.7:8080") == 7);  // 8, 38, ..., 188
    for (std::size_t i = 1; i < h.published.size(); ++i)
        CHECK(h.published[i]->version > h.published[i - 1]->version);
}

TEST_CASE("reset: empty snapshot, probes in flight forgotten") {
    Harness h;
    h.probe.deferred = true;
    h.add(kFrontendTg, "127.1.0.5", 80);
    h.run_to(1);
    CHECK(h.controller->probes_in_flight() == 1);
    h.world.reset();
    h.controller->reset();
    CHECK(h.controller->probes_in_flight() == 0);
    CHECK(h.controller->current_snapshot()->listeners.empty());
    CHECK(h.clock.pending() == 0);
    h.probe.release_all();
    h.run_to(100);
    CHECK(h.controller->current_snapshot()->listeners.empty());
}

TEST_CASE("the same inputs give the same probe sequence") {
    auto run = [] {
        Harness h;
        h.probe.answer("127.1.0.5:80", {http(200), http(503), http(503), http(200)});
        h.probe.answer("127.1.0.6:80", {refused()});
        h.add(kFrontendTg, "127.1.0.5", 80);
        h.add(kFrontendTg, "127.1.0.6", 80);
        h.run_to(400);
        std::string trace;
        for (const auto& request : h.probe.requests) trace += request.dial_host + ";";
        for (const auto& group : h.health_changes) trace += group.substr(group.size() - 4) + ";";
        return trace;
    };
    CHECK(run() == run());
}

TEST_CASE("a load balancer's listeners are published when it becomes active") {
    Harness h;
    h.state.load_balancers.at(kLbArn).active_at = at(45);
    h.controller->on_api_mutation(kAccount, kRegion);
    h.run_to(0);
    CHECK(h.controller->current_snapshot()->listeners.empty());
    h.run_to(44);
    CHECK(h.controller->current_snapshot()->listeners.empty());
    h.run_to(45);
    CHECK(h.controller->current_snapshot()->listeners.size() == 1);
}

TEST_CASE("slow start steps are republished as the ramp goes on") {
    Harness h;
    h.state.target_groups.at(kFrontendTg).attributes["slow_start.duration_seconds"] = "30";
    h.probe.answer("127.1.0.5:80", {http(200)});
    h.probe.answer("127.1.0.6:80", {http(200)});
    h.add(kFrontendTg, "127.1.0.5", 80);
    h.run_to(100);
    h.add(kFrontendTg, "127.1.0.6", 80);
    h.run_to(101);  // healthy at 101
    CHECK(h.snapshot_group(kFrontendTg)->targets.at(1).weight == Approx(0.1));
    h.run_to(116);
    CHECK(h.snapshot_group(kFrontendTg)->targets.at(1).weight == Approx(0.6));
    h.run_to(131);
    CHECK(h.snapshot_group(kFrontendTg)->targets.at(1).weight == 1.0);
}

TEST_CASE("a slow start the API turns on for a group already walked is ramped as well") {
    Harness h;
    h.probe.answer("127.1.0.5:80", {http(200)});
    h.probe.answer("127.1.0.6:80", {http(200)});
    h.add(kFrontendTg, "127.1.0.5", 80);
    h.run_to(100);
    h.add(kFrontendTg, "127.1.0.6", 80);
    h.run_to(101);  // healthy at 101, without a slow start
    CHECK(h.snapshot_group(kFrontendTg)->targets.at(1).weight == 1.0);
    h.state.target_groups.at(kFrontendTg).attributes["slow_start.duration_seconds"] = "30";
    h.controller->on_api_mutation(kAccount, kRegion);
    h.run_to(102);
    CHECK(h.snapshot_group(kFrontendTg)->targets.at(1).weight == Approx(0.1));
    h.run_to(116);
    CHECK(h.snapshot_group(kFrontendTg)->targets.at(1).weight == Approx(0.6));
    h.run_to(131);
    CHECK(h.snapshot_group(kFrontendTg)->targets.at(1).weight == 1.0);
}
