// Replacing tasks that fail their health checks after the grace period (reference §3.4): the replacement
// starts first when maximumPercent leaves room and the unhealthy task stops once the replacement is
// healthy; without room, unhealthy tasks are stopped one at a time.
#include <catch2/catch.hpp>

#include "scheduler_world.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::scheduler;
using namespace ecsemu::core::scheduler::testing;
using Trace = std::vector<std::string>;

namespace {

TaskView& task_named(ServiceView& service, const std::string& id) {
    for (auto& task : service.tasks) {
        if (task.id == id) return task;
    }
    FAIL("no task " << id);
    return service.tasks.front();
}

}  // namespace

TEST_CASE("With headroom the replacement starts first and the unhealthy task stops once it is healthy",
          "[scheduler][unhealthy]") {
    ServiceView service = make_service("web", 2, 100, 200);
    service.target_group_arn = kTargetGroup;
    service = settled(service);
    task_named(service, "old2").target_health = TargetHealth::Unhealthy;
    SchedulerWorld world(service);
    world.script("td:1", TaskScript{});
    world.run_for(Duration::minutes(2));

    CHECK(world.trace() ==
          Trace{
              "0s start t01 ecs-svc/1 az-a",
              "0s event (service web) has started 1 tasks: (task t01). Amazon ECS replaced 1 tasks due to an "
              "unhealthy status.",
              "40s stop old2",
              "40s event (service web) has stopped 1 running tasks: (task old2).",
              "40s event (service web) has reached a steady state.",
          });
    CHECK(world.stopped_reason("old2") ==
          std::string("Task failed ELB health checks in (target-group ") + kTargetGroup + ")");
    CHECK(world.view().deployments[0].failed_tasks == 0);  // a COMPLETED deployment has no breaker to feed
    CHECK(world.violations().empty());
}

TEST_CASE("Without headroom the unhealthy task is stopped first and then replaced",
          "[scheduler][unhealthy]") {
    ServiceView service = make_service("web", 2, 100, 100);
    service.container_health_checks = true;
    service = settled(service);
    task_named(service, "old2").health_status = HealthStatus::Unhealthy;
    SchedulerWorld world(service);
    world.run_for(Duration::minutes(2));

    CHECK(world.trace() == Trace{
                               "0s stop old2",
                               "0s event (service web) has stopped 1 running tasks: (task old2).",
                               "0s start t01 ecs-svc/1 az-b",
                               "0s event (service web) has started 1 tasks: (task t01).",
                               "40s event (service web) has reached a steady state.",
                           });
    CHECK(world.stopped_reason("old2") == "Task failed container health checks");
    CHECK(world.violations().empty());
}

TEST_CASE("Without headroom several unhealthy tasks are replaced one by one", "[scheduler][unhealthy]") {
    ServiceView service = make_service("web", 3, 100, 100, {"a", "b", "c"});
    service.container_health_checks = true;
    service = settled(service);
    task_named(service, "old2").health_status = HealthStatus::Unhealthy;
    task_named(service, "old3").health_status = HealthStatus::Unhealthy;
    SchedulerWorld world(service);
    world.run_for(Duration::minutes(3));

    CHECK(world.trace() == Trace{
                               "0s stop old2",
                               "0s event (service web) has stopped 1 running tasks: (task old2).",
                               "0s start t01 ecs-svc/1 az-b",
                               "0s event (service web) has started 1 tasks: (task t01).",
                               "40s stop old3",
                               "40s event (service web) has stopped 1 running tasks: (task old3).",
                               "40s start t02 ecs-svc/1 az-c",
                               "40s event (service web) has started 1 tasks: (task t02).",
                               "80s event (service web) has reached a steady state.",
                           });
    CHECK(world.violations().empty());
}

TEST_CASE("Failing checks inside the grace period are ignored until it ends", "[scheduler][unhealthy]") {
    ServiceView service = make_service("web", 2, 100, 200);
    service.target_group_arn = kTargetGroup;
    service.health_check_grace_period_seconds = 60;
    service = settled(service);
    TaskView& young = task_named(service, "old2");
    young.started_at = kStart - Duration::seconds(10);
    young.target_health = TargetHealth::Unhealthy;

    const ServicePlan in_grace = plan_service(service, kStart, SchedulerKnobs{});
    CHECK(in_grace.empty());
    CHECK(in_grace.next_wakeup == kStart + Duration::seconds(50));

    const ServicePlan after_grace = plan_service(service, kStart + Duration::seconds(50), SchedulerKnobs{});
    REQUIRE(after_grace.actions.size() == 2);
    CHECK(std::holds_alternative<StartTask>(after_grace.actions[0].action));
    CHECK(after_grace.actions[0].cause == ActionCause::UnhealthyTask);
    CHECK(std::get<EmitStartedTasksEvent>(after_grace.actions[1].action) == EmitStartedTasksEvent{1, 1});
}

TEST_CASE("Without checks a task counts as healthy 40 s after RUNNING", "[scheduler][unhealthy]") {
    ServiceView service = make_service("web", 1, 100, 200);
    service.deployments.push_back(
        make_deployment("ecs-svc/1", "td:1", DeploymentStatus::Primary, RolloutState::InProgress));
    TaskView task = healthy_task(service, "t01", "ecs-svc/1", "a");
    task.started_at = kStart;
    service.tasks.push_back(task);
    service.deployments[0].had_running_task = true;

    const ServicePlan early = plan_service(service, kStart + Duration::seconds(39), SchedulerKnobs{});
    CHECK(early.empty());
    CHECK(early.next_wakeup == kStart + Duration::seconds(40));

    const ServicePlan on_time = plan_service(service, kStart + Duration::seconds(40), SchedulerKnobs{});
    REQUIRE(on_time.actions.size() == 3);
    CHECK(std::get<DeploymentStateChange>(on_time.actions[0].action) ==
          DeploymentStateChange{"ecs-svc/1", RolloutState::Completed, "ECS deployment ecs-svc/1 completed."});
}

