#pragma once
// What every Application Auto Scaling operation works on: the region's state and ids, the region's
// CloudWatch (target-tracking policies own alarms there), the resources it scales, the region's load
// balancers (ALBRequestCountPerTarget names a target group) and the call's account, region and time.
// Operations read no clock and draw ids only from the region's IdSource; they check everything before they
// change anything, so a failed call leaves every store as it was (the caller restores the IdSource).
#include <string>

#include "emulator/core/autoscaling/autoscaling_state.hpp"
#include "emulator/core/autoscaling/scalable_resources.hpp"
#include "emulator/core/cloudwatch/cloudwatch_state.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"

namespace ecsemu::core::autoscaling {

struct AutoScalingCall {
    AutoScalingRegion& region_state;
    cloudwatch::CloudWatchState& cloudwatch;
    ScalableResources& resources;
    const elbv2::Elbv2State* elbv2 = nullptr;  // null when the region has no ELBv2 objects
    std::string account_id;
    std::string region;
    Instant now;

    AutoScalingState& state() { return region_state.state; }
    IdSource& ids() { return region_state.ids; }
};

}  // namespace ecsemu::core::autoscaling
