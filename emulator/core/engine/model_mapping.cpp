#include "emulator/core/engine/model_mapping.hpp"

namespace ecsemu::core::engine {

// desiredStatus PENDING exists only as a ListTasks filter value; no task carries it.
scheduler::DeploymentStatus to_scheduler(ecs::DeploymentStatus status) {
    switch (status) {
        case ecs::DeploymentStatus::Primary:
            return scheduler::DeploymentStatus::Primary;
        case ecs::DeploymentStatus::Active:
            return scheduler::DeploymentStatus::Active;
        case ecs::DeploymentStatus::Inactive:
            return scheduler::DeploymentStatus::Inactive;
    }
    return scheduler::DeploymentStatus::Inactive;
}

scheduler::RolloutState to_scheduler(ecs::RolloutState state) {
    switch (state) {
        case ecs::RolloutState::InProgress:
            return scheduler::RolloutState::InProgress;
        case ecs::RolloutState::Completed:
            return scheduler::RolloutState::Completed;
        case ecs::RolloutState::Failed:
            return scheduler::RolloutState::Failed;
    }
    return scheduler::RolloutState::Failed;
}

scheduler::StopCode to_scheduler(ecs::TaskStopCode code) {
    using S = scheduler::StopCode;
    switch (code) {
        case ecs::TaskStopCode::TaskFailedToStart:
            return S::TaskFailedToStart;
        case ecs::TaskStopCode::EssentialContainerExited:
            return S::EssentialContainerExited;
        case ecs::TaskStopCode::UserInitiated:
            return S::UserInitiated;
        case ecs::TaskStopCode::ServiceSchedulerInitiated:
            return S::ServiceSchedulerInitiated;
        case ecs::TaskStopCode::SpotInterruption:
            return S::SpotInterruption;
        case ecs::TaskStopCode::TerminationNotice:
            return S::TerminationNotice;
    }
    return S::TerminationNotice;
}

ecs::DeploymentStatus to_model(scheduler::DeploymentStatus status) {
    switch (status) {
        case scheduler::DeploymentStatus::Primary:
            return ecs::DeploymentStatus::Primary;
        case scheduler::DeploymentStatus::Active:
            return ecs::DeploymentStatus::Active;
        case scheduler::DeploymentStatus::Inactive:
            return ecs::DeploymentStatus::Inactive;
    }
    return ecs::DeploymentStatus::Inactive;
}

ecs::RolloutState to_model(scheduler::RolloutState state) {
    switch (state) {
        case scheduler::RolloutState::InProgress:
            return ecs::RolloutState::InProgress;
        case scheduler::RolloutState::Completed:
            return ecs::RolloutState::Completed;
        case scheduler::RolloutState::Failed:
            return ecs::RolloutState::Failed;
    }
    return ecs::RolloutState::Failed;
}

ecs::TaskStopCode to_model(scheduler::StopCode code) {
    using M = ecs::TaskStopCode;
    switch (code) {
        case scheduler::StopCode::TaskFailedToStart:
            return M::TaskFailedToStart;
        case scheduler::StopCode::EssentialContainerExited:
            return M::EssentialContainerExited;
        case scheduler::StopCode::UserInitiated:
            return M::UserInitiated;
        case scheduler::StopCode::ServiceSchedulerInitiated:
            return M::ServiceSchedulerInitiated;
        case scheduler::StopCode::SpotInterruption:
            return M::SpotInterruption;
        case scheduler::StopCode::TerminationNotice:
            return M::TerminationNotice;
    }
    return M::TerminationNotice;
}

}  // namespace ecsemu::core::engine
