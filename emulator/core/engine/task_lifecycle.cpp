#include "emulator/core/engine/task_lifecycle.hpp"

#include <algorithm>

#include "emulator/core/ecs/tasks.hpp"

namespace ecsemu::core::engine {

namespace {

using ecs::ContainerStatus;
using ecs::TaskStatus;

constexpr const char* kEssentialContainerExited = "Essential container in task exited";

// ECS's Service Connect proxy container follows the task (move_service_connect_agent); the lifecycle reads
// only the containers a runtime runs.
bool every_essential_container_running(const ecs::Task& task) {
    bool any_essential = false;
    for (const auto& container : task.containers) {
        if (!container.essential || container.service_connect_agent) continue;
        any_essential = true;
        if (container.last_status != ContainerStatus::Running) return false;
    }
    return any_essential;
}

bool any_container_running(const ecs::Task& task) {
    return std::any_of(task.containers.begin(), task.containers.end(), [](const ecs::Container& c) {
        return !c.service_connect_agent && c.last_status == ContainerStatus::Running;
    });
}

// The runtime reports a container running before it can report it exited, and the running report sets the
// runtimeId, so an exited essential container without one never ran.
std::optional<LifecycleStep> essential_exit(const ecs::Task& task, TaskStatus first_stop_status) {
    for (const auto& container : task.containers) {
        if (!container.essential || container.service_connect_agent ||
            container.last_status != ContainerStatus::Stopped)
            continue;
        if (!container.runtime_id.empty()) {
            return LifecycleStep{
                first_stop_status, LifecycleCause::EssentialContainerExited,
                StopDecision{ecs::TaskStopCode::EssentialContainerExited, kEssentialContainerExited}};
        }
        const std::string reason = container.reason.empty()
                                       ? "Essential container " + container.name + " failed to start"
                                       : container.reason;
        return LifecycleStep{first_stop_status, LifecycleCause::ContainerFailedToStart,
                             StopDecision{ecs::TaskStopCode::TaskFailedToStart, reason}};
    }
    return std::nullopt;
}

// The Service Connect proxy starts with the application's containers (its Docker health check passes at once
// here) and stops when the task's containers are stopped.
void move_service_connect_agent(ecs::Task& task, ContainerStatus to) {
    for (auto& container : task.containers) {
        if (!container.service_connect_agent || container.last_status == ContainerStatus::Stopped) continue;
        if (to == ContainerStatus::Running) {
            container.last_status = ContainerStatus::Running;
            container.runtime_id = task.id + "-" + container.name;
            container.health_status = ecs::HealthStatus::Healthy;
        } else {
            if (container.last_status == ContainerStatus::Running) container.exit_code = 0;
            container.last_status = ContainerStatus::Stopped;
        }
    }
}

TaskStatus first_stop_status(TaskStatus status) {
    return status == TaskStatus::Provisioning ? TaskStatus::Deprovisioning : TaskStatus::Deactivating;
}

// The target groups' deregistration delay once the engine deregistered the task's targets; the knob when
// no load balancer emulation is attached.
Duration drain_delay(const ecs::Task& task, const LifecycleContext& context) {
    if (task.load_balancer_drain) return *task.load_balancer_drain;
    return context.load_balanced && task.started_at ? context.knobs.load_balancer_drain : Duration{0};
}

std::optional<LifecycleStep> stopping_step(const ecs::Task& task, const LifecycleContext& context,
                                           Instant now) {
    const Instant since = task.last_status_at;
    switch (task.last_status) {
        case TaskStatus::Provisioning:
        case TaskStatus::Pending:
        case TaskStatus::Activating:
        case TaskStatus::Running:
            return LifecycleStep{first_stop_status(task.last_status), LifecycleCause::StopRequested, {}};
        case TaskStatus::Deactivating:
            if (now < since + drain_delay(task, context)) return std::nullopt;
            return LifecycleStep{TaskStatus::Stopping, LifecycleCause::DrainDone, {}};
        case TaskStatus::Stopping:
            if (!any_container_running(task))
                return LifecycleStep{TaskStatus::Deprovisioning, LifecycleCause::ContainersExited, {}};
            if (now < since + context.knobs.stop_report_timeout) return std::nullopt;
            return LifecycleStep{TaskStatus::Deprovisioning, LifecycleCause::StopReportTimedOut, {}};
        case TaskStatus::Deprovisioning:
            if (now < since + context.knobs.deprovisioning) return std::nullopt;
            return LifecycleStep{TaskStatus::Stopped, LifecycleCause::DeprovisioningDone, {}};
        case TaskStatus::Stopped:
            return std::nullopt;
    }
    return std::nullopt;
}

std::optional<LifecycleStep> running_step(const ecs::Task& task, const LifecycleContext& context,
                                          Instant now) {
    const Instant since = task.last_status_at;
    if (task.last_status != TaskStatus::Provisioning) {
        if (auto failure = essential_exit(task, first_stop_status(task.last_status))) return failure;
    }
    switch (task.last_status) {
        case TaskStatus::Provisioning:
            if (now < since + context.knobs.provisioning) return std::nullopt;
            return LifecycleStep{TaskStatus::Pending, LifecycleCause::ProvisioningDone, {}};
        case TaskStatus::Pending:
            if (every_essential_container_running(task))
                return LifecycleStep{TaskStatus::Activating, LifecycleCause::ContainersRunning, {}};
            if (now < since + context.knobs.start_timeout) return std::nullopt;
            return LifecycleStep{TaskStatus::Deactivating, LifecycleCause::StartTimedOut,
                                 StopDecision{ecs::TaskStopCode::TaskFailedToStart,
                                              "Timeout waiting for the essential containers to start"}};
        case TaskStatus::Activating:
            if (now < since + context.knobs.activating) return std::nullopt;
            return LifecycleStep{TaskStatus::Running, LifecycleCause::ActivationDone, {}};
        default:
            return std::nullopt;
    }
}

}  // namespace

std::string to_string(LifecycleCause cause) {
    switch (cause) {
        case LifecycleCause::ProvisioningDone:
            return "ProvisioningDone";
        case LifecycleCause::ContainersRunning:
            return "ContainersRunning";
        case LifecycleCause::ActivationDone:
            return "ActivationDone";
        case LifecycleCause::StopRequested:
            return "StopRequested";
        case LifecycleCause::EssentialContainerExited:
            return "EssentialContainerExited";
        case LifecycleCause::ContainerFailedToStart:
            return "ContainerFailedToStart";
        case LifecycleCause::StartTimedOut:
            return "StartTimedOut";
        case LifecycleCause::DrainDone:
            return "DrainDone";
        case LifecycleCause::ContainersExited:
            return "ContainersExited";
        case LifecycleCause::StopReportTimedOut:
            return "StopReportTimedOut";
        case LifecycleCause::DeprovisioningDone:
            return "DeprovisioningDone";
    }
    return "?";
}

std::optional<LifecycleStep> next_lifecycle_step(const ecs::Task& task, const LifecycleContext& context,
                                                 Instant now) {
    if (task.last_status == TaskStatus::Stopped) return std::nullopt;
    const bool leaving =
        task.desired_status == ecs::DesiredStatus::Stopped || task.last_status > TaskStatus::Running;
    return leaving ? stopping_step(task, context, now) : running_step(task, context, now);
}

std::optional<Instant> lifecycle_deadline(const ecs::Task& task, const LifecycleContext& context) {
    const Instant since = task.last_status_at;
    const bool leaving =
        task.desired_status == ecs::DesiredStatus::Stopped || task.last_status > TaskStatus::Running;
    switch (task.last_status) {
        case TaskStatus::Provisioning:
            return leaving ? since : since + context.knobs.provisioning;
        case TaskStatus::Pending:
            return leaving ? since : since + context.knobs.start_timeout;
        case TaskStatus::Activating:
            return leaving ? since : since + context.knobs.activating;
        case TaskStatus::Running:
            return leaving ? std::optional<Instant>(since) : std::nullopt;
        case TaskStatus::Deactivating:
            return since + drain_delay(task, context);
        case TaskStatus::Stopping:
            return since + context.knobs.stop_report_timeout;
        case TaskStatus::Deprovisioning:
            return since + context.knobs.deprovisioning;
        case TaskStatus::Stopped:
            return std::nullopt;
    }
    return std::nullopt;
}

RuntimeRequest apply_lifecycle_step(ecs::Task& task, const LifecycleStep& step, Instant now) {
    if (step.stop && task.desired_status != ecs::DesiredStatus::Stopped) {
        task.desired_status = ecs::DesiredStatus::Stopped;
        task.stop_code = step.stop->stop_code;
        task.stopped_reason = step.stop->stopped_reason;
        if (!task.stopping_at) task.stopping_at = now;
    }
    if (step.to == TaskStatus::Stopped) {
        ecs::settle_stopped_task(task, now);  // stoppedAt, ENI DELETED, containers STOPPED, version
        return RuntimeRequest::None;
    }
    RuntimeRequest request = RuntimeRequest::None;
    switch (step.to) {
        case TaskStatus::Pending:
            if (task.eni) task.eni->status = ecs::AttachmentStatus::Attached;
            task.connectivity_at = now;
            task.pull_started_at = now;
            request = RuntimeRequest::Start;
            break;
        case TaskStatus::Activating:
            task.pull_stopped_at = now;
            move_service_connect_agent(task, ContainerStatus::Running);
            break;
        case TaskStatus::Running:
            task.started_at = now;
            break;
        case TaskStatus::Deactivating:
            if (!task.stopping_at) task.stopping_at = now;
            break;
        case TaskStatus::Stopping:
            request = RuntimeRequest::Stop;
            move_service_connect_agent(task, ContainerStatus::Stopped);
            break;
        case TaskStatus::Deprovisioning:
            task.execution_stopped_at = now;
            if (!task.stopping_at) task.stopping_at = now;
            for (auto& container : task.containers) container.last_status = ContainerStatus::Stopped;
            break;
        default:
            break;
    }
    task.last_status = step.to;
    task.last_status_at = now;
    ++task.version;
    return request;
}

ecs::HealthStatus task_health(const ecs::Task& task, const ecs::TaskDefinition* task_definition) {
    if (task_definition == nullptr) return ecs::HealthStatus::Unknown;
    bool any_checked = false;
    bool all_healthy = true;
    for (const auto& container : task.containers) {
        if (!container.essential) continue;
        const ecs::ContainerDefinition* definition = task_definition->find_container(container.name);
        if (definition == nullptr || !definition->health_check) continue;
        any_checked = true;
        if (container.health_status == ecs::HealthStatus::Unhealthy) return ecs::HealthStatus::Unhealthy;
        if (container.health_status != ecs::HealthStatus::Healthy) all_healthy = false;
    }
    return any_checked && all_healthy ? ecs::HealthStatus::Healthy : ecs::HealthStatus::Unknown;
}

}  // namespace ecsemu::core::engine
