#pragma once
// PutScalingPolicy, DescribeScalingPolicies and DeleteScalingPolicy. A target-tracking policy owns two
// CloudWatch alarms (policy_alarms.hpp): putting the policy again replaces them, deleting it deletes them.
// A step-scaling policy is stored with its validated steps; its alarms are the user's (PutMetricAlarm with
// the PolicyARN as an action).
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/autoscaling/autoscaling_call.hpp"
#include "emulator/core/autoscaling/tracked_metrics.hpp"

namespace ecsemu::core::autoscaling {

struct TargetTrackingRequest {
    double target_value = 0;
    MetricSpecRequest metric;
    std::optional<int> scale_out_cooldown_seconds;
    std::optional<int> scale_in_cooldown_seconds;
    bool disable_scale_in = false;
};

struct PutPolicySpec {
    std::string policy_name;
    std::string service_namespace;
    std::string resource_id;
    std::string scalable_dimension;
    std::string policy_type;  // empty: StepScaling, the API's default
    std::optional<TargetTrackingRequest> target_tracking;
    std::optional<StepScalingConfig> step_scaling;
    bool predictive = false;  // PredictiveScalingPolicyConfiguration given (refused)
};

// The policy as stored (PolicyARN and Alarms for the response).
Result<ScalingPolicy> put_scaling_policy(AutoScalingCall& call, const PutPolicySpec& spec);

Status delete_scaling_policy(AutoScalingCall& call, const std::string& policy_name,
                             const std::string& service_namespace, const std::string& resource_id,
                             const std::string& scalable_dimension);

struct PolicyFilter {
    std::string service_namespace;
    std::vector<std::string> policy_names;  // empty: all
    std::string resource_id;                // empty: all
    std::string scalable_dimension;         // empty: all
};

// Matching policies in key order; a step-scaling policy's Alarms are the CloudWatch alarms naming its ARN.
std::vector<ScalingPolicy> find_scaling_policies(const AutoScalingState& state,
                                                 const cloudwatch::CloudWatchState& cloudwatch,
                                                 const PolicyFilter& filter);

// Checks a step-scaling configuration as AWS does: an AdjustmentType, at least one step, bounds that neither
// overlap nor leave gaps, at most one open lower and one open upper end, MinAdjustmentMagnitude only with
// PercentChangeInCapacity.
Status check_step_scaling(const StepScalingConfig& config);

std::string policy_key(const std::string& service_namespace, const std::string& resource_id,
                       const std::string& scalable_dimension, const std::string& policy_name);

}  // namespace ecsemu::core::autoscaling
