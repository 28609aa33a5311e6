// The engine looks only at tasks that can move and at services that something changed: stopped tasks are
// still forgotten on time, and a capacity change reaches the service it names.
#include <catch2/catch.hpp>

#include <string>

#include "emulator/core/ecs/tasks.hpp"
#include "emulator/core/engine/ecs_scalable_resources.hpp"
#include "emulator/core/engine/task_lifecycle.hpp"
#include "emulator/core/engine/world_index.hpp"
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

// The tasks that still have a lifecycle step to take now: after the engine's passes for this instant ran,
// looking only at the tasks that can move must have left none behind.
std::vector<std::string> tasks_left_behind(EngineWorld& w) {
    std::vector<std::string> left;
    for (const auto& [cluster, tasks] : w.state().tasks) {
        for (const auto& [id, task] : tasks) {
            if (!task.is_live()) continue;
            const auto* owner = core::engine::owner_service(w.state(), task);
            const core::engine::LifecycleContext context{w.engine.knobs().lifecycle,
                                                         owner != nullptr && !owner->load_balancers.empty()};
            if (core::engine::next_lifecycle_step(task, context, w.clock.now()))
                left.push_back(id + " " + std::string(core::ecs::to_string(task.last_status)));
        }
    }
    return left;
}

}  // namespace

TEST_CASE("no live task is left with a step to take, through launches, crashes, stops and scaling",
          "[engine][lifecycle]") {
    EngineWorld w;
    // One image's containers crash a few seconds after running, so the scheduler keeps replacing them.
    ContainerScript crashing;
    crashing.exits_after = Duration::seconds(3);
    w.runtime.script("crashy", crashing);
    w.register_task_definition("crashy", "crashy:1", false);
    w.create_guide_service("web", 3);
    w.create_guide_service("flaky", 2, "crashy");
    std::vector<std::string> standalone;
    core::engine::EcsScalableResources resources(w.world);
    const std::string web = std::string("service/") + kCluster + "/web";
    int checks = 0;
    for (int second = 1; second <= 240; ++second) {
        w.run_for(Duration::seconds(1));
        if (second % 20 == 0) standalone.push_back(w.run_task());
        if (second % 30 == 15 && !standalone.empty()) {
            w.call("StopTask", {{"cluster", kCluster}, {"task", standalone.front()}});
            standalone.erase(standalone.begin());
        }
        if (second == 60 || second == 150) {
            REQUIRE(resources.set_desired(kAccount, kRegion, web, second == 60 ? 6 : 1, w.clock.now()));
            w.engine.on_capacity_change(kAccount, kRegion, web);
        }
        if (second == 100)
            w.call("UpdateService",
                   {{"cluster", kCluster}, {"service", "web"}, {"forceNewDeployment", true}});
        w.run_for(Duration::milliseconds(0));  // the passes those calls asked for, at this instant
        INFO("at +" << second << " s");
        const auto left = tasks_left_behind(w);
        for (const auto& task : left) UNSCOPED_INFO("left behind: " << task);
        CHECK(left.empty());
        ++checks;
    }
    CHECK(checks == 240);
    // The run did what it set out to: web scaled to 6 and back to 1, flaky kept being replaced.
    CHECK(w.service("web")["desiredCount"] == 1);
    CHECK(w.runtime.starts.size() > 20);
}

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
