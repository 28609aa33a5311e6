#pragma once
// How the engine finds things in the EcsWorld without keeping pointers into it: services by a value key,
// tasks by id, and the service record a task belongs to. Every walk goes in map order (region key, cluster
// name, service name or task id), so whatever the engine decides from it does not depend on hashing or on
// insertion order.
#include <cstdint>
#include <string>
#include <vector>

#include "emulator/core/ecs/ecs_world.hpp"

namespace ecsemu::core::engine {

// One service record. CreateService may reuse the name of a DRAINING service (which moves to
// EcsState::replaced_services and keeps draining), so the name alone is not enough: the creation instant
// tells the two records apart.
struct ServiceKey {
    std::string region_key;  // "<account>/<region>"
    std::string cluster_name;
    std::string service_name;
    std::int64_t created_at_ms = 0;

    auto operator<=>(const ServiceKey&) const = default;
    // "<cluster>/<service>", as the change log names services.
    std::string label() const { return cluster_name + "/" + service_name; }
};

ServiceKey key_of(const std::string& region_key, const ecs::Service& service);

// nullptr when the service record is gone (reset).
ecs::Service* find_service(ecs::EcsWorld& world, const ServiceKey& key);

// Every ACTIVE or DRAINING service record (replaced ones included) of one region, or of the whole world.
std::vector<ServiceKey> live_service_keys(const std::string& region_key, const ecs::EcsState& state);
std::vector<ServiceKey> live_service_keys(const ecs::EcsWorld& world);

// Whether a DRAINING record that a CreateService of the same name replaced still shares `service_name` in
// the cluster. Most names never are: then every task launched under the name belongs to the one record.
bool name_reused(const ecs::EcsState& state, const std::string& cluster_name,
                 const std::string& service_name);

// The service record a task of a service belongs to, among the records of that name in the task's cluster:
// the one whose deployments[] has the task's deployment; failing that (the deployment drained out), the
// newest created no later than the task. nullptr for standalone tasks.
const ecs::Service* owner_service(const ecs::EcsState& state, const ecs::Task& task);
ecs::Service* owner_service(ecs::EcsState& state, const ecs::Task& task);

// Whether `task` is one of `service`'s tasks (owner_service(state, task) == &service).
bool belongs_to(const ecs::EcsState& state, const ecs::Service& service, const ecs::Task& task);

struct TaskLocation {
    ecs::EcsRegion* region = nullptr;
    std::string region_key;
    ecs::Task* task = nullptr;
};

// The task with this id in any region and cluster; task == nullptr when there is none.
TaskLocation find_task(ecs::EcsWorld& world, const std::string& task_id);

}  // namespace ecsemu::core::engine
