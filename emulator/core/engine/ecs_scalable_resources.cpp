#include "emulator/core/engine/ecs_scalable_resources.hpp"

#include "emulator/core/ecs/ecs_errors.hpp"
#include "emulator/core/ecs/services.hpp"

namespace ecsemu::core::engine {

EcsScalableResources::Found EcsScalableResources::find(const std::string& account_id,
                                                       const std::string& region,
                                                       const std::string& resource_id) const {
    const auto kept = kept_.find(resource_id);
    if (kept != kept_.end() && kept->second.world_resets == world_.resets() &&
        kept->second.account_id == account_id && kept->second.region == region)
        return kept->second.found;
    Found found;
    found.region = world_.find_region(account_id, region);
    const auto names = autoscaling::parse_ecs_service_resource_id(resource_id);
    if (found.region == nullptr || !names) return found;
    found.service = ecs::find_service(found.region->state, names->first, names->second);
    if (found.service != nullptr)
        kept_.insert_or_assign(resource_id, Kept{account_id, region, world_.resets(), found});
    return found;
}

std::optional<autoscaling::ResourceCapacity> EcsScalableResources::capacity(
    const std::string& account_id, const std::string& region, const std::string& resource_id) const {
    return capacity_of(account_id, region, resource_id, true);
}

std::optional<autoscaling::ResourceCapacity> EcsScalableResources::desired_capacity(
    const std::string& account_id, const std::string& region, const std::string& resource_id) const {
    return capacity_of(account_id, region, resource_id, false);
}

std::optional<autoscaling::ResourceCapacity> EcsScalableResources::capacity_of(const std::string& account_id,
                                                                               const std::string& region,
                                                                               const std::string& resource_id,
                                                                               bool count_running) const {
    const Found found = find(account_id, region, resource_id);
    const ecs::Service* service = found.service;
    if (service == nullptr || service->status != ecs::ServiceStatus::Active) return std::nullopt;

    autoscaling::ResourceCapacity capacity;
    capacity.desired = service->desired_count;
    if (count_running) capacity.running = ecs::count_service_tasks(found.region->state, *service).running;
    const ecs::Deployment* primary = service->primary_deployment();
    capacity.deployment_in_progress =
        service->deployments.size() > 1 ||
        (primary != nullptr && primary->rollout_state == ecs::RolloutState::InProgress);
    return capacity;
}

Status EcsScalableResources::set_desired(const std::string& account_id, const std::string& region,
                                         const std::string& resource_id, int desired, Instant now) {
    ecs::Service* service = find(account_id, region, resource_id).service;
    if (service == nullptr) return ecs::service_not_found();
    if (service->status != ecs::ServiceStatus::Active) return ecs::service_not_active();
    if (desired < 0) return ecs::invalid_parameter("desiredCount must be greater than or equal to 0.");
    // As update_service with only desiredCount: the service and its PRIMARY deployment take the count.
    service->desired_count = desired;
    if (ecs::Deployment* primary = service->primary_deployment()) {
        primary->desired_count = desired;
        primary->updated_at = now;
    }
    return Ok{};
}

}  // namespace ecsemu::core::engine
