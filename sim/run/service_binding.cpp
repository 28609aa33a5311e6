#include "sim/run/service_binding.hpp"

namespace ecsemu::sim {

const core::ecs::Service* find_service(const core::ecs::EcsWorld& world, const ServiceBinding& binding) {
    const core::ecs::EcsRegion* region = world.find_region(binding.account_id, binding.region);
    if (region == nullptr) return nullptr;
    auto cluster = region->state.services.find(binding.cluster_name);
    if (cluster == region->state.services.end()) return nullptr;
    auto service = cluster->second.find(binding.service_name);
    return service == cluster->second.end() ? nullptr : &service->second;
}

}  // namespace ecsemu::sim
