// The engine's side of the load balancer integration, against a scripted target registry: tasks register
// while ACTIVATING, their target health gates the deployment, and stopping tasks drain for the group's
// deregistration delay.
#include <catch2/catch.hpp>

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

}  // namespace ecsemu::test
