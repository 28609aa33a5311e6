#include "sim/run/service_binding.hpp"

namespace ecsemu::sim {

const core::ecs::EcsRegion* find_region(const core::ecs::EcsWorld& world, const ServiceBinding& binding) {
    FoundService& found = binding.found;
    if (found.world != &world || found.world_resets != world.resets())
        found = FoundService{&world, world.resets(), nullptr, nullptr};
    if (found.region == nullptr) found.region = world.find_region(binding.account_id, binding.region);
    return found.region;
}

const core::ecs::Service* find_service(const core::ecs::EcsWorld& world, const ServiceBinding& binding) {
    const core::ecs::EcsRegion* region = find_region(world, binding);
    if (region == nullptr) return nullptr;
    FoundService& found = binding.found;
    if (found.service != nullptr) return found.service;
    auto cluster = region->state.services.find(binding.cluster_name);
    if (cluster == region->state.services.end()) return nullptr;
    auto service = cluster->second.find(binding.service_name);
    if (service == cluster->second.end()) return nullptr;
    found.service = &service->second;
    return found.service;
}

}  // namespace ecsemu::sim
