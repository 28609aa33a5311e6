#pragma once
// DescribeScalingActivities' selection: the region's activities matching the filter, newest first. Activities
// that did not scale (NotScaledReasons) are shown only when asked for.
#include <string>
#include <vector>

#include "emulator/core/autoscaling/autoscaling_state.hpp"

namespace ecsemu::core::autoscaling {

struct ActivityFilter {
    std::string service_namespace;
    std::string resource_id;         // empty: all
    std::string scalable_dimension;  // empty: all
    bool include_not_scaled = false;
};

std::vector<const ScalingActivity*> find_scaling_activities(const AutoScalingState& state,
                                                            const ActivityFilter& filter);

}  // namespace ecsemu::core::autoscaling
