// Launch back-off for tasks that stop before RUNNING (reference §3.6): 0 s, 15 s, 30 s, 1 min, 2 min, ...
// up to 27 min; a new task definition resets it; failures after RUNNING are not throttled.
#include <catch2/catch.hpp>

#include "scheduler_world.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::scheduler;
using namespace ecsemu::core::scheduler::testing;
using Trace = std::vector<std::string>;

namespace {

ServiceView new_service() {
    ServiceView service = make_service("web", 1, 100, 200);
    service.deployments.push_back(
        make_deployment("ecs-svc/1", "td:1", DeploymentStatus::Primary, RolloutState::InProgress));
    return service;
}

Trace lines_containing(const Trace& trace, const std::string& needle) {
    Trace out;
    for (const auto& line : trace) {
        if (line.find(needle) != std::string::npos) out.push_back(line);
    }
    return out;
}

}  // namespace

TEST_CASE("Tasks that never reach RUNNING are relaunched after a doubling delay", "[scheduler][backoff]") {
    SchedulerWorld world(new_service());
    TaskScript script;
    script.fails_after = Duration::seconds(5);
    world.script("td:1", script);
    world.run_for(Duration::seconds(300));

    // Failure n at F_n is followed by a launch at F_n + delay(n): 5+0, 10+15, 30+30, 65+60, 130+120.
    CHECK(lines_containing(world.trace(), "s start t") == Trace{
                                                              "0s start t01 ecs-svc/1 az-a",
                                                              "5s start t02 ecs-svc/1 az-a",
                                                              "25s start t03 ecs-svc/1 az-a",
                                                              "60s start t04 ecs-svc/1 az-a",
                                                              "125s start t05 ecs-svc/1 az-a",
                                                              "250s start t06 ecs-svc/1 az-a",
                                                          });
    CHECK(lines_containing(world.trace(), "unable to consistently") ==
          Trace{
              "10s event (service web) is unable to consistently start tasks successfully.",
              "30s event (service web) is unable to consistently start tasks successfully.",
              "65s event (service web) is unable to consistently start tasks successfully.",
              "130s event (service web) is unable to consistently start tasks successfully.",
              "255s event (service web) is unable to consistently start tasks successfully.",
          });
    const LaunchBackoffState& backoff = world.view().launch_backoff;
    CHECK(backoff.consecutive_start_failures == 6);
    CHECK(backoff.task_definition_arn == "td:1");
    CHECK(backoff.next_launch_at == kStart + Duration::seconds(255 + 240));
    CHECK(world.view().deployments[0].failed_tasks == 6);  // breaker disabled: counted, never tripped
    CHECK(world.violations().empty());
}

TEST_CASE("A new task definition launches at once and a RUNNING task clears the back-off",
          "[scheduler][backoff]") {
    SchedulerWorld world(new_service());
    TaskScript script;
    script.fails_after = Duration::seconds(5);
    world.script("td:1", script);
    world.run_for(Duration::seconds(140));  // throttled until 250 s
    REQUIRE(world.view().launch_backoff.next_launch_at == kStart + Duration::seconds(250));

    world.deploy("td:2");
    world.run_for(Duration::seconds(100));

    CHECK(lines_containing(world.trace(), "140s ") ==
          Trace{
              "140s start t06 ecs-svc/2 az-a",
              "140s event (service web) has started 1 tasks: (task t06).",
              "140s status ecs-svc/1 INACTIVE",
          });
    CHECK(world.trace().back() == "200s event (service web) has reached a steady state.");
    CHECK(world.view().launch_backoff == LaunchBackoffState{});
    CHECK(world.violations().empty());
}

TEST_CASE("A task that dies after RUNNING is replaced at once, without counting as a start failure",
          "[scheduler][backoff]") {
    ServiceView service = settled(make_service("web", 2, 100, 200));
    TaskView& crashed = service.tasks[1];
    crashed.last_status = TaskStatus::Stopped;
    crashed.desired_status = DesiredStatus::Stopped;
    crashed.stop_code = StopCode::EssentialContainerExited;

    const ServicePlan plan = plan_service(service, kStart, SchedulerKnobs{});
    REQUIRE(plan.actions.size() == 2);
    CHECK(std::get<StartTask>(plan.actions[0].action) == StartTask{"ecs-svc/1", "td:1", "az-b", "subnet-b"});
    CHECK(plan.actions[0].cause == ActionCause::DesiredCount);
}

TEST_CASE("A start failure is recorded once, with the breaker and back-off counts", "[scheduler][backoff]") {
    ServiceView service = new_service();
    TaskView failed;
    failed.id = "t01";
    failed.deployment_id = "ecs-svc/1";
    failed.last_status = TaskStatus::Stopped;
    failed.desired_status = DesiredStatus::Stopped;
    failed.stop_code = StopCode::TaskFailedToStart;
    service.tasks.push_back(failed);

    const ServicePlan plan = plan_service(service, kStart, SchedulerKnobs{});
    REQUIRE(plan.actions.size() >= 3);
    CHECK(plan.actions[0] == PlannedAction{RecordStartFailure{"t01"}, ActionCause::LaunchFailure});
    CHECK(plan.actions[1] ==
          PlannedAction{SetDeploymentCounters{"ecs-svc/1", 1, false}, ActionCause::LaunchFailure});
    CHECK(plan.actions[2] == PlannedAction{SetLaunchBackoff{LaunchBackoffState{1, "td:1", kStart, kStart}},
                                           ActionCause::LaunchFailure});
    CHECK(std::holds_alternative<StartTask>(plan.actions[3].action));  // one failure: retried at once

    service.tasks[0].start_failure_recorded = true;
    service.deployments[0].failed_tasks = 1;
    service.launch_backoff = LaunchBackoffState{1, "td:1", kStart, kStart};
    const ServicePlan again = plan_service(service, kStart, SchedulerKnobs{});
    REQUIRE(again.actions.size() == 2);  // the start and its event; nothing counted twice
    CHECK(std::holds_alternative<StartTask>(again.actions[0].action));
}
