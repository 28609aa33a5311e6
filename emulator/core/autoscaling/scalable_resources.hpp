#pragma once
// How Application Auto Scaling reaches the resources it scales (ECS services here): read a target's current
// capacity and set a new desired count. The emulator and the simulator both implement it over the ECS store
// (ecs_scalable_resources.hpp); tests use a map.
#include <optional>
#include <string>

#include "emulator/core/errors.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::autoscaling {

struct ResourceCapacity {
    int desired = 0;
    int running = 0;
    // A deployment is rolling (ECS's PRIMARY not yet COMPLETED): Application Auto Scaling does not scale in
    // while one is, scale-out goes on.
    bool deployment_in_progress = false;
};

class ScalableResources {
public:
    virtual ~ScalableResources() = default;
    // Nothing when the resource does not exist (or is not ACTIVE).
    virtual std::optional<ResourceCapacity> capacity(const std::string& account_id, const std::string& region,
                                                     const std::string& resource_id) const = 0;
    // Sets the desired count, as UpdateService would. Errors are ECS's.
    virtual Status set_desired(const std::string& account_id, const std::string& region,
                               const std::string& resource_id, int desired, Instant now) = 0;
};

}  // namespace ecsemu::core::autoscaling
