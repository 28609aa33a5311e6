#include "emulator/core/autoscaling/target_tracking.hpp"

#include <algorithm>
#include <cmath>

namespace ecsemu::core::autoscaling {

namespace {

Duration cooldown_of(const std::optional<int>& seconds) {
    return seconds ? Duration::seconds(*seconds) : kDefaultCooldown;
}

bool within(const std::optional<Instant>& since, const std::optional<Duration>& length, Instant now) {
    return since && length && now < *since + *length;
}

}  // namespace

int proportional_capacity(int base, double metric, double target) {
    if (target <= 0 || metric <= 0 || base <= 0) return 0;
    // Relative tolerance: 2 x 140 / 70 computes as 4.000000000000001 in some orders of evaluation.
    const double exact = static_cast<double>(base) * metric / target;
    const double rounded = std::ceil(exact - 1e-9 * std::max(1.0, exact));
    return static_cast<int>(std::min(rounded, 1e9));
}

PolicyProposal propose(const ScalingPolicy& policy, cloudwatch::AlarmState high, cloudwatch::AlarmState low,
                       const std::string& high_alarm, const std::string& low_alarm,
                       std::optional<double> metric, const TrackingView& view) {
    PolicyProposal proposal;
    proposal.policy_name = policy.name;
    if (!policy.target_tracking || !metric) return proposal;
    const TargetTrackingConfig& config = *policy.target_tracking;
    const ScalingMemory& memory = view.memory;

    if (high == cloudwatch::AlarmState::Alarm) {
        proposal.alarm_name = high_alarm;
        proposal.cooldown = cooldown_of(config.scale_out_cooldown_seconds);
        if (view.suspended.dynamic_scaling_out) {
            proposal.held_by = "DynamicScalingOutSuspended";
            return proposal;
        }
        const bool cooling =
            !memory.scale_out_fulfilled || within(memory.last_scale_out, memory.scale_out_cooldown, view.now);
        // Inside the cooldown the capacity already added counts: the metric was measured on the capacity
        // before the scale-out, and only a size above the desired count already set scales out again.
        const int base = cooling ? std::max(memory.capacity_before_scale_out, 1) : view.desired;
        const int wanted = proportional_capacity(base, *metric, config.target_value);
        if (wanted <= view.desired) {
            proposal.held_by = cooling ? "ScaleOutCooldown" : "AlreadyAtDesiredCapacity";
            return proposal;
        }
        proposal.direction = Direction::Out;
        proposal.capacity = wanted;
        return proposal;
    }

    if (low_alarm.empty() || low != cloudwatch::AlarmState::Alarm || config.disable_scale_in) return proposal;
    proposal.alarm_name = low_alarm;
    proposal.cooldown = cooldown_of(config.scale_in_cooldown_seconds);
    if (view.suspended.dynamic_scaling_in) {
        proposal.held_by = "DynamicScalingInSuspended";
    } else if (view.deployment_in_progress) {
        proposal.held_by = "DeploymentInProgress";
    } else if (view.scale_out_unfulfilled) {
        proposal.held_by = "ScaleOutInProgress";
    } else if (within(memory.last_scale_in, memory.scale_in_cooldown, view.now)) {
        proposal.held_by = "ScaleInCooldown";
    } else {
        const int wanted = proportional_capacity(view.desired, *metric, config.target_value);
        if (wanted < view.desired) {
            proposal.direction = Direction::In;
            proposal.capacity = wanted;
        } else {
            proposal.held_by = "AlreadyAtDesiredCapacity";
        }
    }
    return proposal;
}

ScalingDecision decide(const std::vector<PolicyProposal>& proposals, const TrackingView& view) {
    ScalingDecision decision;
    const PolicyProposal* largest_out = nullptr;
    for (const PolicyProposal& proposal : proposals) {
        if (proposal.direction == Direction::Out &&
            (!largest_out || proposal.capacity > largest_out->capacity))
            largest_out = &proposal;
    }
    if (largest_out) {
        const int capacity = std::clamp(largest_out->capacity, view.min_capacity, view.max_capacity);
        decision.cause = largest_out;
        if (capacity <= view.desired) {
            decision.not_scaled_code = "AlreadyAtMaxCapacity";
            return decision;
        }
        decision.direction = Direction::Out;
        decision.capacity = capacity;
        return decision;
    }

    if (proposals.empty()) return decision;
    const PolicyProposal* largest_in = nullptr;
    for (const PolicyProposal& proposal : proposals) {
        if (proposal.direction != Direction::In) return decision;  // scale in only when every policy agrees
        if (!largest_in || proposal.capacity > largest_in->capacity) largest_in = &proposal;
    }
    const int capacity = std::clamp(largest_in->capacity, view.min_capacity, view.max_capacity);
    decision.cause = largest_in;
    if (capacity >= view.desired) {
        decision.not_scaled_code = "AlreadyAtMinCapacity";
        return decision;
    }
    decision.direction = Direction::In;
    decision.capacity = capacity;
    return decision;
}

}  // namespace ecsemu::core::autoscaling
