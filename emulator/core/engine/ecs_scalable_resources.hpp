#pragma once
// Application Auto Scaling's view of ECS services (ScalableResources over the ECS store): resource ids are
// service/<cluster>/<service>. Setting the desired count changes the store exactly as a desiredCount-only
// UpdateService does (the service and its PRIMARY deployment; no new deployment, no service event); waking
// the scheduler for it is the caller's business.
#include <cstdint>
#include <string>
#include <unordered_map>

#include "emulator/core/autoscaling/scalable_resources.hpp"
#include "emulator/core/ecs/ecs_world.hpp"

namespace ecsemu::core::engine {

class EcsScalableResources final : public autoscaling::ScalableResources {
public:
    // `world` must outlive this object.
    explicit EcsScalableResources(ecs::EcsWorld& world) : world_(world) {}

    std::optional<autoscaling::ResourceCapacity> capacity(const std::string& account_id,
                                                          const std::string& region,
                                                          const std::string& resource_id) const override;
    std::optional<autoscaling::ResourceCapacity> desired_capacity(
        const std::string& account_id, const std::string& region,
        const std::string& resource_id) const override;
    Status set_desired(const std::string& account_id, const std::string& region,
                       const std::string& resource_id, int desired, Instant now) override;

private:
    struct Found {
        ecs::EcsRegion* region = nullptr;
        ecs::Service* service = nullptr;  // null when not found
    };
    // The resource's region and service. Application Auto Scaling asks about every target every minute, and
    // finding the region and the service by name was most of each question: what is found is kept by
    // resource id, and kept good because regions and services stay where they are until the world is reset
    // (EcsWorld::resets). A service not found is looked for again next time.
    Found find(const std::string& account_id, const std::string& region,
               const std::string& resource_id) const;
    std::optional<autoscaling::ResourceCapacity> capacity_of(const std::string& account_id,
                                                             const std::string& region,
                                                             const std::string& resource_id,
                                                             bool count_running) const;

    struct Kept {
        std::string account_id;
        std::string region;
        std::uint64_t world_resets = 0;
        Found found;
    };

    ecs::EcsWorld& world_;
    mutable std::unordered_map<std::string, Kept> kept_;  // by resource id
};

}  // namespace ecsemu::core::engine
