#include "emulator/core/autoscaling/scaling_policies.hpp"

#include <algorithm>
#include <cmath>

#include "emulator/core/autoscaling/autoscaling_errors.hpp"
#include "emulator/core/autoscaling/policy_alarms.hpp"
#include "emulator/core/autoscaling/scalable_targets.hpp"

namespace ecsemu::core::autoscaling {

namespace {

// TargetValue "won't accept values that are either too small or too large": AWS's documented range is
// -2^360..2^360. AWS does not document a lower limit of 0, so 0 and negative targets are stored; the
// controller must not divide by them.
const double kTargetValueLimit = std::ldexp(1.0, 360);

Status check_cooldown(const std::optional<int>& seconds, const char* name) {
    if (seconds && *seconds < 0)
        return validation_error(std::string(name) + " must be greater than or equal to 0.");
    return Ok{};
}

Result<TargetTrackingConfig> check_target_tracking(const AutoScalingCall& call, const PutPolicySpec& spec,
                                                   const ScalableTarget& target) {
    if (!spec.target_tracking) {
        return validation_error(
            "TargetTrackingScalingPolicyConfiguration is required for a TargetTrackingScaling policy.");
    }
    const TargetTrackingRequest& request = *spec.target_tracking;
    if (!std::isfinite(request.target_value) || std::fabs(request.target_value) > kTargetValueLimit) {
        return validation_error("TargetValue must be a number between -2^360 and 2^360.");
    }
    if (auto status = check_cooldown(request.scale_out_cooldown_seconds, "ScaleOutCooldown"); !status)
        return status.error();
    if (auto status = check_cooldown(request.scale_in_cooldown_seconds, "ScaleInCooldown"); !status)
        return status.error();
    auto metric = resolve_tracked_metric(request.metric, target, call.elbv2, call.account_id, call.region);
    if (!metric) return metric.error();
    TargetTrackingConfig config;
    config.target_value = request.target_value;
    config.metric = std::move(metric.value());
    config.scale_out_cooldown_seconds = request.scale_out_cooldown_seconds;
    config.scale_in_cooldown_seconds = request.scale_in_cooldown_seconds;
    config.disable_scale_in = request.disable_scale_in;
    return config;
}

bool matches(const ScalingPolicy& policy, const PolicyFilter& filter) {
    if (policy.service_namespace != filter.service_namespace) return false;
    if (!filter.resource_id.empty() && policy.resource_id != filter.resource_id) return false;
    if (!filter.scalable_dimension.empty() && policy.scalable_dimension != filter.scalable_dimension)
        return false;
    return filter.policy_names.empty() || std::find(filter.policy_names.begin(), filter.policy_names.end(),
                                                    policy.name) != filter.policy_names.end();
}

// A step-scaling policy's alarms are those whose AlarmActions name its ARN.
std::vector<PolicyAlarm> alarms_acting_on(const cloudwatch::CloudWatchState& cloudwatch,
                                          const std::string& arn) {
    std::vector<PolicyAlarm> out;
    for (const auto& [name, alarm] : cloudwatch.alarms) {
        if (std::find(alarm.alarm_actions.begin(), alarm.alarm_actions.end(), arn) !=
                alarm.alarm_actions.end() ||
            std::find(alarm.ok_actions.begin(), alarm.ok_actions.end(), arn) != alarm.ok_actions.end()) {
            out.push_back(PolicyAlarm{alarm.name, alarm.arn});
        }
    }
    return out;
}

}  // namespace

std::string policy_key(const std::string& service_namespace, const std::string& resource_id,
                       const std::string& scalable_dimension, const std::string& policy_name) {
    return target_key(service_namespace, resource_id, scalable_dimension) + "|" + policy_name;
}

Result<ScalingPolicy> put_scaling_policy(AutoScalingCall& call, const PutPolicySpec& spec) {
    AutoScalingState& state = call.state();
    auto target = require_target(state, spec.service_namespace, spec.resource_id, spec.scalable_dimension);
    if (!target) return target.error();
    const std::string type = spec.policy_type.empty() ? "StepScaling" : spec.policy_type;

    ScalingPolicy policy;
    policy.name = spec.policy_name;
    policy.service_namespace = spec.service_namespace;
    policy.resource_id = spec.resource_id;
    policy.scalable_dimension = spec.scalable_dimension;
    policy.policy_type = type;
    if (type == "TargetTrackingScaling") {
        auto config = check_target_tracking(call, spec, *target.value());
        if (!config) return config.error();
        policy.target_tracking = std::move(config.value());
    } else if (type == "StepScaling") {
        if (!spec.step_scaling) {
            return validation_error("StepScalingPolicyConfiguration is required for a StepScaling policy.");
        }
        if (auto status = check_step_scaling(*spec.step_scaling); !status) return status.error();
        policy.step_scaling = *spec.step_scaling;
    } else if (type == "PredictiveScaling") {
        return validation_error("ecsemu does not support PredictiveScaling policies.");
    } else {
        return validation_error("Invalid PolicyType " + type +
                                ". Valid values: StepScaling, TargetTrackingScaling, PredictiveScaling");
    }

    const std::string key =
        policy_key(spec.service_namespace, spec.resource_id, spec.scalable_dimension, spec.policy_name);
    const auto existing = state.policies.find(key);
    if (existing != state.policies.end()) {
        // An update keeps the policy's ARN and creation time; its alarms are made anew.
        policy.arn = existing->second.arn;
        policy.created = existing->second.created;
        remove_alarms(call.cloudwatch, existing->second);
    } else {
        policy.arn = "arn:aws:autoscaling:" + call.region + ":" + call.account_id +
                     ":scalingPolicy:" + call.ids().uuid() + ":resource/" + spec.service_namespace + "/" +
                     spec.resource_id + ":policyName/" + spec.policy_name;
        policy.created = call.now;
    }
    if (policy.target_tracking) {
        install_alarms(call.cloudwatch, policy,
                       target_tracking_alarms(policy, call.account_id, call.region, call.now, call.ids()));
    }
    state.policies.insert_or_assign(key, policy);
    return policy;
}

Status delete_scaling_policy(AutoScalingCall& call, const std::string& policy_name,
                             const std::string& service_namespace, const std::string& resource_id,
                             const std::string& scalable_dimension) {
    AutoScalingState& state = call.state();
    const auto it =
        state.policies.find(policy_key(service_namespace, resource_id, scalable_dimension, policy_name));
    if (it == state.policies.end()) {
        return object_not_found("No scaling policy found for service namespace: " + service_namespace +
                                ", resource ID: " + resource_id + ", scalable dimension: " +
                                scalable_dimension + ", policy name: " + policy_name);
    }
    remove_alarms(call.cloudwatch, it->second);
    state.policies.erase(it);
    return Ok{};
}

std::vector<ScalingPolicy> find_scaling_policies(const AutoScalingState& state,
                                                 const cloudwatch::CloudWatchState& cloudwatch,
                                                 const PolicyFilter& filter) {
    std::vector<ScalingPolicy> out;
    for (const auto& [key, policy] : state.policies) {
        if (!matches(policy, filter)) continue;
        out.push_back(policy);
        if (policy.policy_type == "StepScaling") out.back().alarms = alarms_acting_on(cloudwatch, policy.arn);
    }
    return out;
}

}  // namespace ecsemu::core::autoscaling
