#pragma once
// How Application Auto Scaling reaches the resources it scales (ECS services here): read a target's current
// capacity and set a new desired count. The emulator and the simulator both implement it over the ECS store
// (ecs_scalable_resources.hpp); tests use a map.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "emulator/core/errors.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::autoscaling {

// An ECS service's resource id, "service/<cluster>/<service>" (both names non-empty, no further slash) ->
// (cluster, service), viewing `resource_id`; nullopt for any other form.
inline std::optional<std::pair<std::string_view, std::string_view>> parse_ecs_service_resource_id(
    std::string_view resource_id) {
    constexpr std::string_view kPrefix = "service/";
    if (!resource_id.starts_with(kPrefix)) return std::nullopt;
    const std::string_view rest = resource_id.substr(kPrefix.size());
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 >= rest.size()) return std::nullopt;
    if (rest.find('/', slash + 1) != std::string_view::npos) return std::nullopt;
    return std::make_pair(rest.substr(0, slash), rest.substr(slash + 1));
}

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
    // The same with `running` left uncounted (0), for what decides from the desired count alone: target
    // tracking and scheduled actions ask for every target every minute, and counting RUNNING tasks walks the
    // service's tasks. By default, capacity().
    virtual std::optional<ResourceCapacity> desired_capacity(const std::string& account_id,
                                                             const std::string& region,
                                                             const std::string& resource_id) const {
        return capacity(account_id, region, resource_id);
    }
    // Sets the desired count, as UpdateService would. Errors are ECS's.
    virtual Status set_desired(const std::string& account_id, const std::string& region,
                               const std::string& resource_id, int desired, Instant now) = 0;
};

}  // namespace ecsemu::core::autoscaling
