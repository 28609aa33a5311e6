// Between API mutations the controller walks only the groups with a check or drain end due. These cases pin
// down that every target is still checked exactly on its own schedule, in the same order as a walk of every
// group would send them, and that the routing snapshot is still right when nobody subscribes to it.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/alb/alb_controller.hpp"
#include "sim/kernel/virtual_clock.hpp"
#include "tests/unit/alb/alb_fixture.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::alb;
using namespace ecsemu::test::alb;
using elbv2::TargetState;

namespace {

// Answers 200 at once and remembers when each target was asked.
class TimedProbe final : public HealthProbe {
public:
    explicit TimedProbe(Clock& clock) : clock_(clock) {}
    void probe(const ProbeRequest& request, std::function<void(ProbeResult)> done) override {
        sent.emplace_back(request.dial_host, clock_.now());
        done(ProbeResult{ProbeResult::Outcome::Response, 200});
    }
    std::vector<Instant> times_of(const std::string& host) const {
        std::vector<Instant> times;
        for (const auto& [to, when] : sent)
            if (to == host) times.push_back(when);
        return times;
    }
    std::vector<std::pair<std::string, Instant>> sent;

private:
    Clock& clock_;
};

struct ScheduleHarness {
    elbv2::Elbv2World world;
    elbv2::Elbv2State& state = build_guide_alb(world);
    ecsemu::sim::VirtualClock clock{kT0};
    TimedProbe probe{clock};
    std::optional<AlbController> controller;

    explicit ScheduleHarness(bool subscribed) {
        AlbControllerHooks hooks;
        if (subscribed) hooks.publish = [](const RoutingSnapshotPtr&) {};
        controller.emplace(world, clock, probe, std::move(hooks));
    }
    void add(const std::string& group, const std::string& id) {
        register_target(state, group, id, 80, clock.now());
        controller->on_api_mutation(kAccount, kRegion);
    }
};

std::vector<Instant> every(int first, int interval, int last) {
    std::vector<Instant> times;
    for (int t = first; t <= last; t += interval) times.push_back(at(t));
    return times;
}

}  // namespace

TEST_CASE("between API calls each target is checked on its own interval, group by group") {
    ScheduleHarness h(true);
    h.state.target_groups.at(kFrontendTg).health_check.interval_seconds = 30;
    h.state.target_groups.at(kBackendTg).health_check.interval_seconds = 10;
    h.add(kFrontendTg, "127.1.0.1");
    h.clock.run_until(at(7));
    h.add(kBackendTg, "127.1.0.2");
    h.clock.run_until(at(13));
    h.add(kFrontendTg, "127.1.0.3");
    h.clock.run_until(at(125));

    // The first check 1 s after the registration is seen, then one per interval.
    CHECK(h.probe.times_of("127.1.0.1") == every(1, 30, 125));
    CHECK(h.probe.times_of("127.1.0.2") == every(8, 10, 125));
    CHECK(h.probe.times_of("127.1.0.3") == every(14, 30, 125));
    CHECK(h.probe.sent.size() == 5 + 12 + 4);
}

TEST_CASE("checks due at the same instant in several groups go out in group order") {
    ScheduleHarness h(true);
    h.state.target_groups.at(kFrontendTg).health_check.interval_seconds = 10;
    h.state.target_groups.at(kBackendTg).health_check.interval_seconds = 10;
    h.add(kFrontendTg, "127.1.0.1");
    h.add(kBackendTg, "127.1.0.2");
    h.add(kFrontendTg, "127.1.0.3");
    h.clock.run_until(at(31));
    std::vector<std::string> at_21;
    for (const auto& [host, when] : h.probe.sent)
        if (when == at(21)) at_21.push_back(host);
    // kBackendTg's ARN sorts before kFrontendTg's ("ielts-backend-tg" < "ielts-frontend-tg").
    CHECK(at_21 == std::vector<std::string>{"127.1.0.2", "127.1.0.1", "127.1.0.3"});
}

TEST_CASE("a drain ends on time with no API call in between, while other groups keep their checks") {
    ScheduleHarness h(true);
    h.state.target_groups.at(kFrontendTg).attributes["deregistration_delay.timeout_seconds"] = "45";
    h.state.target_groups.at(kBackendTg).health_check.interval_seconds = 10;
    h.add(kFrontendTg, "127.1.0.1");
    h.add(kBackendTg, "127.1.0.2");
    h.clock.run_until(at(5));
    auto* leaving = find_target(h.state, kFrontendTg, "127.1.0.1");
    leaving->health = {TargetState::Draining, "Target.DeregistrationInProgress", ""};
    leaving->drain_until = at(50);
    h.controller->on_api_mutation(kAccount, kRegion);

    h.clock.run_until(at(49));
    CHECK(find_target(h.state, kFrontendTg, "127.1.0.1") != nullptr);
    h.clock.run_until(at(50));
    CHECK(find_target(h.state, kFrontendTg, "127.1.0.1") == nullptr);
    CHECK(h.probe.times_of("127.1.0.2") == every(1, 10, 50));
}

TEST_CASE("without a subscriber the snapshot is compiled when asked, as of the last routing change") {
    ScheduleHarness h(false);
    h.add(kFrontendTg, "127.1.0.1");
    h.clock.run_until(at(2));
    const auto first = h.controller->current_snapshot();
    const SnapshotTargetGroup* frontend = nullptr;
    for (const auto& group : first->groups)
        if (group.arn == kFrontendTg) frontend = &group;
    REQUIRE(frontend != nullptr);
    REQUIRE(frontend->targets.size() == 1);
    CHECK(frontend->targets[0].id == "127.1.0.1");
    // Asked again with nothing changed: the same snapshot, not a recompilation.
    CHECK(h.controller->current_snapshot() == first);

    find_target(h.state, kFrontendTg, "127.1.0.1")->health = {TargetState::Draining, "", ""};
    find_target(h.state, kFrontendTg, "127.1.0.1")->drain_until = at(300);
    h.controller->on_api_mutation(kAccount, kRegion);
    h.clock.run_until(at(3));
    const auto second = h.controller->current_snapshot();
    CHECK(second->version > first->version);
    for (const auto& group : second->groups)
        if (group.arn == kFrontendTg) CHECK(group.targets.empty());
}

