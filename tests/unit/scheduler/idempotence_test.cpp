// plan_service() is a function of its inputs: the same view gives the same plan, the store's order of
// tasks does not matter, an applied step is not repeated, and a settled service gets an empty plan except
// for the steady-state event every 6 h.
#include <algorithm>

#include <catch2/catch.hpp>

#include "scheduler_world.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::scheduler;
using namespace ecsemu::core::scheduler::testing;

namespace {

ServiceView mid_rollout() {
    ServiceView service = settled(make_service("web", 4, 50, 150, {"a", "b", "c"}));
    service.deployments[0].status = DeploymentStatus::Active;
    service.deployments.insert(
        service.deployments.begin(),
        make_deployment("ecs-svc/2", "td:2", DeploymentStatus::Primary, RolloutState::InProgress));
    TaskView fresh = healthy_task(service, "t01", "ecs-svc/2", "c");
    fresh.created_at = kStart - Duration::seconds(30);
    fresh.started_at = kStart - Duration::seconds(10);  // awaiting its 40 s
    service.tasks.push_back(fresh);
    service.deployments[0].had_running_task = true;
    return service;
}

}  // namespace

TEST_CASE("A settled service gets an empty plan and a wakeup for the 6 h steady-state repeat",
          "[scheduler][idempotence]") {
    const ServiceView service = settled(make_service("web", 2, 100, 200));  // steady state reported 1 h ago
    const ServicePlan plan = plan_service(service, kStart, SchedulerKnobs{});
    CHECK(plan.empty());
    CHECK(plan.next_wakeup == kStart + Duration::minutes(300));
}

TEST_CASE("The steady-state event is repeated once 6 h passed with nothing else",
          "[scheduler][idempotence]") {
    ServiceView service = settled(make_service("web", 2, 100, 200));
    service.recent_events[0].created_at = kStart - Duration::minutes(360);
    const ServicePlan due = plan_service(service, kStart, SchedulerKnobs{});
    REQUIRE(due.actions.size() == 1);
    CHECK(due.actions[0] ==
          PlannedAction{EmitEvent{EventKind::SteadyState, "(service web) has reached a steady state."},
                        ActionCause::SteadyState});
    CHECK(due.next_wakeup == kStart + Duration::minutes(360));

    service.recent_events[0].created_at = kStart - Duration::minutes(360) + Duration::seconds(1);
    const ServicePlan not_yet = plan_service(service, kStart, SchedulerKnobs{});
    CHECK(not_yet.empty());
    CHECK(not_yet.next_wakeup == kStart + Duration::seconds(1));
}

TEST_CASE("Other news between two steady states makes the next one due at once", "[scheduler][idempotence]") {
    ServiceView service = settled(make_service("web", 2, 100, 200));
    service.recent_events.insert(
        service.recent_events.begin(),
        RecentEvent{"(service web) registered 1 targets in (target-group tg)", kStart});
    const ServicePlan plan = plan_service(service, kStart, SchedulerKnobs{});
    REQUIRE(plan.actions.size() == 1);
    CHECK(std::get<EmitEvent>(plan.actions[0].action).kind == EventKind::SteadyState);
}

TEST_CASE("The same view always gives the same plan, whatever the order of its tasks",
          "[scheduler][idempotence]") {
    const ServiceView service = mid_rollout();
    const ServicePlan plan = plan_service(service, kStart, SchedulerKnobs{});
    REQUIRE_FALSE(plan.empty());
    CHECK(plan_service(service, kStart, SchedulerKnobs{}) == plan);

    ServiceView reversed = service;
    std::reverse(reversed.tasks.begin(), reversed.tasks.end());
    CHECK(plan_service(reversed, kStart, SchedulerKnobs{}) == plan);

    ServiceView rotated = service;
    std::rotate(rotated.tasks.begin(), rotated.tasks.begin() + 2, rotated.tasks.end());
    CHECK(plan_service(rotated, kStart, SchedulerKnobs{}) == plan);
}

TEST_CASE("Mid-rollout plan: starts within the cap, stops within the floor, in one pass",
          "[scheduler][idempotence]") {
    // desired 4, 50/150: cap 6, floor 2. Active: old1..old4 healthy + t01 awaiting = 5 -> 1 start, placed
    // in az-b, the zone with fewest tasks (a: old1 old4, b: old2, c: old3 t01).
    // Healthy 4 - floor 2 = 2 old tasks may stop. Zones now a:2 b:2 c:2 -> az-a by name; old1 and old4 were
    // created together, so the id decides: old1. Then a:1 b:2 c:2 -> az-b: old2.
    const ServicePlan plan = plan_service(mid_rollout(), kStart, SchedulerKnobs{});
    std::vector<std::string> described;
    for (const auto& planned : plan.actions) described.push_back(describe(planned.action));
    CHECK(described ==
          std::vector<std::string>{
              "StartTask ecs-svc/2 az=az-b subnet=subnet-b",
              "EmitStartedTasksEvent 1 replaced_unhealthy=0",
              "StopTask old1 ServiceSchedulerInitiated \"Scaling activity initiated by (deployment "
              "ecs-svc/1)\"",
              "StopTask old2 ServiceSchedulerInitiated \"Scaling activity initiated by (deployment "
              "ecs-svc/1)\"",
              "EmitEvent TasksStopped \"(service web) has stopped 2 running tasks: (task old1) (task "
              "old2).\"",
          });
    CHECK(plan.next_wakeup == kStart + Duration::seconds(30));  // t01 healthy 40 s after RUNNING
}

TEST_CASE("An applied step is not planned again", "[scheduler][idempotence]") {
    SchedulerWorld world(settled(make_service("web", 2, 100, 200)));
    world.deploy("td:2");
    const ServicePlan first = world.step();
    CHECK(first.actions.size() == 3);  // 2 starts and their event
    const ServicePlan second = world.step();
    CHECK(second.empty());
    CHECK(world.violations().empty());
}
