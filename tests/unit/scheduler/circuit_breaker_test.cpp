// Deployment circuit breaker (reference §3.5): stage 1 counts tasks that fail before RUNNING, stage 2
// counts health-check failures once a task ran; the trip fails the deployment and, with rollback, starts a
// new deployment of the last COMPLETED revision.
#include <catch2/catch.hpp>

#include "emulator/core/scheduler/bounds.hpp"
#include "scheduler_world.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::scheduler;
using namespace ecsemu::core::scheduler::testing;
using Trace = std::vector<std::string>;

namespace {

ServiceView breaker_service(bool rollback) {
    ServiceView service = make_service("web", 2, 100, 200);
    service.deployment_configuration.circuit_breaker = CircuitBreakerView{true, rollback};
    return settled(service);
}

TaskScript fails_to_start() {
    TaskScript script;
    script.fails_after = Duration::seconds(10);
    return script;
}

}  // namespace

TEST_CASE("Stage 1 trips after 3 tasks failed to start and rolls back to the last completed deployment",
          "[scheduler][breaker]") {
    SchedulerWorld world(breaker_service(true));
    world.script("td:2", fails_to_start());
    world.deploy("td:2");
    world.run_for(Duration::minutes(3));

    CHECK(world.trace() ==
          Trace{
              "0s start t01 ecs-svc/2 az-a",
              "0s start t02 ecs-svc/2 az-b",
              "0s event (service web) has started 2 tasks: (task t01) (task t02).",
              // 2 failures: throttled 15 s (launch back-off), breaker at 2 of 3
              "10s event (service web) is unable to consistently start tasks successfully.",
              "25s start t03 ecs-svc/2 az-a",
              "25s start t04 ecs-svc/2 az-b",
              "25s event (service web) has started 2 tasks: (task t03) (task t04).",
              "35s rollout ecs-svc/2 FAILED",
              "35s event (service web) (deployment ecs-svc/2) deployment failed: tasks failed to start.",
              "35s status ecs-svc/2 ACTIVE",
              "35s rollback ecs-svc/3 td:1",
              "35s event (service web) rolling back to deployment ecs-svc/1.",
              "35s start t05 ecs-svc/3 az-a",
              "35s start t06 ecs-svc/3 az-b",
              "35s event (service web) has started 2 tasks: (task t05) (task t06).",
              "35s status ecs-svc/2 INACTIVE",
              "95s stop old1",
              "95s stop old2",
              "95s event (service web) has stopped 2 running tasks: (task old1) (task old2).",
              "95s status ecs-svc/1 INACTIVE",
              "95s rollout ecs-svc/3 COMPLETED",
              "95s event (service web) (deployment ecs-svc/3) deployment completed.",
              "95s event (service web) has reached a steady state.",
          });
    CHECK(world.violations().empty());
    REQUIRE(world.view().deployments.size() == 1);
    CHECK(world.view().deployments[0].task_definition_arn == "td:1");
}

TEST_CASE("The trip plan: FAILED with the ECS reason, old deployment ACTIVE, rollback deployment and events",
          "[scheduler][breaker]") {
    ServiceView service = breaker_service(true);
    service.deployments[0].status = DeploymentStatus::Active;
    service.deployments.insert(
        service.deployments.begin(),
        make_deployment("ecs-svc/2", "td:2", DeploymentStatus::Primary, RolloutState::InProgress));
    service.deployments[0].failed_tasks = 3;

    const ServicePlan plan = plan_service(service, kStart, SchedulerKnobs{});
    const std::vector<PlannedAction> expected{
        {DeploymentStateChange{"ecs-svc/2", RolloutState::Failed,
                               "ECS deployment circuit breaker: tasks failed to start."},
         ActionCause::CircuitBreaker},
        {EmitEvent{EventKind::DeploymentFailed,
                   "(service web) (deployment ecs-svc/2) deployment failed: tasks failed to start."},
         ActionCause::CircuitBreaker},
        {DeploymentStatusChange{"ecs-svc/2", DeploymentStatus::Active}, ActionCause::Rollback},
        {CreateRollbackDeployment{"td:1", "ecs-svc/1",
                                  "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1."},
         ActionCause::Rollback},
        {EmitEvent{EventKind::RollingBack, "(service web) rolling back to deployment ecs-svc/1."},
         ActionCause::Rollback},
    };
    CHECK(plan.actions == expected);

    service.deployments[0].failed_tasks = 2;  // one short of clamp(ceil(0.5 x 2), 3, 200) = 3
    CHECK(plan_service(service, kStart, SchedulerKnobs{}).actions.size() == 3);  // 2 starts and their event
}

