// The engine looks only at tasks that can move and at services that something changed: stopped tasks are
// still forgotten on time, and a capacity change reaches the service it names.
#include <catch2/catch.hpp>

#include <string>

#include "emulator/core/ecs/tasks.hpp"
#include "emulator/core/engine/ecs_scalable_resources.hpp"
#include "engine_world.hpp"

namespace ecsemu::test {

using core::Duration;
using core::Instant;

namespace {

bool stored(EngineWorld& w, const std::string& task_id) {
    const auto cluster = w.state().tasks.find(kCluster);
    return cluster != w.state().tasks.end() && cluster->second.count(task_id) != 0;
}

bool in_family_group(EngineWorld& w, const std::string& task_id) {
    for (const auto* task : core::ecs::tasks_in_group(w.state(), kCluster, "family:ielts-backend")) {
        if (task->id == task_id) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("a STOPPED task is kept for the retention and forgotten by the first pass after it",
          "[engine][lifecycle]") {
    core::engine::EngineKnobs knobs;
    knobs.stopped_task_retention = Duration::minutes(2);
    EngineWorld w(knobs);
    const std::string first = w.run_task();
    w.run_for(Duration::seconds(10));
    w.call("StopTask", {{"cluster", kCluster}, {"task", first}});
    w.run_for(Duration::seconds(10));
    REQUIRE(w.task(first)["lastStatus"] == "STOPPED");
    const Instant stopped_at = w.state().tasks.at(kCluster).at(first).stopped_at.value();

    // A pass just inside the retention (a RunTask asks for one) keeps it.
    w.clock.run_until(stopped_at + Duration::minutes(2) - Duration::seconds(1));
    w.run_task();
    w.run_for(Duration::milliseconds(1));
    CHECK(stored(w, first));
    CHECK(in_family_group(w, first));

    w.clock.run_until(stopped_at + Duration::minutes(2) + Duration::seconds(1));
    w.run_task();
    w.run_for(Duration::milliseconds(1));
    CHECK_FALSE(stored(w, first));
    CHECK_FALSE(in_family_group(w, first));
    bool logged = false;
    for (const auto& entry : w.engine.change_log().entries())
        logged = logged || entry.kind == core::engine::ChangeKind::StoppedTasksForgotten;
    CHECK(logged);
}

TEST_CASE("a capacity change from Application Auto Scaling reconciles the service it names",
          "[engine][service]") {
    EngineWorld w;
    w.create_guide_service("web", 1);
    w.create_guide_service("api", 1);
    w.run_for(Duration::seconds(30));
    REQUIRE(w.service("web")["runningCount"] == 1);

    // As the scaling plane does it: the store's desired count, then the engine is told (no API call).
    core::engine::EcsScalableResources resources(w.world);
    const std::string resource_id = std::string("service/") + kCluster + "/web";
    REQUIRE(resources.set_desired(kAccount, kRegion, resource_id, 3, w.clock.now()));
    w.engine.on_capacity_change(kAccount, kRegion, resource_id);
    w.run_for(Duration::seconds(30));
    CHECK(w.service("web")["runningCount"] == 3);
    CHECK(w.service("api")["runningCount"] == 1);

    // A resource id that names no ECS service wakes the region as an API call would, and changes nothing.
    w.engine.on_capacity_change(kAccount, kRegion, "table/orders");
    w.run_for(Duration::seconds(5));
    CHECK(w.service("web")["runningCount"] == 3);
    CHECK(w.service("api")["runningCount"] == 1);
}

}  // namespace ecsemu::test
