#pragma once
// A modelled service tied to the ECS service the scenario created: where to find it in the stores, and the
// counters of the minute in progress that the traffic driver adds to and the recorder reads and resets.
#include <cstdint>
#include <string>
#include <vector>

#include "emulator/core/ecs/ecs_world.hpp"
#include "sim/spec/simulation_spec.hpp"

namespace ecsemu::sim {

struct MinuteCounters {
    double rps_sum = 0;  // offered rps summed over the minute's steps
    int steps = 0;
    double requests = 0;
    double failed = 0;
    double slow = 0;
    double latency_ms_sum = 0;  // over served requests
    double served = 0;
    double task_seconds = 0;
};

// Where a binding's region and service were found, in which world and at which of its resets
// (EcsWorld::resets): the traffic driver and the recorder look them up for every service several times a
// simulated minute.
struct FoundService {
    const core::ecs::EcsWorld* world = nullptr;
    std::uint64_t world_resets = 0;
    const core::ecs::EcsRegion* region = nullptr;
    const core::ecs::Service* service = nullptr;
};

struct ServiceBinding {
    std::string label;                    // the CreateService resource label
    const ServiceModel* model = nullptr;  // null: no traffic modelled (the service still runs and scales)
    std::string account_id;
    std::string region;
    std::string cluster_name;
    std::string service_name;
    std::string resource_id;  // Application Auto Scaling's "service/<cluster>/<service>"
    MinuteCounters minute;
    mutable FoundService found;  // a cache of find_region and find_service's answers
};

// The binding's region in the ECS store, or null while it has none.
const core::ecs::EcsRegion* find_region(const core::ecs::EcsWorld& world, const ServiceBinding& binding);
// The service in the ECS store, or null while it is not there.
const core::ecs::Service* find_service(const core::ecs::EcsWorld& world, const ServiceBinding& binding);

}  // namespace ecsemu::sim