TEST_CASE("Without rollback a tripped deployment freezes the service until the next deployment",
          "[scheduler][breaker]") {
    SchedulerWorld world(breaker_service(false));
    world.script("td:2", fails_to_start());
    world.deploy("td:2");
    world.run_for(Duration::minutes(30));

    CHECK(world.trace().size() == 9);
    CHECK(world.trace().back() ==
          "35s event (service web) (deployment ecs-svc/2) deployment failed: tasks failed to start.");
    REQUIRE(world.view().deployments.size() == 2);
    CHECK(world.view().deployments[0].rollout_state == RolloutState::Failed);
    CHECK(world.view().deployments[0].failed_tasks == 4);
    CHECK(world.count_tasks("ecs-svc/1", TaskStatus::Running) == 2);  // the old tasks keep serving
    CHECK(plan_service(world.view(), world.now(), SchedulerKnobs{}).empty());
    CHECK(world.violations().empty());
}

TEST_CASE("Stage 2 counts health-check failures once a task ran, then trips and rolls back",
          "[scheduler][breaker]") {
    ServiceView service = make_service("web", 2, 100, 200);
    service.target_group_arn = kTargetGroup;
    service.deployment_configuration.circuit_breaker = CircuitBreakerView{true, true};
    SchedulerWorld world(settled(service));
    TaskScript script;
    script.unhealthy_after = Duration::seconds(30);  // RUNNING at +20 s, target unhealthy at +50 s
    world.script("td:2", script);
    world.deploy("td:2");

    world.run_for(Duration::seconds(60));
    // No headroom (2 old + 2 new = cap 4): one unhealthy task is stopped, then replaced.
    CHECK(world.view().deployments[0].had_running_task);
    CHECK(world.view().deployments[0].failed_tasks == 1);
    CHECK(world.stopped_reason("t01") ==
          std::string("Task failed ELB health checks in (target-group ") + kTargetGroup + ")");
    CHECK(world.task("t03") != nullptr);

    world.run_for(Duration::minutes(10));
    REQUIRE(world.view().deployments.size() == 1);
    CHECK(world.view().deployments[0].id == "ecs-svc/3");
    CHECK(world.view().deployments[0].task_definition_arn == "td:1");
    CHECK(world.view().deployments[0].rollout_state == RolloutState::Completed);
    CHECK(world.count_tasks("ecs-svc/3", TaskStatus::Running) == 2);
    CHECK(world.violations().empty());
}

TEST_CASE("A first deployment that fails has nothing to roll back to", "[scheduler][breaker]") {
    ServiceView service = make_service("web", 1, 100, 200);
    service.deployment_configuration.circuit_breaker = CircuitBreakerView{true, true};
    service.deployments.push_back(
        make_deployment("ecs-svc/1", "td:1", DeploymentStatus::Primary, RolloutState::InProgress));
    service.deployments[0].failed_tasks = 3;

    const ServicePlan plan = plan_service(service, kStart, SchedulerKnobs{});
    REQUIRE(plan.actions.size() == 2);
    CHECK(std::get<DeploymentStateChange>(plan.actions[0].action).rollout_state == RolloutState::Failed);
    CHECK(std::get<EmitEvent>(plan.actions[1].action).kind == EventKind::DeploymentFailed);
}

TEST_CASE("A disabled breaker keeps counting failedTasks but never trips", "[scheduler][breaker]") {
    ServiceView service = make_service("web", 2, 100, 200);
    service = settled(service);  // breaker disabled by default
    SchedulerWorld world(service);
    world.script("td:2", fails_to_start());
    world.deploy("td:2");
    world.run_for(Duration::minutes(5));

    CHECK(world.view().deployments[0].rollout_state == RolloutState::InProgress);
    // Failures at 10 s (2), 35 s (4) and 105 s (6); the back-off then holds the next launch until 345 s.
    CHECK(world.view().deployments[0].failed_tasks == 6);
    CHECK(world.count_tasks("ecs-svc/1", TaskStatus::Running) == 2);
    CHECK(world.violations().empty());
}

TEST_CASE("The first RUNNING task resets failedTasks; later start failures no longer count",
          "[scheduler][breaker]") {
    ServiceView service = make_service("web", 2, 100, 200);
    service.deployment_configuration.circuit_breaker = CircuitBreakerView{true, true};
    service.deployments.push_back(
        make_deployment("ecs-svc/1", "td:1", DeploymentStatus::Primary, RolloutState::InProgress));
    service.deployments[0].failed_tasks = 2;
    TaskView running = healthy_task(service, "t05", "ecs-svc/1", "a");
    running.started_at = kStart - Duration::seconds(5);
    TaskView failed;
    failed.id = "t06";
    failed.deployment_id = "ecs-svc/1";
    failed.last_status = TaskStatus::Stopped;
    failed.desired_status = DesiredStatus::Stopped;
    failed.stop_code = StopCode::TaskFailedToStart;
    service.tasks = {running, failed};

    const ServicePlan plan = plan_service(service, kStart, SchedulerKnobs{});
    REQUIRE(plan.actions.size() >= 2);
    CHECK(plan.actions[0] == PlannedAction{RecordStartFailure{"t06"}, ActionCause::LaunchFailure});
    CHECK(plan.actions[1] ==
          PlannedAction{SetDeploymentCounters{"ecs-svc/1", 0, true}, ActionCause::LaunchFailure});
}
