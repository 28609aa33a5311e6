#include "emulator/api/autoscaling/autoscaling_encode.hpp"

namespace ecsemu::api::autoscaling {

using nlohmann::json;
namespace model = core::autoscaling;

namespace {

json encode_target_tracking(const model::TargetTrackingConfig& config) {
    json out = {{"TargetValue", config.target_value}};
    const model::TrackedMetric& metric = config.metric;
    if (!metric.predefined_type.empty()) {
        json predefined = {{"PredefinedMetricType", metric.predefined_type}};
        if (!metric.resource_label.empty()) predefined["ResourceLabel"] = metric.resource_label;
        out["PredefinedMetricSpecification"] = std::move(predefined);
    } else {
        json dimensions = json::array();
        for (const auto& [name, value] : metric.dimensions)
            dimensions.push_back({{"Name", name}, {"Value", value}});
        json customized = {{"MetricName", metric.metric_name},
                           {"Namespace", metric.namespace_name},
                           {"Statistic", metric.statistic}};
        if (!metric.dimensions.empty()) customized["Dimensions"] = std::move(dimensions);
        if (!metric.unit.empty()) customized["Unit"] = metric.unit;
        out["CustomizedMetricSpecification"] = std::move(customized);
    }
    if (config.scale_out_cooldown_seconds) out["ScaleOutCooldown"] = *config.scale_out_cooldown_seconds;
    if (config.scale_in_cooldown_seconds) out["ScaleInCooldown"] = *config.scale_in_cooldown_seconds;
    if (config.disable_scale_in) out["DisableScaleIn"] = true;
    return out;
}

json encode_step_scaling(const model::StepScalingConfig& config) {
    json steps = json::array();
    for (const model::StepAdjustment& step : config.step_adjustments) {
        json item = {{"ScalingAdjustment", step.scaling_adjustment}};
        if (step.lower_bound) item["MetricIntervalLowerBound"] = *step.lower_bound;
        if (step.upper_bound) item["MetricIntervalUpperBound"] = *step.upper_bound;
        steps.push_back(std::move(item));
    }
    json out = {{"AdjustmentType", config.adjustment_type}, {"StepAdjustments", std::move(steps)}};
    if (config.min_adjustment_magnitude) out["MinAdjustmentMagnitude"] = *config.min_adjustment_magnitude;
    if (config.cooldown_seconds) out["Cooldown"] = *config.cooldown_seconds;
    if (!config.metric_aggregation_type.empty())
        out["MetricAggregationType"] = config.metric_aggregation_type;
    return out;
}

}  // namespace

json encode_time(core::Instant instant) {
    return instant.epoch_seconds();
}

json encode_target(const model::ScalableTarget& target) {
    return {{"ServiceNamespace", target.service_namespace},
            {"ResourceId", target.resource_id},
            {"ScalableDimension", target.scalable_dimension},
            {"MinCapacity", target.min_capacity},
            {"MaxCapacity", target.max_capacity},
            {"RoleARN", target.role_arn},
            {"CreationTime", encode_time(target.created)},
            {"SuspendedState",
             {{"DynamicScalingInSuspended", target.suspended.dynamic_scaling_in},
              {"DynamicScalingOutSuspended", target.suspended.dynamic_scaling_out},
              {"ScheduledScalingSuspended", target.suspended.scheduled_scaling}}},
            {"ScalableTargetARN", target.arn}};
}

json encode_alarms(const std::vector<model::PolicyAlarm>& alarms) {
    json out = json::array();
    for (const model::PolicyAlarm& alarm : alarms)
        out.push_back({{"AlarmName", alarm.name}, {"AlarmARN", alarm.arn}});
    return out;
}

json encode_policy(const model::ScalingPolicy& policy) {
    json out = {{"PolicyARN", policy.arn},
                {"PolicyName", policy.name},
                {"ServiceNamespace", policy.service_namespace},
                {"ResourceId", policy.resource_id},
                {"ScalableDimension", policy.scalable_dimension},
                {"PolicyType", policy.policy_type},
                {"Alarms", encode_alarms(policy.alarms)},
                {"CreationTime", encode_time(policy.created)}};
    if (policy.target_tracking) {
        out["TargetTrackingScalingPolicyConfiguration"] = encode_target_tracking(*policy.target_tracking);
    }
    if (policy.step_scaling)
        out["StepScalingPolicyConfiguration"] = encode_step_scaling(*policy.step_scaling);
    return out;
}

json encode_scheduled_action(const model::ScheduledAction& action) {
    json target_action = json::object();
    if (action.action.min_capacity) target_action["MinCapacity"] = *action.action.min_capacity;
    if (action.action.max_capacity) target_action["MaxCapacity"] = *action.action.max_capacity;
    json out = {{"ScheduledActionName", action.name},
                {"ScheduledActionARN", action.arn},
                {"ServiceNamespace", action.service_namespace},
                {"Schedule", action.schedule},
                {"ResourceId", action.resource_id},
                {"ScalableDimension", action.scalable_dimension},
                {"ScalableTargetAction", std::move(target_action)},
                {"CreationTime", encode_time(action.created)}};
    if (!action.timezone.empty()) out["Timezone"] = action.timezone;
    if (action.start_time) out["StartTime"] = encode_time(*action.start_time);
    if (action.end_time) out["EndTime"] = encode_time(*action.end_time);
    return out;
}

json encode_activity(const model::ScalingActivity& activity) {
    json out = {{"ActivityId", activity.id},
                {"ServiceNamespace", activity.service_namespace},
                {"ResourceId", activity.resource_id},
                {"ScalableDimension", activity.scalable_dimension},
                {"Description", activity.description},
                {"Cause", activity.cause},
                {"StartTime", encode_time(activity.start)},
                {"StatusCode", model::to_wire(activity.status)}};
    if (activity.end) out["EndTime"] = encode_time(*activity.end);
    if (!activity.status_message.empty()) out["StatusMessage"] = activity.status_message;
    if (!activity.details.empty()) out["Details"] = activity.details;
    if (!activity.not_scaled_reasons.empty()) {
        json reasons = json::array();
        for (const model::NotScaledReason& reason : activity.not_scaled_reasons) {
            json item = {{"Code", reason.code}};
            if (reason.max_capacity) item["MaxCapacity"] = *reason.max_capacity;
            if (reason.min_capacity) item["MinCapacity"] = *reason.min_capacity;
            if (reason.current_capacity) item["CurrentCapacity"] = *reason.current_capacity;
            reasons.push_back(std::move(item));
        }
        out["NotScaledReasons"] = std::move(reasons);
    }
    return out;
}

}  // namespace ecsemu::api::autoscaling
