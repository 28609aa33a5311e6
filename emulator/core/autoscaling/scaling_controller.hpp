#pragma once
// Application Auto Scaling's decisions, once per minute of the clock, for every region: CloudWatch evaluates
// every alarm on the minute's datapoints, due scheduled actions change min/max, then each scalable target's
// policies (target tracking, step scaling) size it and the controller sets the new desired count through the
// ScalableResources port, recording a scaling activity. Activities stay InProgress until the resource runs
// the capacity they set.
//
// Deterministic: it reads no clock (`now` is passed in), iterates ordered containers, and draws activity ids
// from an IdSource of its own (the API's id sequences are left to the journaled calls). The emulator calls
// it from a timer of its clock, the simulator from its virtual clock: the same decisions at the same
// emulated times.
#include <string>
#include <vector>

#include "emulator/core/autoscaling/autoscaling_state.hpp"
#include "emulator/core/autoscaling/scalable_resources.hpp"
#include "emulator/core/autoscaling/target_tracking.hpp"
#include "emulator/core/cloudwatch/cloudwatch_state.hpp"
#include "emulator/core/ids.hpp"

namespace ecsemu::core::autoscaling {

// A desired count the controller set (the emulator wakes the ECS engine for it).
struct CapacityChange {
    std::string account_id;
    std::string region;
    std::string resource_id;
    int from = 0;
    int to = 0;
    std::string cause;
};

class ScalingController {
public:
    // Everything passed must outlive the controller.
    ScalingController(AutoScalingWorld& autoscaling, cloudwatch::CloudWatchWorld& cloudwatch,
                      ScalableResources& resources);

    // One evaluation at a minute boundary, after the minute's metrics were recorded.
    std::vector<CapacityChange> evaluate(Instant now);

    // Finishes activities whose resource now runs the capacity they set (Successful), or that a later
    // activity replaced (Overridden). Cheap; may be called often.
    void update_activities(Instant now);

private:
    struct RegionRef {
        const std::string& account_id;
        const std::string& region;
        AutoScalingState& state;
        cloudwatch::CloudWatchState& cloudwatch;
    };

    void scale_target(RegionRef& ref, const std::string& key, ScalableTarget& target, Instant now,
                      std::vector<CapacityChange>& changes);
    void fire_scheduled_actions(RegionRef& ref, Instant now, std::vector<CapacityChange>& changes);
    void update_region_activities(const std::string& account_id, const std::string& region,
                                  AutoScalingState& state, Instant now);
    ScalingActivity& start_activity(AutoScalingState& state, const ScalableTarget& target, Instant now);

    AutoScalingWorld& autoscaling_;
    cloudwatch::CloudWatchWorld& cloudwatch_;
    ScalableResources& resources_;
    IdSource ids_{0x5ca1'ab1e'0000'0001ULL};
    // scale_target's working storage, kept between calls: every target is scaled every minute.
    std::string policy_prefix_;
    std::vector<PolicyProposal> proposals_;
};

}  // namespace ecsemu::core::autoscaling
