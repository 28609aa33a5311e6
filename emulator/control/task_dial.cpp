#include "emulator/control/task_dial.hpp"

namespace ecsemu::control {

std::optional<core::alb::DialAddress> dial_task(const core::ecs::EcsWorld& world,
                                                const std::string& account_id, const std::string& region,
                                                const std::string& target_id, int port) {
    const core::ecs::EcsRegion* ecs = world.find_region(account_id, region);
    if (ecs == nullptr || port <= 0 || port > 65535) return std::nullopt;
    for (const auto& [cluster, tasks] : ecs->state.tasks) {
        for (const auto& [id, task] : tasks) {
            if (!task.is_live() || task.local_address.empty() || !task.eni) continue;
            if (task.eni->private_ipv4_address == target_id)
                return core::alb::DialAddress{task.local_address, static_cast<std::uint16_t>(port)};
        }
    }
    return std::nullopt;
}

}  // namespace ecsemu::control
