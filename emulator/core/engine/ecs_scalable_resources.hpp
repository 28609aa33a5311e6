#pragma once
// Application Auto Scaling's view of ECS services (ScalableResources over the ECS store): resource ids are
// service/<cluster>/<service>. Setting the desired count changes the store exactly as a desiredCount-only
// UpdateService does (the service and its PRIMARY deployment; no new deployment, no service event); waking
// the scheduler for it is the caller's business.
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
    std::optional<autoscaling::ResourceCapacity> capacity_of(const std::string& account_id,
                                                             const std::string& region,
                                                             const std::string& resource_id,
                                                             bool count_running) const;

    ecs::EcsWorld& world_;
};

}  // namespace ecsemu::core::engine
