#pragma once
// Application Auto Scaling's objects as its API shows them: scalable targets, scaling policies (target
// tracking and step scaling), scheduled actions and scaling activities. Only the `ecs` namespace with the
// ecs:service:DesiredCount dimension is scaled; the store keeps whatever else is registered.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/metrics/metric_store.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::autoscaling {

struct SuspendedState {
    bool dynamic_scaling_in = false;
    bool dynamic_scaling_out = false;
    bool scheduled_scaling = false;
};

struct ScalableTarget {
    std::string service_namespace;   // ecs
    std::string resource_id;         // service/<cluster>/<service>
    std::string scalable_dimension;  // ecs:service:DesiredCount
    int min_capacity = 0;
    int max_capacity = 0;
    std::string role_arn;
    std::string arn;  // arn:aws:application-autoscaling:<r>:<a>:scalable-target/<id>
    Instant created;
    SuspendedState suspended;
    std::map<std::string, std::string> tags;
};

// PredefinedMetricSpecification / CustomizedMetricSpecification, resolved to the CloudWatch metric the
// policy's alarms watch.
struct TrackedMetric {
    std::string predefined_type;  // ECSServiceAverageCPUUtilization, ...; empty for a customized metric
    std::string resource_label;   // ALBRequestCountPerTarget: app/<lb>/<id>/targetgroup/<tg>/<id>
    std::string namespace_name;   // AWS/ECS
    std::string metric_name;      // CPUUtilization
    metrics::Dimensions dimensions;
    std::string statistic = "Average";
    std::string unit;  // Percent; empty when unknown
};

struct TargetTrackingConfig {
    double target_value = 0;
    TrackedMetric metric;
    std::optional<int> scale_out_cooldown_seconds;  // absent: kDefaultCooldown (ECS: 300 s)
    std::optional<int> scale_in_cooldown_seconds;
    bool disable_scale_in = false;
};

struct StepAdjustment {
    std::optional<double> lower_bound;
    std::optional<double> upper_bound;
    int scaling_adjustment = 0;
};

struct StepScalingConfig {
    std::string adjustment_type;  // ChangeInCapacity | PercentChangeInCapacity | ExactCapacity
    std::vector<StepAdjustment> step_adjustments;
    std::optional<int> min_adjustment_magnitude;
    std::optional<int> cooldown_seconds;
    std::string metric_aggregation_type;  // Average | Minimum | Maximum
};

struct PolicyAlarm {
    std::string name;
    std::string arn;
};

struct ScalingPolicy {
    std::string name;
    std::string arn;  // arn:aws:autoscaling:<r>:<a>:scalingPolicy:<uuid>:resource/<ns>/<id>:policyName/<name>
    std::string service_namespace;
    std::string resource_id;
    std::string scalable_dimension;
    std::string policy_type;  // TargetTrackingScaling | StepScaling
    std::optional<TargetTrackingConfig> target_tracking;
    std::optional<StepScalingConfig> step_scaling;
    // Target tracking: [AlarmHigh, AlarmLow] (AlarmLow absent with DisableScaleIn). Step scaling: the alarms
    // whose AlarmActions name this policy (filled from CloudWatch when described).
    std::vector<PolicyAlarm> alarms;
    Instant created;
};

struct ScalableTargetAction {
    std::optional<int> min_capacity;
    std::optional<int> max_capacity;
};

struct ScheduledAction {
    std::string name;
    std::string
        arn;  // arn:aws:autoscaling:<r>:<a>:scheduledAction:<uuid>:resource/<ns>/<id>:scheduledActionName/<name>
    std::string service_namespace;
    std::string resource_id;
    std::string scalable_dimension;
    std::string schedule;  // at(yyyy-mm-ddThh:mm:ss) | rate(N unit) | cron(fields)
    std::string timezone;  // UTC when absent
    std::optional<Instant> start_time;
    std::optional<Instant> end_time;
    ScalableTargetAction action;
    Instant created;
    std::optional<Instant> last_fired;  // the scheduled instant it last ran for
};

enum class ActivityStatus { Pending, InProgress, Successful, Overridden, Unfulfilled, Failed };

struct NotScaledReason {
    std::string code;  // AlreadyAtMaxCapacity, AlreadyAtMinCapacity, AlreadyAtDesiredCapacity, ...
    std::optional<int> max_capacity;
    std::optional<int> min_capacity;
    std::optional<int> current_capacity;
};

struct ScalingActivity {
    std::string id;  // uuid
    std::string service_namespace;
    std::string resource_id;
    std::string scalable_dimension;
    std::string description;  // "Setting desired count to 4."
    std::string cause;        // "monitor alarm <name> in state ALARM triggered policy <policy>"
    Instant start;
    std::optional<Instant> end;
    ActivityStatus status = ActivityStatus::Pending;
    std::string status_message;  // set when finished
    std::string details;
    std::vector<NotScaledReason> not_scaled_reasons;  // only on not-scaled activities
    int target_capacity = 0;  // the desired count the activity set (fulfilment is judged against it)
};

const char* to_wire(ActivityStatus status);

}  // namespace ecsemu::core::autoscaling
