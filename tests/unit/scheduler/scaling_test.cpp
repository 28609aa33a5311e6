// desiredCount changes without a new deployment: scale out places new tasks in the zones with the fewest
// of the service's tasks, scale in stops tasks from the zones with the most, newest first.
#include <catch2/catch.hpp>

#include "scheduler_world.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::scheduler;
using namespace ecsemu::core::scheduler::testing;
using Trace = std::vector<std::string>;

TEST_CASE("Scale out from 2 to 5 over three zones fills the emptiest zone first, ties by zone name",
          "[scheduler][scaling]") {
    SchedulerWorld world(settled(make_service("web", 2, 100, 200, {"a", "b", "c"})));  // old1 az-a, old2 az-b
    world.view().desired_count = 5;
    world.run_for(Duration::minutes(2));

    CHECK(world.trace() ==
          Trace{
              "0s start t01 ecs-svc/1 az-c",
              "0s start t02 ecs-svc/1 az-a",
              "0s start t03 ecs-svc/1 az-b",
              "0s event (service web) has started 3 tasks: (task t01) (task t02) (task t03).",
              "60s event (service web) has reached a steady state.",
          });
    CHECK(world.violations().empty());
    CHECK(world.view().deployments.size() == 1);  // no new deployment for a desiredCount change
}

TEST_CASE("Scale out on a settled service is cause DesiredCount; during a rollout it stays within the cap",
          "[scheduler][scaling]") {
    ServiceView service = settled(make_service("web", 2, 100, 150, {"a", "b"}));
    service.desired_count = 10;  // cap floor(10 x 150 / 100) = 15, 2 running: all 8 missing tasks fit
    ServicePlan plan = plan_service(service, kStart, SchedulerKnobs{});
    int starts = 0;
    for (const auto& planned : plan.actions) {
        if (!std::holds_alternative<StartTask>(planned.action)) continue;
        ++starts;
        CHECK(planned.cause == ActionCause::DesiredCount);
    }
    CHECK(starts == 8);

    // Desired 3 while ecs-svc/2 rolls out: cap floor(3 x 150 / 100) = 4, 2 old tasks -> 2 of 3 starts fit.
    service.desired_count = 3;
    service.deployments.insert(
        service.deployments.begin(),
        make_deployment("ecs-svc/2", "td:2", DeploymentStatus::Primary, RolloutState::InProgress));
    service.deployments[1].status = DeploymentStatus::Active;
    plan = plan_service(service, kStart, SchedulerKnobs{});
    starts = 0;
    for (const auto& planned : plan.actions) {
        if (!std::holds_alternative<StartTask>(planned.action)) continue;
        ++starts;
        CHECK(std::get<StartTask>(planned.action).deployment_id == "ecs-svc/2");
        CHECK(planned.cause == ActionCause::Rollout);
    }
    CHECK(starts == 2);
}

TEST_CASE("Scale in from 5 to 2 stops tasks from the zone with the most tasks, newest first",
          "[scheduler][scaling]") {
    SchedulerWorld world(settled(make_service("web", 2, 100, 200, {"a", "b", "c"})));
    world.view().desired_count = 5;
    world.run_for(Duration::minutes(2));  // old1 az-a, old2 az-b, t01 az-c, t02 az-a, t03 az-b
    const std::size_t before = world.trace().size();

    world.view().desired_count = 2;
    world.run_for(Duration::minutes(2));

    // a:2 b:2 c:1 -> az-a (name), its newest t02; then b:2 -> t03; then a:1 b:1 c:1 -> az-a, old1.
    const Trace scale_in(world.trace().begin() + long(before), world.trace().end());
    CHECK(scale_in ==
          Trace{
              "120s stop t02",
              "120s stop t03",
              "120s stop old1",
              "120s event (service web) has stopped 3 running tasks: (task t02) (task t03) (task old1).",
              "120s event (service web) has reached a steady state.",
          });
    CHECK(world.stopped_reason("t02") == "Scaling activity initiated by (deployment ecs-svc/1)");
    CHECK(world.violations().empty());
}

TEST_CASE("Scale in keeps the healthy floor: a starting task goes before a healthy one in a fuller zone",
          "[scheduler][scaling]") {
    ServiceView service = settled(make_service("web", 2, 100, 200, {"a", "b"}));  // old1 az-a, old2 az-b
    TaskView starting = healthy_task(service, "t09", "ecs-svc/1", "b");
    starting.last_status = TaskStatus::Pending;
    starting.started_at.reset();
    starting.created_at = kStart;
    service.tasks.push_back(starting);
    service.tasks[1].availability_zone = "az-a";  // old2 moves: a has 2 healthy, b has 1 starting

    const ServicePlan plan = plan_service(service, kStart, SchedulerKnobs{});
    // floor = 2 healthy, 2 healthy now: no healthy task may stop, whatever the zones say.
    REQUIRE(plan.actions.size() == 2);
    CHECK(std::get<StopTask>(plan.actions[0].action).task_id == "t09");
    CHECK(plan.actions[0].cause == ActionCause::DesiredCount);
    CHECK(std::get<EmitEvent>(plan.actions[1].action).message == "(service web) stopped 1 pending tasks.");
}

TEST_CASE("Scale to zero stops every task and reports a steady state once they are told to stop",
          "[scheduler][scaling]") {
    SchedulerWorld world(settled(make_service("web", 2, 100, 200)));
    world.view().desired_count = 0;
    world.run_for(Duration::minutes(1));
    CHECK(world.trace() == Trace{
                               "0s stop old1",
                               "0s stop old2",
                               "0s event (service web) has stopped 2 running tasks: (task old1) (task old2).",
                               "0s event (service web) has reached a steady state.",
                           });
    CHECK(world.count_tasks("ecs-svc/1", TaskStatus::Stopped) == 2);
    CHECK(world.violations().empty());
}