namespace {

// A task of `deployment_id` that reached RUNNING `seconds_ago` before kStart and has no checks to pass.
TaskView waiting_task(const ServiceView& service, const std::string& id, const std::string& deployment_id,
                      int seconds_ago) {
    TaskView task = healthy_task(service, id, deployment_id, "a");
    task.created_at = kStart - Duration::seconds(seconds_ago + 30);
    task.started_at = kStart - Duration::seconds(seconds_ago);
    return task;
}

}  // namespace

TEST_CASE("Health delays wake a plan only when one of them can decide it", "[scheduler][unhealthy]") {
    // Scaled out from 2 to 5 without checks: new1..new3 count as healthy 40 s after RUNNING. Until the last
    // of them does, nothing the plan does can change (the service is short of a steady state either way).
    ServiceView service = settled(make_service("web", 5, 100, 200));
    service.tasks.resize(2);
    service.tasks.push_back(waiting_task(service, "new1", "ecs-svc/1", 30));  // healthy at +10 s
    service.tasks.push_back(waiting_task(service, "new2", "ecs-svc/1", 20));  // +20 s
    service.tasks.push_back(waiting_task(service, "new3", "ecs-svc/1", 5));   // +35 s
    const ServicePlan plan = plan_service(service, kStart, SchedulerKnobs{});
    CHECK(plan.empty());
    CHECK(plan.next_wakeup == kStart + Duration::seconds(35));
    // Every delay, when asked to.
    SchedulerKnobs every;
    every.wake_only_when_health_can_decide = false;
    CHECK(plan_service(service, kStart, every).next_wakeup == kStart + Duration::seconds(10));

    // A plan that starts a task is made again at once: its wakeup is every delay's, as any plan's.
    service.desired_count = 6;
    const ServicePlan starts = plan_service(service, kStart, SchedulerKnobs{});
    CHECK_FALSE(starts.empty());
    CHECK(starts.next_wakeup == kStart + Duration::seconds(10));

    // Scaled to 6 and a task still starting: it reaches RUNNING first (and the engine hears of that), so no
    // delay can decide yet.
    TaskView starting = waiting_task(service, "new4", "ecs-svc/1", 0);
    starting.last_status = TaskStatus::Pending;
    starting.started_at.reset();
    service.tasks.push_back(starting);
    service.desired_count = 6;
    const ServicePlan while_starting = plan_service(service, kStart, SchedulerKnobs{});
    CHECK(while_starting.empty());
    CHECK_FALSE(while_starting.next_wakeup);
}

TEST_CASE("Health delays during a rollout each wake the plan", "[scheduler][unhealthy]") {
    // desired 3, 100/200: the old deployment's tasks may stop one by one as new ones count as healthy.
    ServiceView service = settled(make_service("web", 3, 100, 200));
    for (auto& deployment : service.deployments) deployment.status = DeploymentStatus::Active;
    service.deployments.insert(
        service.deployments.begin(),
        make_deployment("ecs-svc/2", "td:2", DeploymentStatus::Primary, RolloutState::InProgress));
    service.deployments.front().had_running_task = true;
    service.tasks.push_back(waiting_task(service, "new1", "ecs-svc/2", 30));  // healthy at +10 s
    service.tasks.push_back(waiting_task(service, "new2", "ecs-svc/2", 20));  // +20 s
    service.tasks.push_back(waiting_task(service, "new3", "ecs-svc/2", 5));   // +35 s
    const ServicePlan plan = plan_service(service, kStart, SchedulerKnobs{});
    CHECK(plan.empty());  // all started, none healthy: no old task may stop yet
    CHECK(plan.next_wakeup == kStart + Duration::seconds(10));
    // At +10 s one old task may stop.
    const ServicePlan then = plan_service(service, kStart + Duration::seconds(10), SchedulerKnobs{});
    CHECK(std::any_of(then.actions.begin(), then.actions.end(), [](const PlannedAction& planned) {
        return std::holds_alternative<StopTask>(planned.action);
    }));
}

TEST_CASE("Grace periods ending wake the plan each", "[scheduler][unhealthy]") {
    // Behind a load balancer two tasks fail their checks inside a 60 s grace period, ending 10 s apart:
    // each becomes Unhealthy, and is replaced, at its own end.
    ServiceView service = make_service("web", 3, 100, 200);
    service.target_group_arn = kTargetGroup;
    service.health_check_grace_period_seconds = 60;
    service = settled(service);
    task_named(service, "old2").started_at = kStart - Duration::seconds(20);  // grace ends at +40 s
    task_named(service, "old2").target_health = TargetHealth::Unhealthy;
    task_named(service, "old3").started_at = kStart - Duration::seconds(10);  // +50 s
    task_named(service, "old3").target_health = TargetHealth::Unhealthy;
    const ServicePlan plan = plan_service(service, kStart, SchedulerKnobs{});
    CHECK(plan.empty());
    CHECK(plan.next_wakeup == kStart + Duration::seconds(40));
}
