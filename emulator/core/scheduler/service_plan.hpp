#pragma once
// What plan_service() returns: the changes it decided, as values, in the order the applier must apply them,
// each with its cause; and when it wants to be asked again. The applier (the store) applies the actions and
// records them; the scheduler never writes anything itself.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "emulator/core/scheduler/scheduler_enums.hpp"
#include "emulator/core/scheduler/service_view.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::scheduler {

// Launch one task of a deployment. The applier chooses the task id (IdSource) and creates it PROVISIONING
// with desiredStatus RUNNING, startedBy = deployment_id, in subnet_id (empty when the service lists none).
struct StartTask {
    std::string deployment_id;
    std::string task_definition_arn;
    std::string availability_zone;
    std::string subnet_id;
    bool operator==(const StartTask&) const = default;
};

// Ask a task to stop: desiredStatus STOPPED, stopCode and stoppedReason set now; the runtime drains and
// stops it (DEACTIVATING -> STOPPING -> DEPROVISIONING -> STOPPED).
struct StopTask {
    std::string task_id;
    StopCode stop_code = StopCode::ServiceSchedulerInitiated;
    std::string stopped_reason;
    bool operator==(const StopTask&) const = default;
};

// Set a deployment's rolloutState and rolloutStateReason.
struct DeploymentStateChange {
    std::string deployment_id;
    RolloutState rollout_state = RolloutState::InProgress;
    std::string reason;
    bool operator==(const DeploymentStateChange&) const = default;
};

// Set a deployment's status. INACTIVE means drained: remove it from the service's deployments[] (its
// remaining, already stopping tasks keep their startedBy).
struct DeploymentStatusChange {
    std::string deployment_id;
    DeploymentStatus status = DeploymentStatus::Active;
    bool operator==(const DeploymentStatusChange&) const = default;
};

// Create a new PRIMARY deployment (new id from the IdSource) with the given revision, rolloutState
// IN_PROGRESS and the given reason, failed_tasks 0; the service's taskDefinition becomes that revision.
struct CreateRollbackDeployment {
    std::string task_definition_arn;
    std::string rolled_back_to_deployment_id;  // the last COMPLETED deployment
    std::string rollout_state_reason;
    bool operator==(const CreateRollbackDeployment&) const = default;
};

enum class EventKind {
    TasksStarted,
    TasksStopped,
    DeploymentCompleted,
    SteadyState,
    DeploymentFailed,
    RollingBack,
    UnableToStartConsistently,
    DeploymentConfigurationStall
};

// Add a service event (newest first, uuid id, createdAt now).
struct EmitEvent {
    EventKind kind = EventKind::SteadyState;
    std::string message;
    bool operator==(const EmitEvent&) const = default;
};

// The "has started N tasks: (task a) (task b)." event for the StartTask actions of this plan. Its text
// needs the ids the applier assigned: render it with started_tasks_message() (event_text.hpp).
struct EmitStartedTasksEvent {
    int task_count = 0;
    int replaced_unhealthy_count = 0;  // adds "Amazon ECS replaced N tasks due to an unhealthy status."
    bool operator==(const EmitStartedTasksEvent&) const = default;
};

// Mark a task that stopped before RUNNING as counted (TaskView::start_failure_recorded = true).
struct RecordStartFailure {
    std::string task_id;
    bool operator==(const RecordStartFailure&) const = default;
};

// Replace a deployment's scheduler-owned counters.
struct SetDeploymentCounters {
    std::string deployment_id;
    int failed_tasks = 0;
    bool had_running_task = false;
    bool operator==(const SetDeploymentCounters&) const = default;
};

// Replace the service's launch back-off state.
struct SetLaunchBackoff {
    LaunchBackoffState state;
    bool operator==(const SetLaunchBackoff&) const = default;
};

using Action = std::variant<StartTask, StopTask, DeploymentStateChange, DeploymentStatusChange,
                            CreateRollbackDeployment, EmitEvent, EmitStartedTasksEvent, RecordStartFailure,
                            SetDeploymentCounters, SetLaunchBackoff>;

enum class ActionCause {
    Rollout,              // rolling update between deployments
    DesiredCount,         // reaching desiredCount: scale out/in, replacing stopped tasks
    UnhealthyTask,        // replacing or stopping a task that failed its health checks
    LaunchFailure,        // bookkeeping of tasks that stopped before RUNNING
    LaunchThrottled,      // launches deferred by the back-off
    CircuitBreaker,       // deployment failed
    Rollback,             // new deployment to the last completed revision
    DeploymentDrained,    // older deployment has no tasks left
    DeploymentCompleted,  // PRIMARY reached desired healthy tasks
    SteadyState,
    ConfigurationStall  // neither a start nor a stop fits minimumHealthyPercent/maximumPercent
};

struct PlannedAction {
    Action action;
    ActionCause cause = ActionCause::Rollout;
    bool operator==(const PlannedAction&) const = default;
};

struct ServicePlan {
    std::vector<PlannedAction> actions;
    // Call plan_service() again at this instant even if nothing is observed (a health delay or grace period
    // ends, the back-off ends, a condition event is due again). Empty: only observations matter.
    std::optional<Instant> next_wakeup;

    bool empty() const { return actions.empty(); }
    bool operator==(const ServicePlan&) const = default;
};

std::string_view to_string(ActionCause cause);
std::string_view to_string(EventKind kind);
// One line per action, for logs and test failure messages.
std::string describe(const Action& action);

}  // namespace ecsemu::core::scheduler
