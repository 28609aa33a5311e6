#pragma once
// The scheduler keeps its own copies of the ECS enums (so it builds without the store's model); these are
// the one-to-one mappings between the two.
#include "emulator/core/model/ecs_enums.hpp"
#include "emulator/core/scheduler/scheduler_enums.hpp"

namespace ecsemu::core::engine {

scheduler::TaskStatus to_scheduler(ecs::TaskStatus status);
scheduler::DesiredStatus to_scheduler(ecs::DesiredStatus status);
scheduler::HealthStatus to_scheduler(ecs::HealthStatus status);
scheduler::DeploymentStatus to_scheduler(ecs::DeploymentStatus status);
scheduler::RolloutState to_scheduler(ecs::RolloutState state);
scheduler::StopCode to_scheduler(ecs::TaskStopCode code);

ecs::DeploymentStatus to_model(scheduler::DeploymentStatus status);
ecs::RolloutState to_model(scheduler::RolloutState state);
ecs::TaskStopCode to_model(scheduler::StopCode code);

}  // namespace ecsemu::core::engine
