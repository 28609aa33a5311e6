#pragma once
// A task's lastStatus as ECS shows it, moved by time and by what the runtime reported (the containers'
// statuses already recorded in the store), never by the scheduler directly: the scheduler only sets
// desiredStatus STOPPED.
//
//   desiredStatus RUNNING:
//     PROVISIONING --provisioning--> PENDING (ENI ATTACHED, connectivity, pull started; runtime starts the
//     task) PENDING --every essential container running--> ACTIVATING (pull stopped) ACTIVATING
//     --activating--> RUNNING (startedAt)
//   failures, while desiredStatus is RUNNING (they set desiredStatus STOPPED, stopCode, stoppedReason):
//     an essential container exited after it ran   -> EssentialContainerExited "Essential container in task
//     exited" an essential container exited before it ran  -> TaskFailedToStart, the container's reason
//     PENDING for start_timeout                    -> TaskFailedToStart
//   desiredStatus STOPPED:
//     PROVISIONING -> DEPROVISIONING (nothing was started)
//     PENDING, ACTIVATING, RUNNING -> DEACTIVATING
//     DEACTIVATING --the deregistration delay of its target groups once the engine deregistered the task's
//         targets; without a load balancer emulation attached, load_balancer_drain if the task ran and its
//         service has loadBalancers; else 0-->
//         STOPPING (the runtime is asked to stop the task)
//     STOPPING --no container left running, or stop_report_timeout--> DEPROVISIONING (executionStoppedAt)
//     DEPROVISIONING --deprovisioning--> STOPPED (stoppedAt, ENI DELETED, containers STOPPED)
// Every change of lastStatus bumps the task's version and sets last_status_at, from which the delays count.
#include <optional>
#include <string>

#include "emulator/core/engine/engine_knobs.hpp"
#include "emulator/core/model/ecs_task.hpp"
#include "emulator/core/model/ecs_task_definition.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::engine {

struct LifecycleContext {
    const TaskLifecycleKnobs& knobs;
    bool load_balanced = false;  // the task's service has loadBalancers
};

enum class LifecycleCause {
    ProvisioningDone,
    ContainersRunning,
    ActivationDone,
    StopRequested,
    EssentialContainerExited,
    ContainerFailedToStart,
    StartTimedOut,
    DrainDone,
    ContainersExited,
    StopReportTimedOut,
    DeprovisioningDone,
};
std::string to_string(LifecycleCause cause);

struct StopDecision {
    ecs::TaskStopCode stop_code = ecs::TaskStopCode::EssentialContainerExited;
    std::string stopped_reason;
};

struct LifecycleStep {
    ecs::TaskStatus to = ecs::TaskStatus::Stopped;
    LifecycleCause cause = LifecycleCause::StopRequested;
    std::optional<StopDecision> stop;  // the engine decided the task must stop (applied before `to`)
};

// The transition due at `now`, if any. Call repeatedly (applying each) until it returns nullopt.
std::optional<LifecycleStep> next_lifecycle_step(const ecs::Task& task, const LifecycleContext& context,
                                                 Instant now);

// When the next transition that needs no new observation becomes due (a delay or a timeout); nullopt when
// the task waits only for the runtime (or is STOPPED).
std::optional<Instant> lifecycle_deadline(const ecs::Task& task, const LifecycleContext& context);

enum class RuntimeRequest { None, Start, Stop };

// Applies the step to the task record; returns what the runtime must be asked to do.
RuntimeRequest apply_lifecycle_step(ecs::Task& task, const LifecycleStep& step, Instant now);

// healthStatus from the containers': HEALTHY only if every essential container with a healthCheck is
// HEALTHY, UNHEALTHY if any of them is UNHEALTHY, UNKNOWN otherwise (and when none has a healthCheck).
ecs::HealthStatus task_health(const ecs::Task& task, const ecs::TaskDefinition* task_definition);

}  // namespace ecsemu::core::engine
