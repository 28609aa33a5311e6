#include "emulator/core/engine/world_index.hpp"

#include <algorithm>
#include <vector>

namespace ecsemu::core::engine {

namespace {

bool is_live_service(const ecs::Service& service) {
    return service.status != ecs::ServiceStatus::Inactive;
}

}  // namespace

ServiceKey key_of(const std::string& region_key, const ecs::Service& service) {
    return ServiceKey{region_key, service.cluster_name, service.name, service.created_at.epoch_ms};
}

ecs::Service* find_service(ecs::EcsWorld& world, const ServiceKey& key) {
    const auto region_it = world.regions().find(key.region_key);
    if (region_it == world.regions().end()) return nullptr;
    ecs::EcsState& state = region_it->second.state;
    if (const auto cluster_it = state.services.find(key.cluster_name); cluster_it != state.services.end()) {
        const auto it = cluster_it->second.find(key.service_name);
        if (it != cluster_it->second.end() && it->second.created_at.epoch_ms == key.created_at_ms) {
            return &it->second;
        }
    }
    for (auto& service : state.replaced_services) {
        if (service.cluster_name == key.cluster_name && service.name == key.service_name &&
            service.created_at.epoch_ms == key.created_at_ms) {
            return &service;
        }
    }
    return nullptr;
}

std::vector<ServiceKey> live_service_keys(const std::string& region_key, const ecs::EcsState& state) {
    std::vector<ServiceKey> keys;
    for (const auto& [cluster, services] : state.services) {
        for (const auto& [name, service] : services) {
            if (is_live_service(service)) keys.push_back(key_of(region_key, service));
        }
    }
    for (const auto& service : state.replaced_services) {
        if (is_live_service(service)) keys.push_back(key_of(region_key, service));
    }
    return keys;
}

std::vector<ServiceKey> live_service_keys(const ecs::EcsWorld& world) {
    std::vector<ServiceKey> keys;
    for (const auto& [region_key, region] : world.regions()) {
        auto region_keys = live_service_keys(region_key, region.state);
        keys.insert(keys.end(), region_keys.begin(), region_keys.end());
    }
    return keys;
}

const ecs::Service* owner_service(const ecs::EcsState& state, const ecs::Task& task) {
    return owner_service(const_cast<ecs::EcsState&>(state), task);
}

bool name_reused(const ecs::EcsState& state, const std::string& cluster_name,
                 const std::string& service_name) {
    return std::any_of(
        state.replaced_services.begin(), state.replaced_services.end(),
        [&](const ecs::Service& s) { return s.cluster_name == cluster_name && s.name == service_name; });
}

ecs::Service* owner_service(ecs::EcsState& state, const ecs::Task& task) {
    if (task.service_name.empty()) return nullptr;
    ecs::Service* current = nullptr;
    if (const auto it = state.services.find(task.cluster_name); it != state.services.end()) {
        if (const auto found = it->second.find(task.service_name); found != it->second.end()) {
            current = &found->second;
        }
    }
    // Then the current record is the only candidate, and the rules below pick it whatever the deployments
    // and creation times say.
    if (!name_reused(state, task.cluster_name, task.service_name)) return current;
    std::vector<ecs::Service*> candidates;
    if (current != nullptr) candidates.push_back(current);
    for (auto& service : state.replaced_services) {
        if (service.cluster_name == task.cluster_name && service.name == task.service_name) {
            candidates.push_back(&service);
        }
    }
    for (ecs::Service* service : candidates) {
        if (service->find_deployment(task.deployment_id) != nullptr) return service;
    }
    // The task's deployment already left deployments[] (it is draining): the newest record created no later
    // than the task, or the current one if the clock disagrees with every record.
    ecs::Service* best = nullptr;
    for (ecs::Service* service : candidates) {
        if (service->created_at > task.created_at) continue;
        if (best == nullptr || service->created_at > best->created_at) best = service;
    }
    return best != nullptr || candidates.empty() ? best : candidates.front();
}

bool belongs_to(const ecs::EcsState& state, const ecs::Service& service, const ecs::Task& task) {
    return owner_service(state, task) == &service;
}

TaskLocation find_task(ecs::EcsWorld& world, const std::string& task_id) {
    for (auto& [region_key, region] : world.regions()) {
        if (ecs::Task* task = ecs::find_task_in_any_cluster(region.state, task_id))
            return TaskLocation{&region, region_key, task};
    }
    return {};
}

}  // namespace ecsemu::core::engine
