#include <algorithm>
#include <cmath>

#include "emulator/core/autoscaling/autoscaling_errors.hpp"
#include "emulator/core/autoscaling/scaling_policies.hpp"

namespace ecsemu::core::autoscaling {

namespace {

std::string bound_text(const std::optional<double>& bound) {
    if (!bound) return "null";
    std::string text = std::to_string(*bound);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}

}  // namespace

Status check_step_scaling(const StepScalingConfig& config) {
    const std::string& type = config.adjustment_type;
    if (type.empty()) return validation_error("AdjustmentType is required for a step scaling policy.");
    if (type != "ChangeInCapacity" && type != "PercentChangeInCapacity" && type != "ExactCapacity") {
        return validation_error("Invalid AdjustmentType " + type +
                                ". Valid values: ChangeInCapacity, PercentChangeInCapacity, ExactCapacity");
    }
    if (config.min_adjustment_magnitude && type != "PercentChangeInCapacity") {
        return validation_error(
            "MinAdjustmentMagnitude is only valid with AdjustmentType PercentChangeInCapacity.");
    }
    if (config.min_adjustment_magnitude && *config.min_adjustment_magnitude < 1) {
        return validation_error("MinAdjustmentMagnitude must be greater than or equal to 1.");
    }
    if (config.cooldown_seconds && *config.cooldown_seconds < 0) {
        return validation_error("Cooldown must be greater than or equal to 0.");
    }
    const std::string& aggregation = config.metric_aggregation_type;
    if (!aggregation.empty() && aggregation != "Average" && aggregation != "Minimum" &&
        aggregation != "Maximum") {
        return validation_error("Invalid MetricAggregationType " + aggregation +
                                ". Valid values: Average, Minimum, Maximum");
    }
    if (config.step_adjustments.empty()) {
        return validation_error("A step scaling policy needs at least one step adjustment.");
    }
    int open_lower = 0;
    int open_upper = 0;
    for (const StepAdjustment& step : config.step_adjustments) {
        if (!step.lower_bound && !step.upper_bound) {
            return validation_error("The upper and lower bound of a step adjustment can't both be null.");
        }
        if (step.lower_bound && step.upper_bound && *step.lower_bound >= *step.upper_bound) {
            return validation_error("The lower bound " + bound_text(step.lower_bound) +
                                    " of a step adjustment must be less than its upper bound " +
                                    bound_text(step.upper_bound) + ".");
        }
        open_lower += step.lower_bound ? 0 : 1;
        open_upper += step.upper_bound ? 0 : 1;
    }
    if (open_lower > 1) return validation_error("At most one step adjustment can have a null lower bound.");
    if (open_upper > 1) return validation_error("At most one step adjustment can have a null upper bound.");

    // Sorted by lower bound (an open one first), each step must start where the previous ended.
    std::vector<StepAdjustment> steps = config.step_adjustments;
    std::sort(steps.begin(), steps.end(), [](const StepAdjustment& a, const StepAdjustment& b) {
        if (!a.lower_bound || !b.lower_bound) return !a.lower_bound && b.lower_bound;
        return *a.lower_bound < *b.lower_bound;
    });
    for (std::size_t i = 1; i < steps.size(); ++i) {
        const auto& previous = steps[i - 1].upper_bound;
        const auto& next = steps[i].lower_bound;
        if (!previous || !next || *previous != *next) {
            return validation_error("Step adjustments can't overlap or have a gap: upper bound " +
                                    bound_text(previous) + " is followed by lower bound " + bound_text(next) +
                                    ".");
        }
    }
    if (steps.front().lower_bound && *steps.front().lower_bound < 0) {
        return validation_error(
            "A step adjustment with a negative lower bound needs a step adjustment with a null lower bound.");
    }
    if (steps.back().upper_bound && *steps.back().upper_bound > 0) {
        return validation_error(
            "A step adjustment with a positive upper bound needs a step adjustment with a null upper bound.");
    }
    return Ok{};
}

}  // namespace ecsemu::core::autoscaling
