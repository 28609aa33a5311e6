#include "emulator/core/autoscaling/scaling_activities.hpp"

namespace ecsemu::core::autoscaling {

std::vector<const ScalingActivity*> find_scaling_activities(const AutoScalingState& state,
                                                            const ActivityFilter& filter) {
    std::vector<const ScalingActivity*> out;
    for (auto it = state.activities.rbegin(); it != state.activities.rend(); ++it) {
        const ScalingActivity& activity = *it;
        if (activity.service_namespace != filter.service_namespace) continue;
        if (!filter.resource_id.empty() && activity.resource_id != filter.resource_id) continue;
        if (!filter.scalable_dimension.empty() && activity.scalable_dimension != filter.scalable_dimension)
            continue;
        if (!filter.include_not_scaled && !activity.not_scaled_reasons.empty()) continue;
        out.push_back(&activity);
    }
    return out;
}

}  // namespace ecsemu::core::autoscaling
