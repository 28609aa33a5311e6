#pragma once
// The scheduler keeps its own copies of the ECS enums (so it builds without the store's model); these are
// the one-to-one mappings between the two.
#include "emulator/core/model/ecs_enums.hpp"
#include "emulator/core/scheduler/scheduler_enums.hpp"

namespace ecsemu::core::engine {

// Inline, the three every service view maps for every task of the service.
inline scheduler::TaskStatus to_scheduler(ecs::TaskStatus status) {
    using S = scheduler::TaskStatus;
    switch (status) {
        case ecs::TaskStatus::Provisioning:
            return S::Provisioning;
        case ecs::TaskStatus::Pending:
            return S::Pending;
        case ecs::TaskStatus::Activating:
            return S::Activating;
        case ecs::TaskStatus::Running:
            return S::Running;
        case ecs::TaskStatus::Deactivating:
            return S::Deactivating;
        case ecs::TaskStatus::Stopping:
            return S::Stopping;
        case ecs::TaskStatus::Deprovisioning:
            return S::Deprovisioning;
        case ecs::TaskStatus::Stopped:
            return S::Stopped;
    }
    return S::Stopped;
}

inline scheduler::DesiredStatus to_scheduler(ecs::DesiredStatus status) {
    return status == ecs::DesiredStatus::Stopped ? scheduler::DesiredStatus::Stopped
                                                 : scheduler::DesiredStatus::Running;
}

inline scheduler::HealthStatus to_scheduler(ecs::HealthStatus status) {
    switch (status) {
        case ecs::HealthStatus::Healthy:
            return scheduler::HealthStatus::Healthy;
        case ecs::HealthStatus::Unhealthy:
            return scheduler::HealthStatus::Unhealthy;
        case ecs::HealthStatus::Unknown:
            return scheduler::HealthStatus::Unknown;
    }
    return scheduler::HealthStatus::Unknown;
}

scheduler::DeploymentStatus to_scheduler(ecs::DeploymentStatus status);
scheduler::RolloutState to_scheduler(ecs::RolloutState state);
scheduler::StopCode to_scheduler(ecs::TaskStopCode code);

ecs::DeploymentStatus to_model(scheduler::DeploymentStatus status);
ecs::RolloutState to_model(scheduler::RolloutState state);
ecs::TaskStopCode to_model(scheduler::StopCode code);

}  // namespace ecsemu::core::engine
