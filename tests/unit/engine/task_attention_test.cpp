// The engine looks only at tasks that can move and at services that something changed: stopped tasks are
// still forgotten on time, and a capacity change reaches the service it names.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>

#include "emulator/core/ecs/task_definitions.hpp"
#include "emulator/core/ecs/tasks.hpp"
#include "emulator/core/engine/ecs_scalable_resources.hpp"
#include "emulator/core/engine/plan_relevance.hpp"
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

// A service of `family` without load balancers: what the simulator's fleets look like.
void create_plain_service(EngineWorld& w, const std::string& name, const std::string& family, int desired,
                          const nlohmann::json& deployment_configuration = nullptr) {
    nlohmann::json params = {{"cluster", kCluster},      {"serviceName", name},
                             {"taskDefinition", family}, {"desiredCount", desired},
                             {"launchType", "FARGATE"},  {"networkConfiguration", awsvpc_configuration()}};
    if (!deployment_configuration.is_null()) params["deploymentConfiguration"] = deployment_configuration;
    w.call("CreateService", params);
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

TEST_CASE("a task's moves its service's plan cannot read do not reconcile the service", "[engine][service]") {
    EngineWorld w;
    w.create_guide_service("web", 1);
    w.run_for(Duration::milliseconds(0));  // the pass that launches the task
    const auto tasks = w.tasks("web");
    REQUIRE(tasks.size() == 1);
    const std::string task_id = tasks.front()["taskArn"].get<std::string>().substr(
        tasks.front()["taskArn"].get<std::string>().rfind('/') + 1);
    const core::ecs::Task& task = w.state().tasks.at(kCluster).at(task_id);
    REQUIRE(task.last_status == core::ecs::TaskStatus::Provisioning);

    // PROVISIONING -> PENDING at the end of provisioning: a pass moves the task, nothing is planned anew.
    const std::size_t passes = w.engine.passes();
    const std::size_t reconciles = w.engine.reconciles();
    w.clock.run_until(task.created_at + w.engine.knobs().lifecycle.provisioning);
    REQUIRE(task.last_status == core::ecs::TaskStatus::Pending);
    CHECK(w.engine.passes() > passes);
    CHECK(w.engine.reconciles() == reconciles);

    // Reaching RUNNING is read by the plan (a running task counts towards the desired count).
    w.run_for(Duration::seconds(30));
    REQUIRE(task.last_status == core::ecs::TaskStatus::Running);
    CHECK(w.engine.reconciles() > reconciles);
    CHECK(w.service("web")["runningCount"] == 1);
}

TEST_CASE("plan facts tell apart only the task statuses the scheduler tells apart", "[engine][service]") {
    using core::ecs::TaskStatus;
    using core::engine::planned_facts_of;
    core::ecs::Task task;
    const auto facts_at = [&task](TaskStatus status) {
        task.last_status = status;
        return planned_facts_of(task);
    };
    CHECK(facts_at(TaskStatus::Provisioning) == facts_at(TaskStatus::Pending));
    CHECK(facts_at(TaskStatus::Pending) == facts_at(TaskStatus::Activating));
    CHECK(facts_at(TaskStatus::Activating) != facts_at(TaskStatus::Running));
    CHECK(facts_at(TaskStatus::Running) != facts_at(TaskStatus::Deactivating));
    CHECK(facts_at(TaskStatus::Deactivating) == facts_at(TaskStatus::Stopping));
    CHECK(facts_at(TaskStatus::Stopping) == facts_at(TaskStatus::Deprovisioning));
    CHECK(facts_at(TaskStatus::Deprovisioning) != facts_at(TaskStatus::Stopped));
    // Told to stop, it is leaving from any status until it is STOPPED.
    task.desired_status = core::ecs::DesiredStatus::Stopped;
    CHECK(facts_at(TaskStatus::Pending) == facts_at(TaskStatus::Running));
    CHECK(facts_at(TaskStatus::Running) == facts_at(TaskStatus::Deactivating));
    CHECK(facts_at(TaskStatus::Deprovisioning) != facts_at(TaskStatus::Stopped));
    task.desired_status = core::ecs::DesiredStatus::Running;

    // Every other field a TaskView copies from the task is compared.
    task.last_status = TaskStatus::Running;
    const auto running = planned_facts_of(task);
    task.desired_status = core::ecs::DesiredStatus::Stopped;
    CHECK(planned_facts_of(task) != running);
    task.desired_status = core::ecs::DesiredStatus::Running;
    task.health_status = core::ecs::HealthStatus::Healthy;
    CHECK(planned_facts_of(task) != running);
    task.health_status = running.health_status;
    task.started_at = Instant{1};
    CHECK(planned_facts_of(task) != running);
    task.started_at.reset();
    task.stop_code = core::ecs::TaskStopCode::EssentialContainerExited;
    CHECK(planned_facts_of(task) != running);
    task.stop_code.reset();
    task.start_failure_recorded = true;
    CHECK(planned_facts_of(task) != running);
    task.start_failure_recorded = false;
    task.created_at = Instant{2};
    CHECK(planned_facts_of(task) != running);
    task.created_at = running.created_at;
    CHECK(planned_facts_of(task) == running);
}

TEST_CASE("a task that had run and reaches STOPPED changes its service's plan only in a few cases",
          "[engine][service]") {
    using core::engine::plan_can_change;
    using core::engine::PlannedStatus;
    core::engine::PlannedTaskFacts leaving;
    leaving.status = PlannedStatus::Leaving;
    leaving.desired_status = core::ecs::DesiredStatus::Stopped;
    leaving.started_at = Instant{1};
    core::engine::PlannedTaskFacts stopped = leaving;
    stopped.status = PlannedStatus::Stopped;
    core::ecs::Service owner;
    owner.status = core::ecs::ServiceStatus::Active;
    owner.deployments.resize(1);

    CHECK_FALSE(plan_can_change(leaving, stopped, &owner, false));
    CHECK_FALSE(plan_can_change(leaving, leaving, &owner, false));
    // Leaving tasks counted against maximumPercent: one fewer may let a launch through.
    CHECK(plan_can_change(leaving, stopped, &owner, true));
    // A rollout: the older deployment's desired count counts its live tasks.
    owner.deployments.resize(2);
    CHECK(plan_can_change(leaving, stopped, &owner, false));
    owner.deployments.resize(1);
    // A DRAINING service becomes INACTIVE with its last task.
    owner.status = core::ecs::ServiceStatus::Draining;
    CHECK(plan_can_change(leaving, stopped, &owner, false));
    owner.status = core::ecs::ServiceStatus::Active;
    CHECK(plan_can_change(leaving, stopped, nullptr, false));
    // A task that never ran counts as a failed start once STOPPED.
    core::engine::PlannedTaskFacts never_ran = leaving;
    never_ran.started_at.reset();
    core::engine::PlannedTaskFacts never_ran_stopped = never_ran;
    never_ran_stopped.status = PlannedStatus::Stopped;
    CHECK(plan_can_change(never_ran, never_ran_stopped, &owner, false));
    // Anything else that changed with it still counts.
    stopped.stop_code = core::ecs::TaskStopCode::EssentialContainerExited;
    CHECK(plan_can_change(leaving, stopped, &owner, false));
}

TEST_CASE("only a start the plan reads no other way waits for the health wakeup", "[engine][service]") {
    using core::engine::health_wakeup_instead_of_plan;
    using core::engine::PlannedStatus;
    const Instant now{1'000'000};
    const Duration delay = Duration::seconds(40);
    core::engine::PlannedTaskFacts starting;
    starting.status = PlannedStatus::Starting;
    starting.created_at = Instant{900'000};
    core::engine::PlannedTaskFacts running = starting;
    running.status = PlannedStatus::Running;
    running.started_at = now;
    core::ecs::EcsState state(
        core::ecs::ArnScope{"ap-southeast-1", "123456789012"});  // no task definitions yet
    core::ecs::Service owner;
    owner.status = core::ecs::ServiceStatus::Active;
    owner.deployments.resize(1);
    owner.deployments[0].id = "ecs-svc/1";
    owner.deployments[0].status = core::ecs::DeploymentStatus::Primary;
    owner.deployments[0].rollout_state = core::ecs::RolloutState::InProgress;
    owner.deployments[0].had_running_task = true;
    core::ecs::Task task;
    task.deployment_id = "ecs-svc/1";
    const auto wakeup = [&] {
        return health_wakeup_instead_of_plan(state, starting, running, owner, task, delay, now);
    };
    REQUIRE(wakeup() == now + delay);

    // Each of these makes the start something the plan must see now.
    SECTION("the deployment's first RUNNING task") {
        owner.deployments[0].had_running_task = false;
    }
    SECTION("a failed rollout") {
        owner.deployments[0].rollout_state = core::ecs::RolloutState::Failed;
    }
    SECTION("a second deployment") {
        owner.deployments.resize(2);
    }
    SECTION("no PRIMARY deployment") {
        owner.deployments[0].status = core::ecs::DeploymentStatus::Active;
    }
    SECTION("an older deployment's task") {
        task.deployment_id = "ecs-svc/0";
    }
    SECTION("a launch back-off") {
        owner.launch_backoff.consecutive_start_failures = 1;
    }
    SECTION("a load balancer") {
        owner.load_balancers.resize(1);
    }
    SECTION("a draining service") {
        owner.status = core::ecs::ServiceStatus::Draining;
    }
    SECTION("a start that is already healthy") {
        running.started_at = now - delay;
    }
    SECTION("another fact changed with it") {
        running.desired_status = core::ecs::DesiredStatus::Stopped;
    }
    SECTION("a move that is not a start") {
        starting.status = PlannedStatus::Running;
    }
    SECTION("container health checks") {
        core::ecs::TaskDefinitionSpec spec;
        spec.family = "checked";
        core::ecs::ContainerDefinition container;
        container.name = "app";
        container.image = "nginx:latest";
        container.memory_mib = 512;
        container.health_check.emplace();
        container.health_check->command = {"CMD-SHELL", "true"};
        spec.container_definitions.push_back(container);
        const auto registered = core::ecs::register_task_definition(state, spec, now);
        REQUIRE(registered.ok());
        owner.deployments[0].task_definition_arn = registered.value().arn;
    }
    CHECK_FALSE(wakeup());
}

TEST_CASE("registering a starting task's targets can change its plan only while launches back off",
          "[engine][service]") {
    core::ecs::Service owner;
    owner.status = core::ecs::ServiceStatus::Active;
    CHECK_FALSE(core::engine::registration_can_change_plan(owner));  // nothing registers without one
    owner.load_balancers.resize(1);
    CHECK_FALSE(core::engine::registration_can_change_plan(owner));
    // The event could repeat "unable to consistently start tasks" now.
    owner.launch_backoff.consecutive_start_failures = 2;
    CHECK(core::engine::registration_can_change_plan(owner));
}

TEST_CASE("a scaled-in task reaching STOPPED does not reconcile its settled service", "[engine][service]") {
    EngineWorld w;
    w.create_guide_service("web", 2);
    w.run_for(Duration::minutes(2));
    REQUIRE(w.service("web")["runningCount"] == 2);
    w.call("UpdateService", {{"cluster", kCluster}, {"service", "web"}, {"desiredCount", 1}});
    w.run_for(Duration::milliseconds(0));
    const core::ecs::Task* leaving = nullptr;
    for (const auto& [id, task] : w.state().tasks.at(kCluster)) {
        if (task.desired_status == core::ecs::DesiredStatus::Stopped) leaving = &task;
    }
    REQUIRE(leaving != nullptr);
    // Through draining and stopping to DEPROVISIONING, a tenth of a second at a time.
    for (int step = 0; step < 6000 && leaving->last_status != core::ecs::TaskStatus::Deprovisioning; ++step)
        w.run_for(Duration::milliseconds(100));
    REQUIRE(leaving->last_status == core::ecs::TaskStatus::Deprovisioning);
    const Instant stops_at = leaving->last_status_at + w.engine.knobs().lifecycle.deprovisioning;

    // Up to just before it is STOPPED, and then through that moment.
    w.clock.run_until(stops_at - Duration::milliseconds(1));
    const std::size_t passes = w.engine.passes();
    const std::size_t reconciles = w.engine.reconciles();
    w.clock.run_until(stops_at);
    REQUIRE(leaving->last_status == core::ecs::TaskStatus::Stopped);
    CHECK(w.engine.passes() > passes);  // the pass that settled the stop
    CHECK(w.engine.reconciles() == reconciles);
    CHECK(w.service("web")["runningCount"] == 1);
}

TEST_CASE("a task reaching RUNNING without health checks moves its service's wakeup, not its plan",
          "[engine][service]") {
    core::engine::EngineKnobs knobs;
    knobs.change_log_capacity = 1'000'000;
    EngineWorld w(knobs);
    w.register_task_definition("plain", "nginx:latest", false);
    create_plain_service(w, "web", "plain", 1);
    w.run_for(Duration::minutes(2));
    REQUIRE(w.service("web")["deployments"][0]["rolloutState"] == "COMPLETED");
    w.call("UpdateService", {{"cluster", kCluster}, {"service", "web"}, {"desiredCount", 2}});
    w.run_for(Duration::milliseconds(0));
    const core::ecs::Task* added = nullptr;
    for (const auto& [id, task] : w.state().tasks.at(kCluster)) {
        if (task.last_status != core::ecs::TaskStatus::Running) added = &task;
    }
    REQUIRE(added != nullptr);

    // Up to RUNNING, a tenth of a second at a time: the move to RUNNING reconciles nothing.
    std::size_t reconciles = w.engine.reconciles();
    for (int step = 0; step < 600 && added->last_status != core::ecs::TaskStatus::Running; ++step) {
        reconciles = w.engine.reconciles();
        w.run_for(Duration::milliseconds(100));
    }
    REQUIRE(added->last_status == core::ecs::TaskStatus::Running);
    CHECK(w.engine.reconciles() == reconciles);
    // The plan is made again when the task counts as healthy, and the service then reaches a steady state.
    const Instant healthy_at =
        *added->started_at + w.engine.knobs().scheduler.healthy_after_running_without_checks;
    w.clock.run_until(healthy_at - Duration::milliseconds(1));
    CHECK(w.engine.reconciles() == reconciles);
    w.clock.run_until(healthy_at);
    CHECK(w.engine.reconciles() == reconciles + 1);
    CHECK(w.service("web")["runningCount"] == 2);
}

TEST_CASE("fewer wakeups and reconciles make the same decisions at the same times", "[engine][service]") {
    // Two engines driven alike, one reconciling for every task that reaches RUNNING and planning again at
    // every task's health delay: every change either logs (task moves, plans' starts and stops, events,
    // deployment states, back-offs) must be the same, at the same instants, and the other, with health
    // wakeups instead of plans, or plans woken only when a health delay can decide, or both, must have
    // reconciled less.
    const auto [engine_skips, scheduler_skips] =
        GENERATE(std::pair{true, true}, std::pair{true, false}, std::pair{false, true});
    CAPTURE(engine_skips, scheduler_skips);
    core::engine::EngineKnobs with;
    with.change_log_capacity = 1'000'000;
    with.health_wakeups_instead_of_plans = engine_skips;
    with.scheduler.wake_only_when_health_can_decide = scheduler_skips;
    core::engine::EngineKnobs without = with;
    without.health_wakeups_instead_of_plans = false;
    without.scheduler.wake_only_when_health_can_decide = false;
    EngineWorld a(with);
    EngineWorld b(without);
    const auto both = [&](const std::string& operation, const nlohmann::json& params) {
        a.call(operation, params);
        b.call(operation, params);
    };
    const auto run = [&](Duration d) {
        a.run_for(d);
        b.run_for(d);
    };
    const auto scale = [&](const std::string& service, int desired) {
        both("UpdateService", {{"cluster", kCluster}, {"service", service}, {"desiredCount", desired}});
    };
    const auto deploy = [&](const std::string& service, const std::string& family) {
        both("UpdateService", {{"cluster", kCluster}, {"service", service}, {"taskDefinition", family}});
    };
    // Containers that exit before they ever run: failed starts, back-off, circuit breakers.
    ContainerScript never_runs;
    never_runs.reports_running = false;
    never_runs.exits_after = Duration::seconds(5);
    for (EngineWorld* w : {&a, &b}) {
        w->register_task_definition("plain", "nginx:latest", false);
        w->register_task_definition("checked", "nginx:latest", true);
        w->runtime.script("never-runs", never_runs);
        w->register_task_definition("crashy", "never-runs:1", false);
        // Its containers run until the script below is switched to never running, and again after.
        w->register_task_definition("flaky", "flaky:1", false);
        create_plain_service(*w, "plain-web", "plain", 2);
        create_plain_service(*w, "checked-web", "checked", 2);
        create_plain_service(*w, "flaky-web", "flaky", 2);
        for (const bool rollback : {true, false}) {
            create_plain_service(*w, rollback ? "rollback-web" : "breaker-web", "plain", 3,
                                 {{"deploymentCircuitBreaker", {{"enable", true}, {"rollback", rollback}}}});
        }
    }
    run(Duration::minutes(3));
    // Scale out in steps, before and after earlier tasks count as healthy.
    for (const int desired : {5, 9, 4, 12}) {
        scale("plain-web", desired);
        scale("checked-web", desired / 2);
        run(Duration::seconds(25));
    }
    run(Duration::minutes(2));
    // A rolling deployment of the same revision, scaled while it rolls.
    both("UpdateService", {{"cluster", kCluster}, {"service", "plain-web"}, {"forceNewDeployment", true}});
    run(Duration::seconds(20));
    scale("plain-web", 6);
    run(Duration::minutes(4));
    // Starts that fail in a deployment that has run tasks, and then succeed again: the back-off ends.
    for (EngineWorld* w : {&a, &b}) w->runtime.script("flaky", never_runs);
    scale("flaky-web", 5);
    run(Duration::minutes(2));
    for (EngineWorld* w : {&a, &b}) w->runtime.script("flaky", ContainerScript{});
    run(Duration::minutes(3));
    // Revisions that never start: back-off without a breaker, a failed rollout with and without rollback.
    for (const std::string service : {"plain-web", "rollback-web", "breaker-web"}) deploy(service, "crashy");
    run(Duration::minutes(8));
    for (const std::string service : {"plain-web", "breaker-web"}) deploy(service, "plain");
    run(Duration::seconds(30));
    scale("rollback-web", 5);
    run(Duration::minutes(6));
    scale("plain-web", 3);
    scale("breaker-web", 6);
    run(Duration::minutes(5));

    CHECK(a.engine.reconciles() < b.engine.reconciles());
    const auto logged_a = logged_alike(a, b);
    CHECK(a.service("flaky-web")["runningCount"] == 5);
    for (const std::string service :
         {"plain-web", "checked-web", "flaky-web", "rollback-web", "breaker-web"}) {
        INFO(service);
        CHECK(a.service(service) == b.service(service));
    }
    // What the run went through, so that it tests what it means to.
    const auto logged_any = [&](const std::string& part) {
        return std::any_of(logged_a.begin(), logged_a.end(),
                           [&](const std::string& line) { return line.find(part) != std::string::npos; });
    };
    CHECK(logged_any("CreateRollbackDeployment"));
    CHECK(logged_any(" FAILED \""));
    CHECK(logged_any("LaunchThrottled"));
    CHECK(a.service("rollback-web")["taskDefinition"].get<std::string>().find("plain") != std::string::npos);
}

}  // namespace ecsemu::test
