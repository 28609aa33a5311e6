#pragma once
// Where the ALB reaches a registered target: a registered IP that is a live ECS task's ENI address is
// reached at the task's loopback address, where the task runtime serves its container ports (the emulator's
// health checks and proxy dial it; the simulator's modelled tasks are found by it).
#include <optional>
#include <string>

#include "emulator/core/alb/snapshot_compiler.hpp"
#include "emulator/core/ecs/ecs_world.hpp"

namespace ecsemu::control {

std::optional<core::alb::DialAddress> dial_task(const core::ecs::EcsWorld& world,
                                                const std::string& account_id, const std::string& region,
                                                const std::string& target_id, int port);

}  // namespace ecsemu::control