TEST_CASE("drains ending together leave the remaining registrations on their schedule") {
    ScheduleHarness h(true);
    h.state.target_groups.at(kFrontendTg).health_check.interval_seconds = 10;
    for (const char* id : {"127.1.0.1", "127.1.0.2", "127.1.0.3", "127.1.0.4", "127.1.0.5"})
        h.add(kFrontendTg, id);
    h.clock.run_until(at(5));
    // The first and third leave at 31 s, when the others' checks are due too.
    for (const char* id : {"127.1.0.1", "127.1.0.3"}) {
        auto* leaving = find_target(h.state, kFrontendTg, id);
        leaving->health = {TargetState::Draining, "Target.DeregistrationInProgress", ""};
        leaving->drain_until = at(31);
    }
    h.controller->on_api_mutation(kAccount, kRegion);
    h.clock.run_until(at(61));

    std::vector<std::string> left;
    for (const auto& target : h.state.target_groups.at(kFrontendTg).targets) left.push_back(target.id);
    CHECK(left == std::vector<std::string>{"127.1.0.2", "127.1.0.4", "127.1.0.5"});
    for (const char* id : {"127.1.0.2", "127.1.0.4", "127.1.0.5"})
        CHECK(h.probe.times_of(id) == every(1, 10, 61));
    CHECK(h.probe.times_of("127.1.0.1") == every(1, 10, 5));
    // At 31 s the survivors are checked in registration order.
    std::vector<std::string> at_31;
    for (const auto& [host, when] : h.probe.sent)
        if (when == at(31)) at_31.push_back(host);
    CHECK(at_31 == std::vector<std::string>{"127.1.0.2", "127.1.0.4", "127.1.0.5"});
}

TEST_CASE("targets the engine registers and deregisters are walked with their group alone") {
    ScheduleHarness h(true);
    h.state.target_groups.at(kFrontendTg).health_check.interval_seconds = 10;
    h.state.target_groups.at(kBackendTg).health_check.interval_seconds = 10;
    h.add(kBackendTg, "127.1.0.9");  // an API call: the full walk numbers the groups
    h.clock.run_until(at(3));
    register_target(h.state, kFrontendTg, "127.1.0.1", 80, h.clock.now());
    h.controller->on_targets_changed(kAccount, kRegion, kFrontendTg);
    h.clock.run_until(at(25));
    CHECK(h.probe.times_of("127.1.0.1") == every(4, 10, 25));
    CHECK(h.probe.times_of("127.1.0.9") == every(1, 10, 25));

    auto* leaving = find_target(h.state, kFrontendTg, "127.1.0.1");
    leaving->health = {TargetState::Draining, "Target.DeregistrationInProgress", ""};
    leaving->drain_until = at(40);
    h.controller->on_targets_changed(kAccount, kRegion, kFrontendTg);
    h.clock.run_until(at(39));
    CHECK(h.probe.times_of("127.1.0.1") == every(4, 10, 25));  // not checked while draining
    CHECK(find_target(h.state, kFrontendTg, "127.1.0.1") != nullptr);
    h.clock.run_until(at(40));
    CHECK(find_target(h.state, kFrontendTg, "127.1.0.1") == nullptr);
    CHECK(h.probe.times_of("127.1.0.9") == every(1, 10, 40));
}

TEST_CASE("a probe in flight for a target the engine deregistered is forgotten") {
    ecsemu::test::alb::ScriptedProbe probe;
    probe.deferred = true;
    elbv2::Elbv2World world;
    elbv2::Elbv2State& state = build_guide_alb(world);
    ecsemu::sim::VirtualClock clock{kT0};
    AlbController controller(world, clock, probe, AlbControllerHooks{});
    register_target(state, kFrontendTg, "127.1.0.1", 80, clock.now());
    controller.on_api_mutation(kAccount, kRegion);
    clock.run_until(at(1));
    REQUIRE(controller.probes_in_flight() == 1);

    auto* leaving = find_target(state, kFrontendTg, "127.1.0.1");
    leaving->health = {TargetState::Draining, "Target.DeregistrationInProgress", ""};
    leaving->drain_until = at(300);
    controller.on_targets_changed(kAccount, kRegion, kFrontendTg);
    clock.run_until(at(2));
    CHECK(controller.probes_in_flight() == 0);
    probe.release_all();  // the late answer changes nothing
    clock.run_until(at(3));
    CHECK(find_target(state, kFrontendTg, "127.1.0.1")->health.state == TargetState::Draining);
}

TEST_CASE("a group the last full walk did not see makes the pass walk everything") {
    ScheduleHarness h(true);
    h.add(kBackendTg, "127.1.0.9");
    h.clock.run_until(at(2));
    const std::string late_tg =
        "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:targetgroup/late-tg/dddddddddddddddd";
    h.state.target_groups.emplace(late_tg, target_group(late_tg, "late-tg", 80, "/"));
    h.state.listeners.at(kListenerArn).default_actions = {forward_to(late_tg)};
    register_target(h.state, late_tg, "127.1.0.5", 80, h.clock.now());
    h.controller->on_targets_changed(kAccount, kRegion, late_tg);
    h.clock.run_until(at(4));
    CHECK(h.probe.times_of("127.1.0.5") == std::vector<Instant>{at(3)});
}
