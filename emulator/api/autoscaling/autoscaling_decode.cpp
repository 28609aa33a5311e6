#include "emulator/api/autoscaling/autoscaling_decode.hpp"

#include <cmath>
#include <cstdlib>

#include "emulator/core/autoscaling/autoscaling_errors.hpp"

namespace ecsemu::api::autoscaling {

using nlohmann::json;
namespace model = core::autoscaling;

std::optional<int> optional_int(const json& object, const char* key) {
    const json* value = member(object, key);
    if (value == nullptr || !value->is_number_integer()) return std::nullopt;
    return value->get<int>();
}

core::Result<std::optional<core::Instant>> optional_time(const json& object, const char* key) {
    const json* value = member(object, key);
    if (value == nullptr) return std::optional<core::Instant>();
    double seconds = 0;
    if (value->is_number()) {
        seconds = value->get<double>();
    } else {
        const std::string text = value->is_string() ? value->get<std::string>() : std::string();
        char* end = nullptr;
        seconds = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size()) {
            return model::validation_error(std::string(key) + " must be a timestamp in epoch seconds.");
        }
    }
    if (!std::isfinite(seconds))
        return model::validation_error(std::string(key) + " is not a valid timestamp.");
    return std::optional<core::Instant>(
        core::Instant{static_cast<std::int64_t>(std::llround(seconds * 1000.0))});
}

model::SuspendedStatePatch decode_suspended(const json& suspended) {
    model::SuspendedStatePatch patch;
    patch.dynamic_scaling_in = optional_bool(suspended, "DynamicScalingInSuspended");
    patch.dynamic_scaling_out = optional_bool(suspended, "DynamicScalingOutSuspended");
    patch.scheduled_scaling = optional_bool(suspended, "ScheduledScalingSuspended");
    return patch;
}

model::TargetTrackingRequest decode_target_tracking(const json& config) {
    model::TargetTrackingRequest request;
    request.target_value = optional_double(config, "TargetValue").value_or(0);
    request.scale_out_cooldown_seconds = optional_int(config, "ScaleOutCooldown");
    request.scale_in_cooldown_seconds = optional_int(config, "ScaleInCooldown");
    request.disable_scale_in = optional_bool(config, "DisableScaleIn").value_or(false);
    model::MetricSpecRequest& spec = request.metric;
    if (const json* predefined = member(config, "PredefinedMetricSpecification")) {
        spec.predefined = true;
        spec.metric.predefined_type = string_member(*predefined, "PredefinedMetricType");
        spec.metric.resource_label = string_member(*predefined, "ResourceLabel");
    }
    if (const json* customized = member(config, "CustomizedMetricSpecification")) {
        spec.customized = true;
        spec.customized_uses_metrics = member(*customized, "Metrics") != nullptr;
        spec.metric.metric_name = string_member(*customized, "MetricName");
        spec.metric.namespace_name = string_member(*customized, "Namespace");
        spec.metric.statistic = string_member(*customized, "Statistic");
        spec.metric.unit = string_member(*customized, "Unit");
        if (const json* dimensions = member(*customized, "Dimensions");
            dimensions && dimensions->is_array()) {
            for (const json& dimension : *dimensions) {
                spec.metric.dimensions[string_member(dimension, "Name")] = string_member(dimension, "Value");
            }
        }
    }
    return request;
}

model::StepScalingConfig decode_step_scaling(const json& config) {
    model::StepScalingConfig step;
    step.adjustment_type = string_member(config, "AdjustmentType");
    step.min_adjustment_magnitude = optional_int(config, "MinAdjustmentMagnitude");
    step.cooldown_seconds = optional_int(config, "Cooldown");
    step.metric_aggregation_type = string_member(config, "MetricAggregationType");
    if (const json* adjustments = member(config, "StepAdjustments"); adjustments && adjustments->is_array()) {
        for (const json& adjustment : *adjustments) {
            model::StepAdjustment out;
            out.lower_bound = optional_double(adjustment, "MetricIntervalLowerBound");
            out.upper_bound = optional_double(adjustment, "MetricIntervalUpperBound");
            out.scaling_adjustment = optional_int(adjustment, "ScalingAdjustment").value_or(0);
            step.step_adjustments.push_back(out);
        }
    }
    return step;
}

}  // namespace ecsemu::api::autoscaling
