// The engine's side of the load balancer integration, against a scripted target registry: tasks register
// while ACTIVATING, their target health gates the deployment, and stopping tasks drain for the group's
// deregistration delay.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "emulator/core/engine/load_balancer_targets.hpp"
#include "engine_world.hpp"

namespace ecsemu::test {

using core::Duration;
using core::scheduler::TargetHealth;
using nlohmann::json;

namespace {

// Registrations by (target group, ip, port); health is set by the test, as the ALB's checks would.
class ScriptedTargets final : public core::engine::LoadBalancerTargets {
public:
    using Key = std::tuple<std::string, std::string, int>;

    bool register_target(const std::string&, const std::string&, const core::engine::TargetRef& target,
                         core::Instant) override {
        targets[key(target)] = TargetHealth::Initial;
        ++registrations;
        return true;
    }
    std::optional<Duration> deregister_target(const std::string&, const std::string&,
                                              const core::engine::TargetRef& target, core::Instant) override {
        auto it = targets.find(key(target));
        if (it == targets.end()) return std::nullopt;
        it->second = TargetHealth::Draining;
        return deregistration_delay;
    }
    core::engine::GroupTargetHealth group_target_health(const std::string&, const std::string&,
                                                        const std::string& target_group_arn) const override {
        core::engine::GroupTargetHealth health;
        for (const auto& [k, state] : targets) {
            if (std::get<0>(k) == target_group_arn)
                health.push_back({{std::get<1>(k), std::get<2>(k)}, state});
        }
        core::engine::settle_group_target_health(health);
        return health;
    }

    // Every initial target passes its first check.
    void all_healthy() {
        for (auto& [k, health] : targets) {
            if (health == TargetHealth::Initial) health = TargetHealth::Healthy;
        }
    }
    std::set<std::string> registered_ips() const {
        std::set<std::string> ips;
        for (const auto& [k, health] : targets) {
            if (health != TargetHealth::Draining) ips.insert(std::get<1>(k));
        }
        return ips;
    }

    static Key key(const core::engine::TargetRef& t) { return {t.target_group_arn, t.ip, t.port}; }

