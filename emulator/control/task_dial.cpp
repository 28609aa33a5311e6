#include "emulator/control/task_dial.hpp"

#include "emulator/core/ecs/tasks.hpp"

namespace ecsemu::control {

std::optional<core::alb::DialAddress> dial_task(const core::ecs::EcsWorld& world,
                                                const std::string& account_id, const std::string& region,
                                                const std::string& target_id, int port) {
    const core::ecs::EcsRegion* ecs = world.find_region(account_id, region);
    if (ecs == nullptr || port <= 0 || port > 65535) return std::nullopt;
    // Through the store's address index: the ALB asks for every target of every group on each snapshot, and a
    // walk of every task per target made that quadratic in the fleet.
    for (const core::ecs::Task* task : core::ecs::tasks_with_address(ecs->state, target_id)) {
        if (!task->is_live() || task->local_address.empty()) continue;
        return core::alb::DialAddress{task->local_address, static_cast<std::uint16_t>(port)};
    }
    return std::nullopt;
}

}  // namespace ecsemu::control
