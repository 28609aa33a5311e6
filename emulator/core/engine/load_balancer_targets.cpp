#include "emulator/core/engine/load_balancer_targets.hpp"

#include <algorithm>

namespace ecsemu::core::engine {

void settle_group_target_health(GroupTargetHealth& health) {
    // Stable, so the first registration of a pair stays in front of a later one.
    std::stable_sort(health.begin(), health.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    health.erase(std::unique(health.begin(), health.end(),
                             [](const auto& a, const auto& b) { return a.first == b.first; }),
                 health.end());
}

scheduler::TargetHealth health_of(const GroupTargetHealth& health, std::string_view ip, int port) {
    const auto found =
        std::lower_bound(health.begin(), health.end(), std::pair<std::string_view, int>(ip, port),
                         [](const auto& entry, const auto& key) { return entry.first < key; });
    if (found == health.end() || found->first.first != ip || found->first.second != port)
        return scheduler::TargetHealth::None;
    return found->second;
}

}  // namespace ecsemu::core::engine