    std::map<Key, TargetHealth> targets;
    int registrations = 0;
    Duration deregistration_delay = Duration::seconds(30);
};

std::set<std::string> eni_ips(const std::vector<json>& tasks) {
    std::set<std::string> ips;
    for (const auto& task : tasks) {
        for (const auto& detail : task["attachments"][0]["details"]) {
            if (detail["name"] == "privateIPv4Address") ips.insert(detail["value"].get<std::string>());
        }
    }
    return ips;
}

// What the ALB control logic does after a health transition.
void notify(EngineWorld& w) {
    w.engine.on_target_health_changed(w.state().scope.account_id, w.state().scope.region);
}

std::string rollout_state(EngineWorld& w, const std::string& service) {
    return w.service(service)["deployments"][0]["rolloutState"];
}

}  // namespace

TEST_CASE("tasks register their ENI address on the container port and wait for target health",
          "[engine][load-balancer]") {
    EngineWorld w;
    ScriptedTargets targets;
    w.engine.attach_load_balancers(targets);
    w.create_guide_service("web");
    w.run_for(Duration::minutes(2));

    const auto tasks = w.tasks("web");
    REQUIRE(tasks.size() == 2);
    CHECK(targets.registered_ips() == eni_ips(tasks));
    for (const auto& [key, health] : targets.targets) CHECK(std::get<2>(key) == 8080);
    // Containers are healthy, the targets still initial: the deployment is not done.
    CHECK(rollout_state(w, "web") == "IN_PROGRESS");
    const auto events = w.event_messages("web");
    CHECK(std::count_if(events.begin(), events.end(), [](const std::string& m) {
              return m.rfind(
                         "(service web) registered 1 targets in (target-group arn:aws:elasticloadbalancing:",
                         0) == 0;
          }) == 2);

    targets.all_healthy();
    notify(w);
    w.run_for(Duration::seconds(5));
    CHECK(rollout_state(w, "web") == "COMPLETED");
    CHECK(w.event_messages("web").front() == "(service web) has reached a steady state.");
}

TEST_CASE("a rolling deployment stops old tasks only once new targets are healthy, then drains them",
          "[engine][load-balancer]") {
    EngineWorld w;
    ScriptedTargets targets;
    w.engine.attach_load_balancers(targets);
    w.create_guide_service("web");
    w.run_for(Duration::seconds(30));
    targets.all_healthy();
    notify(w);
    w.run_for(Duration::seconds(5));
    REQUIRE(rollout_state(w, "web") == "COMPLETED");
    const std::set<std::string> old_ips = targets.registered_ips();

    w.call("UpdateService", {{"cluster", kCluster}, {"service", "web"}, {"forceNewDeployment", true}});
    w.run_for(Duration::minutes(2));
    // Four registered; the two new ones initial, so no old task may stop.
    CHECK(targets.registrations == 4);
    CHECK(w.tasks("web").size() == 4);

    targets.all_healthy();
    notify(w);
    w.run_for(Duration::seconds(5));
    int deactivating = 0;
    for (const auto& task : w.all_service_tasks("web")) deactivating += task["lastStatus"] == "DEACTIVATING";
    CHECK(deactivating == 2);
    for (const auto& ip : old_ips) {
        for (const auto& [key, health] : targets.targets) {
            if (std::get<1>(key) == ip) CHECK(health == TargetHealth::Draining);
        }
    }
    // The deregistration delay (30 s) holds them in DEACTIVATING, then they stop.
    w.run_for(Duration::seconds(20));
    deactivating = 0;
    for (const auto& task : w.all_service_tasks("web")) deactivating += task["lastStatus"] == "DEACTIVATING";
    CHECK(deactivating == 2);
    w.run_for(Duration::seconds(30));
    for (const auto& task : w.all_service_tasks("web")) CHECK(task["lastStatus"] != "DEACTIVATING");
    CHECK(w.tasks("web").size() == 2);
    CHECK(rollout_state(w, "web") == "COMPLETED");
    const auto events = w.event_messages("web");
    CHECK(std::count(events.begin(), events.end(),
                     "(service web) has begun draining connections on 1 tasks.") == 2);
}

TEST_CASE("a task whose target turns unhealthy is replaced after the grace period",
          "[engine][load-balancer]") {
    EngineWorld w;
    ScriptedTargets targets;
    w.engine.attach_load_balancers(targets);
    w.create_guide_service("web");
    w.run_for(Duration::seconds(30));
    targets.all_healthy();
    notify(w);
    w.run_for(Duration::seconds(5));
    REQUIRE(rollout_state(w, "web") == "COMPLETED");

    auto& [key, health] = *targets.targets.begin();
    const std::string bad_ip = std::get<1>(key);
    health = TargetHealth::Unhealthy;
    notify(w);
    // With maximumPercent 200 the replacement starts first; once its target is healthy the bad task stops.
    w.run_for(Duration::seconds(30));
    CHECK(targets.registrations == 3);
    targets.all_healthy();
    notify(w);
    w.run_for(Duration::seconds(5));
    bool stopped = false;
    for (const auto& task : w.all_service_tasks("web")) {
        if (eni_ips({task}) != std::set<std::string>{bad_ip}) continue;
        stopped = task["desiredStatus"] == "STOPPED";
        CHECK_THAT(
            task.value("stoppedReason", std::string()),
            Catch::Contains("failed ELB health checks in (target-group arn:aws:elasticloadbalancing:"));
    }
    CHECK(stopped);
}

TEST_CASE("registrations reconcile only when they can change the plan, and decide nothing differently",
          "[engine][load-balancer]") {
    // Two engines driven alike, one reconciling the service at every registration of a task's targets:
    // every change either logs must be the same, at the same instants, and the other must have reconciled
    // less. Scale-outs, launches backed off by failed starts and then succeeding, a scale-in with draining
    // and a rolling deployment, with the targets turning healthy as the ALB's checks would.
    core::engine::EngineKnobs with;
    with.change_log_capacity = 1'000'000;
    core::engine::EngineKnobs without = with;
    without.registrations_reconcile_only_when_they_can_change_plans = false;
    EngineWorld a(with);
    EngineWorld b(without);
    ScriptedTargets targets_a;
    ScriptedTargets targets_b;
    a.engine.attach_load_balancers(targets_a);
    b.engine.attach_load_balancers(targets_b);
    // Containers that exit while their task is ACTIVATING: its targets are registered, its start fails. They
    // take a while to run, so tasks launched before the launches are throttled register after it.
    ContainerScript dies_activating;
    dies_activating.to_running = Duration::seconds(5);
    dies_activating.exits_after = Duration::milliseconds(300);
    for (EngineWorld* w : {&a, &b}) {
        w->register_task_definition("flaky", "flaky:1", false);
        w->create_guide_service("web", 2, "flaky");
    }
    // Runs both, the targets passing their checks every 10 s.
    const auto run = [&](Duration d) {
        for (Duration run_so_far{0}; run_so_far < d; run_so_far = run_so_far + Duration::seconds(10)) {
            a.run_for(Duration::seconds(10));
            b.run_for(Duration::seconds(10));
            targets_a.all_healthy();
            targets_b.all_healthy();
            notify(a);
            notify(b);
        }
    };
    const auto both = [&](const nlohmann::json& params) {
        a.call("UpdateService", params);
        b.call("UpdateService", params);
    };
    const auto scale = [&](int desired) {
        both({{"cluster", kCluster}, {"service", "web"}, {"desiredCount", desired}});
    };
    run(Duration::minutes(2));
    scale(6);
    run(Duration::minutes(2));
    // Starts fail after registering and launches back off; then tasks run again, the first registering
    // while the back-off still counts.
    for (EngineWorld* w : {&a, &b}) w->runtime.script("flaky", dies_activating);
    scale(9);
    run(Duration::minutes(2));
    for (EngineWorld* w : {&a, &b}) w->runtime.script("flaky", ContainerScript{});
    // The back-off grew to its longest: launches resume within half an hour.
    run(Duration::minutes(30));
    CHECK(a.service("web")["runningCount"] == 9);
    scale(3);
    run(Duration::minutes(2));
    both({{"cluster", kCluster}, {"service", "web"}, {"forceNewDeployment", true}});
    run(Duration::minutes(4));

    CHECK(a.engine.reconciles() < b.engine.reconciles());
    const auto logged_a = logged_alike(a, b);
    CHECK(a.service("web") == b.service("web"));
    CHECK(a.service("web")["runningCount"] == 3);
    // What the run went through, so that it tests what it means to.
    const auto logged_count = [&](const std::string& part) {
        return std::count_if(logged_a.begin(), logged_a.end(),
                             [&](const std::string& line) { return line.find(part) != std::string::npos; });
    };
    CHECK(logged_count("LaunchThrottled") > 0);
    // Targets registered while start failures backed launches off: the registrations that still reconcile.
    bool backed_off = false;
    int registered_backed_off = 0;
    for (const auto& line : logged_a) {
        if (line.find(" SetLaunchBackoff ") != std::string::npos)
            backed_off = line.find("failures=0 ") == std::string::npos;
        if (backed_off && line.find(" TargetRegistered ") != std::string::npos) ++registered_backed_off;
    }
    CHECK(registered_backed_off > 0);
    CHECK(logged_count("has reached a steady state") > 1);
    CHECK(logged_count(" TargetRegistered ") >= 15);
    CHECK(logged_count(" TargetDeregistered ") >= 6);
}

}  // namespace ecsemu::test
