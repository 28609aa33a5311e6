#pragma once
// What of a task its service's plan can read. The engine reconciles a service when one of its tasks moves
// or is reported on; most of those moves (PROVISIONING -> PENDING -> ACTIVATING, STOPPING -> DEPROVISIONING)
// change nothing the scheduler looks at, and rebuilding and planning a busy service's view for each of them
// was most of a large simulated fleet's reconciles.
//
// The scheduler reads a task's status only as starting (PROVISIONING, PENDING, ACTIVATING), RUNNING, leaving
// (DEACTIVATING, STOPPING, DEPROVISIONING) or STOPPED (task_condition.cpp, task_steps.cpp,
// launch_accounting.cpp), and otherwise the fields service_view_builder.cpp copies into a TaskView. A task
// told to stop is leaving whatever its status until it is STOPPED: classify_task says so first, and only
// tasks not leaving are picked to stop (the one place a RUNNING status is told apart). A task's id,
// deployment and zone are set at launch and never change, so they are not compared here.
#include <optional>

#include "emulator/core/ecs/services.hpp"
#include "emulator/core/ecs/tasks.hpp"

namespace ecsemu::core::engine {

enum class PlannedStatus { Starting, Running, Leaving, Stopped };

struct PlannedTaskFacts {
    PlannedStatus status = PlannedStatus::Starting;
    ecs::DesiredStatus desired_status = ecs::DesiredStatus::Running;
    ecs::HealthStatus health_status = ecs::HealthStatus::Unknown;
    Instant created_at;
    std::optional<Instant> started_at;
    std::optional<ecs::TaskStopCode> stop_code;
    bool start_failure_recorded = false;

    bool operator==(const PlannedTaskFacts&) const = default;
};

PlannedStatus planned_status(ecs::TaskStatus status, ecs::DesiredStatus desired);
PlannedTaskFacts planned_facts_of(const ecs::Task& task);

// Whether a task's move from `before` to `after` can change its service's plan. Besides a change of the facts
// above, a leaving task that reaches STOPPED cannot, when all of these hold: it had reached RUNNING (a task
// that stops before is counted as a failed start), its service is ACTIVE (a DRAINING one becomes INACTIVE
// once its last task stops) with one deployment (an older deployment's desired count counts its live tasks),
// and leaving tasks do not count against maximumPercent. Scaling a busy fleet in stops thousands of tasks a
// day this way.
bool plan_can_change(const PlannedTaskFacts& before, const PlannedTaskFacts& after, const ecs::Service* owner,
                     bool leaving_tasks_count_against_maximum);

// Whether registering the targets of a task of `owner` that is still starting (ECS registers them while the
// task is ACTIVATING) can change the owner's plan. The scheduler reads no starting task's target health
// (classify_task calls it starting first); what a plan reads of the registration is the service's
// "registered 1 targets" event, which ends the run of condition events after which the scheduler repeats
// one (condition_events.cpp). While a task starts, steady state cannot be reported (every active task must
// be healthy) nor the stall (nothing may be in flight); only "unable to consistently start tasks" can, and
// only while start failures back launches off. A busy load-balanced fleet registers thousands of targets a
// day, and reconciling for each was a quarter of its reconciles.
bool registration_can_change_plan(const ecs::Service& owner);

// When the owner's plan must next be made, if a task's move from `before` to `after` at `now` changes only
// that, not the plan itself; nullopt otherwise (plan_can_change then decides).
//
// A task reaching RUNNING in a service without load balancers or container health checks counts as healthy
// `healthy_after_running` later (scheduler::condition_deadline). Until then the scheduler counts it as it
// counted it while starting (active, in flight, not healthy) everywhere except where it notes a deployment's
// first RUNNING task, ends a launch back-off, weighs an older deployment's tasks, or picks tasks to stop
// (and a starting task is the first picked, so a plan with stops to make would not have been empty). So when
// the service is ACTIVE with one deployment, PRIMARY and not FAILED, that already had a RUNNING task, no
// start failures back its launches off, and the task is that deployment's, a plan that was empty before the
// move is empty after it; it only asks to be made again when the task counts as healthy, which is the
// moment returned. Whether the plan was empty is the engine's to know: a service whose last plan was not is
// reconciled anyway (it is dirty or unsettled). A busy fleet's tasks reach RUNNING thousands of times a
// day, and reconciling for each was a third of its reconciles.
std::optional<Instant> health_wakeup_instead_of_plan(const ecs::EcsState& state,
                                                     const PlannedTaskFacts& before,
                                                     const PlannedTaskFacts& after, const ecs::Service& owner,
                                                     const ecs::Task& task, Duration healthy_after_running,
                                                     Instant now);

}  // namespace ecsemu::core::engine
