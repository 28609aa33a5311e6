#pragma once
// Target tracking's sizing and gating, as Application Auto Scaling documents it for ECS services. Pure
// functions of the policy, the alarm states, the latest metric value, the target's capacity and what the
// controller remembers; the controller (scaling_controller.hpp) applies what they decide.
//
//   Scale out   while AlarmHigh is in ALARM (3 one-minute datapoints above the target): to
//               ceil(capacity x metric / target). Until the last scale-out is fulfilled and for its cooldown
//               after that, the base is the capacity before that scale-out (the metric was measured on it),
//               and a new scale-out happens only if it asks for more than the desired count already set
//               (the capacity added counts). The cooldown runs from fulfilment, so a datapoint measured
//               before the new tasks ran does not scale out twice.
//   Scale in    while AlarmLow is in ALARM (15 datapoints below 90 % of the target): to
//               ceil(capacity x metric / target), rounded up so capacity is kept; not with DisableScaleIn,
//               not inside the scale-in cooldown, not while a scale-out is unfulfilled, not while an ECS
//               deployment is rolling.
//   Both        clamp to [min, max]; a scale-out ends a running scale-in cooldown, never the reverse.
//   Several policies on one target: scale out if any asks (the largest), scale in only if all ask (the
//               largest of their sizes).
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/autoscaling/autoscaling_model.hpp"
#include "emulator/core/autoscaling/autoscaling_state.hpp"
#include "emulator/core/cloudwatch/alarm_model.hpp"

namespace ecsemu::core::autoscaling {

// ECS's default cooldowns, each direction, when the policy gives none.
inline constexpr Duration kDefaultCooldown = Duration::seconds(300);

enum class Direction { None, Out, In };

// What one policy asks for at this evaluation.
struct PolicyProposal {
    Direction direction = Direction::None;
    int capacity = 0;        // unclamped
    std::string alarm_name;  // the alarm in ALARM that asked
    std::string policy_name;
    Duration cooldown;  // of that direction, for the memory
    // Why nothing happens although an alarm asked (AWS's NotScaledReason codes and the like); empty when
    // the policy asks for nothing.
    std::string held_by;
};

struct TrackingView {
    int desired = 0;
    int min_capacity = 0;
    int max_capacity = 0;
    bool deployment_in_progress = false;
    bool scale_out_unfulfilled = false;  // a scale-out activity is still in progress
    SuspendedState suspended;
    ScalingMemory memory;
    Instant now;
};

// The capacity `base` x metric / target rounds up to (a hair of tolerance so 2 x 140/70 stays 4).
int proportional_capacity(int base, double metric, double target);

// One target-tracking policy's proposal from its alarms' states and the latest value of its metric.
PolicyProposal propose(const ScalingPolicy& policy, cloudwatch::AlarmState high, cloudwatch::AlarmState low,
                       const std::string& high_alarm, const std::string& low_alarm,
                       std::optional<double> metric, const TrackingView& view);

struct ScalingDecision {
    Direction direction = Direction::None;
    int capacity = 0;                       // clamped
    const PolicyProposal* cause = nullptr;  // points into the proposals passed in
    // When an alarm asked but the clamped capacity is the current one: AlreadyAtMaxCapacity, ...
    std::string not_scaled_code;
};

// Combines every policy's proposal for one target.
ScalingDecision decide(const std::vector<PolicyProposal>& proposals, const TrackingView& view);

}  // namespace ecsemu::core::autoscaling
