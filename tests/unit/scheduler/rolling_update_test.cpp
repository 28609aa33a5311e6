// The worked rolling-update examples of reference §3.2-3.3 and §3.1, run step by step in the test world.
// Every applied plan is checked against the bounds (never above maximumPercent after a start, never below
// the healthy floor once it was met) and planned twice to show it is deterministic.
#include <catch2/catch.hpp>

#include "scheduler_world.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::scheduler;
using namespace ecsemu::core::scheduler::testing;
using Trace = std::vector<std::string>;

TEST_CASE("Example A: 100/200 behind an ALB starts 2 new tasks, then stops an old one per new healthy one",
          "[scheduler][rolling]") {
    ServiceView service = make_service("web", 2, 100, 200);
    service.target_group_arn = kTargetGroup;
    SchedulerWorld world(settled(service));
    TaskScript script;  // RUNNING after 20 s, target healthy 20 s later, the second one 5 s after the first
    script.to_healthy_step = Duration::seconds(5);
    world.script("td:2", script);

    CHECK(world.deploy("td:2") == "ecs-svc/2");
    world.run_for(Duration::minutes(5));

    CHECK(world.trace() == Trace{
                               "0s start t01 ecs-svc/2 az-a",
                               "0s start t02 ecs-svc/2 az-b",
                               "0s event (service web) has started 2 tasks: (task t01) (task t02).",
                               "40s stop old1",
                               "40s event (service web) has stopped 1 running tasks: (task old1).",
                               "45s stop old2",
                               "45s event (service web) has stopped 1 running tasks: (task old2).",
                               "45s status ecs-svc/1 INACTIVE",
                               "45s rollout ecs-svc/2 COMPLETED",
                               "45s event (service web) (deployment ecs-svc/2) deployment completed.",
                               "45s event (service web) has reached a steady state.",
                           });
    CHECK(world.violations().empty());
    CHECK(world.stopped_reason("old1") == "Scaling activity initiated by (deployment ecs-svc/1)");
    REQUIRE(world.view().deployments.size() == 1);
    CHECK(world.view().deployments[0].id == "ecs-svc/2");
    CHECK(world.view().last_completed_deployment->id == "ecs-svc/2");
    CHECK(world.count_tasks("ecs-svc/1", TaskStatus::Stopped) == 2);
    CHECK(world.count_tasks("ecs-svc/2", TaskStatus::Running) == 2);
    // Settled: the next call is for the steady-state repeat, 6 h after it was reported.
    CHECK(world.next_wakeup() == kStart + Duration::seconds(45) + Duration::minutes(360));
}

TEST_CASE("Example B: 50/100 stops one old task first, starts one new, waits until healthy, then the second",
          "[scheduler][rolling]") {
    SchedulerWorld world(
        settled(make_service("web", 2, 50, 100)));  // no LB, no health check: healthy at +40 s
    world.deploy("td:2");
    world.run_for(Duration::minutes(5));

    CHECK(world.trace() == Trace{
                               "0s stop old1",
                               "0s event (service web) has stopped 1 running tasks: (task old1).",
                               "0s start t01 ecs-svc/2 az-a",
                               "0s event (service web) has started 1 tasks: (task t01).",
                               "60s stop old2",
                               "60s event (service web) has stopped 1 running tasks: (task old2).",
                               "60s start t02 ecs-svc/2 az-b",
                               "60s event (service web) has started 1 tasks: (task t02).",
                               "60s status ecs-svc/1 INACTIVE",
                               "120s rollout ecs-svc/2 COMPLETED",
                               "120s event (service web) (deployment ecs-svc/2) deployment completed.",
                               "120s event (service web) has reached a steady state.",
                           });
    CHECK(world.violations().empty());
}

TEST_CASE("Example B with stopping tasks counted against maximumPercent waits for each old task to drain",
          "[scheduler][rolling]") {
    SchedulerKnobs knobs;
    knobs.leaving_tasks_count_against_maximum = true;
    SchedulerWorld world(settled(make_service("web", 2, 50, 100)), knobs);
    world.deploy("td:2");
    world.run_for(Duration::minutes(5));

    Trace starts_and_stops;
    for (const auto& line : world.trace()) {
        if (line.find(" start ") != std::string::npos || line.find(" stop ") != std::string::npos) {
            starts_and_stops.push_back(line);
        }
    }
    // old1 drains 30 s before t01 may start; t01 is healthy at 30 + 20 + 40 = 90 s; old2 drains until 120 s.
    CHECK(starts_and_stops == Trace{"0s stop old1", "30s start t01 ecs-svc/2 az-a", "90s stop old2",
                                    "120s start t02 ecs-svc/2 az-b"});
    CHECK(world.trace().back() == "180s event (service web) has reached a steady state.");
    CHECK(world.violations().empty());
}

TEST_CASE("0/100 stops every old task at once, then starts every new one", "[scheduler][rolling]") {
    SchedulerWorld world(settled(make_service("web", 2, 0, 100)));
    world.deploy("td:2");
    world.run_for(Duration::minutes(5));

    CHECK(world.trace() == Trace{
                               "0s stop old1",
                               "0s stop old2",
                               "0s event (service web) has stopped 2 running tasks: (task old1) (task old2).",
                               "0s start t01 ecs-svc/2 az-a",
                               "0s start t02 ecs-svc/2 az-b",
                               "0s event (service web) has started 2 tasks: (task t01) (task t02).",
                               "0s status ecs-svc/1 INACTIVE",
                               "60s rollout ecs-svc/2 COMPLETED",
                               "60s event (service web) (deployment ecs-svc/2) deployment completed.",
                               "60s event (service web) has reached a steady state.",
                           });
    CHECK(world.violations().empty());
}

TEST_CASE("Desired 2 with 75/125 stalls with the deployment configuration event, repeated after 6 h",
          "[scheduler][rolling][stall]") {
    SchedulerWorld world(settled(make_service("web", 2, 75, 125)));
    world.deploy("td:2");
    const std::string stall_event =
        "event (service web) was unable to stop or start tasks during a deployment because of the service "
        "deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.";

    world.run_for(Duration::minutes(60));
    CHECK(world.trace() == Trace{"0s " + stall_event});
    CHECK(world.next_wakeup() == kStart + Duration::minutes(360));

    world.run_until(kStart + Duration::minutes(361));
    CHECK(world.trace() == Trace{"0s " + stall_event, "21600s " + stall_event});

    // Lowering minimumHealthyPercent to 50 unblocks it: one old task may stop.
    world.view().deployment_configuration.minimum_healthy_percent = 50;
    world.step();
    CHECK(world.trace().at(2) == "21660s stop old1");
    CHECK(world.violations().empty());
}

TEST_CASE("Desired 3 with 100/125 cannot start any task (the ECS guide's example)",
          "[scheduler][rolling][stall]") {
    ServiceView service = settled(make_service("web", 3, 100, 125, {"a", "b", "c"}));
    service.deployments.insert(
        service.deployments.begin(),
        make_deployment("ecs-svc/2", "td:2", DeploymentStatus::Primary, RolloutState::InProgress));
    service.deployments[1].status = DeploymentStatus::Active;

    const ServicePlan plan = plan_service(service, kStart, SchedulerKnobs{});
    REQUIRE(plan.actions.size() == 1);
    const auto& event = std::get<EmitEvent>(plan.actions[0].action);
    CHECK(event.kind == EventKind::DeploymentConfigurationStall);
    CHECK(plan.actions[0].cause == ActionCause::ConfigurationStall);
}
