#pragma once
// Application Auto Scaling's view of ECS services (ScalableResources over the ECS store): resource ids are
// service/<cluster>/<service>. Setting the desired count changes the store exactly as a desiredCount-only
// UpdateService does (the service and its PRIMARY deployment; no new deployment, no service event); waking
// the scheduler for it is the caller's business.
#include <optional>
#include <string>
#include <utility>

#include "emulator/core/autoscaling/scalable_resources.hpp"
#include "emulator/core/ecs/ecs_world.hpp"

namespace ecsemu::core::engine {

// "service/<cluster>/<service>" -> (cluster, service); nullopt for any other resource id.
std::optional<std::pair<std::string, std::string>> parse_ecs_service_resource_id(
    const std::string& resource_id);

class EcsScalableResources final : public autoscaling::ScalableResources {
public:
    // `world` must outlive this object.
    explicit EcsScalableResources(ecs::EcsWorld& world) : world_(world) {}

    std::optional<autoscaling::ResourceCapacity> capacity(const std::string& account_id,
                                                          const std::string& region,
                                                          const std::string& resource_id) const override;
    Status set_desired(const std::string& account_id, const std::string& region,
                       const std::string& resource_id, int desired, Instant now) override;

private:
    ecs::EcsWorld& world_;
};

}  // namespace ecsemu::core::engine
