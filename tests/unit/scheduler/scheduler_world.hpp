#pragma once
// A tiny world for scheduler tests: it holds one ServiceView, applies plans to it the way the store will,
// moves tasks through their lifecycle by script as time advances, and checks the rolling-update invariants
// at every applied plan. Tests read like scripts:
//
//   SchedulerWorld world(example_service());
//   world.deploy("td:2");
//   world.run_for(Duration::minutes(5));
//   CHECK(world.trace() == std::vector<std::string>{...});
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/scheduler/plan_service.hpp"

namespace ecsemu::core::scheduler::testing {

inline constexpr const char* kTargetGroup =
    "arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/web/0123456789abcdef";

// How the tasks of one task definition behave once the world starts them. Durations count from the start
// (StartTask) for the pre-RUNNING part and from RUNNING for health.
struct TaskScript {
    Duration to_running = Duration::seconds(20);
    std::optional<Duration> fails_after;  // stops TaskFailedToStart this long after the start, never RUNNING
    Duration to_healthy = Duration::seconds(20);  // target healthy / container HEALTHY (when checked)
    Duration to_healthy_step;  // the n-th task started with this script (from 0) waits n steps longer
    std::optional<Duration> unhealthy_after;  // fails its checks instead of passing them
    Duration drain = Duration::seconds(30);   // StopTask -> STOPPED
};

inline constexpr Instant kStart{1'700'000'000'000};

// Builders. Zones are "az-a", "az-b", ... with subnets "subnet-a", ...
ServiceView make_service(const std::string& name, int desired, int minimum_healthy_percent,
                         int maximum_percent, const std::vector<std::string>& zone_letters = {"a", "b"});
DeploymentView make_deployment(const std::string& id, const std::string& task_definition,
                               DeploymentStatus status, RolloutState rollout);
// A task RUNNING since long before kStart and healthy by every check the service has.
TaskView healthy_task(const ServiceView& service, const std::string& id, const std::string& deployment_id,
                      const std::string& zone_letter);
// The service settled on one COMPLETED deployment "ecs-svc/1" (td:1) with desired_count healthy tasks
// "old1".."oldN" spread over its zones in order, its last event "has reached a steady state." an hour ago.
ServiceView settled(ServiceView service);

class SchedulerWorld {
public:
    explicit SchedulerWorld(ServiceView service, SchedulerKnobs knobs = {});

    ServiceView& view() { return view_; }
    Instant now() const { return now_; }
    void script(const std::string& task_definition, TaskScript script) { scripts_[task_definition] = script; }

    // UpdateService with a new revision: a new PRIMARY "ecs-svc/<n>" IN_PROGRESS, the old one ACTIVE.
    std::string deploy(const std::string& task_definition);

    // One pass: plan, check invariants, apply, trace. Returns the plan.
    ServicePlan step();
    // Passes until one returns an empty plan; returns how many plans were non-empty.
    int reconcile();
    // Moves time forward, reconciling at every scripted task transition and every requested wakeup.
    void run_until(Instant until);
    void run_for(Duration d) { run_until(now_ + d); }

    // Applied actions as "<seconds since kStart>s <what>", bookkeeping actions left out.
    const std::vector<std::string>& trace() const { return trace_; }
    const std::vector<std::string>& violations() const { return violations_; }
    std::optional<Instant> next_wakeup() const { return next_wakeup_; }
    const TaskView* task(const std::string& id) const;
    std::string stopped_reason(const std::string& task_id) const;
    int count_tasks(const std::string& deployment_id, TaskStatus status) const;

private:
    struct TaskRuntime {
        TaskScript script;
        std::optional<Instant> stop_requested_at;
        bool health_settled = false;  // the script's health outcome has been applied (or is not scripted)
    };

    void apply(const ServicePlan& plan);
    void apply_start(const StartTask& start, std::vector<std::string>& started_ids);
    void apply_stop(const StopTask& stop);
    void apply_deployment_action(const Action& action);
    void add_event(const std::string& message);
    void advance_tasks();
    void advance_task(TaskView& task, TaskRuntime& runtime);
    std::optional<Instant> next_transition() const;
    void check_invariants(const ServiceView& before, const ServicePlan& plan);
    void record(const std::string& what);
    void record_violation(const std::string& what);

    ServiceView view_;
    SchedulerKnobs knobs_;
    Instant now_ = kStart;
    std::map<std::string, TaskScript> scripts_;
    std::map<std::string, TaskRuntime> runtimes_;
    std::map<std::string, int> starts_per_task_definition_;
    std::vector<std::string> trace_;
    std::vector<std::string> violations_;
    std::map<std::string, std::string> stopped_reasons_;
    std::optional<Instant> next_wakeup_;
    int next_task_number_ = 1;
    int next_deployment_number_ = 2;
};

}  // namespace ecsemu::core::scheduler::testing
