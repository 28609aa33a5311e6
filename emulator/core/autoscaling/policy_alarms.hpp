#pragma once
// The CloudWatch alarms a target-tracking policy owns (reference §6.2), made and removed directly in the
// region's CloudWatchState:
//   TargetTracking-<resource id>-AlarmHigh-<uuid>: GreaterThanThreshold TargetValue, 3 of 3 one-minute
//   periods TargetTracking-<resource id>-AlarmLow-<uuid>:  LessThanThreshold 0.9 x TargetValue, 15 of 15
//   periods
// both with AlarmDescription "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy <PolicyARN>:createdBy/
// <uuid>." and AlarmActions [<PolicyARN>:createdBy/<uuid>], TreatMissingData missing, INSUFFICIENT_DATA at
// first. Each alarm draws its own two uuids (name, createdBy).
//
// Open question (reference §9.5): whether DisableScaleIn=true still makes the Low alarm. It is not made
// here, since nothing would act on it.
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/autoscaling/autoscaling_model.hpp"
#include "emulator/core/cloudwatch/alarm_model.hpp"
#include "emulator/core/cloudwatch/cloudwatch_state.hpp"
#include "emulator/core/ids.hpp"

namespace ecsemu::core::autoscaling {

// Share of TargetValue the Low alarm's threshold is (70 -> 63).
inline constexpr double kScaleInThresholdRatio = 0.9;
inline constexpr int kHighAlarmPeriods = 3;
inline constexpr int kLowAlarmPeriods = 15;

// The alarms for `policy` (its arn, resource id and target-tracking config set), High first.
std::vector<cloudwatch::MetricAlarm> target_tracking_alarms(const ScalingPolicy& policy,
                                                            const std::string& account_id,
                                                            const std::string& region, Instant now,
                                                            IdSource& ids);

// Adds the policy's alarms to CloudWatch and records them (name, ARN) in policy.alarms, in the order given:
// the scaling controller finds a target-tracking policy's High and Low alarms by their place.
void install_alarms(cloudwatch::CloudWatchState& cloudwatch, ScalingPolicy& policy,
                    std::vector<cloudwatch::MetricAlarm> alarms);
// Deletes the alarms a target-tracking policy owns (policy.alarms) from CloudWatch and forgets them.
void remove_alarms(cloudwatch::CloudWatchState& cloudwatch, ScalingPolicy& policy);

// CloudWatch's wire names of a statistic; nothing for an unknown one.
std::optional<cloudwatch::Statistic> parse_statistic(const std::string& text);

}  // namespace ecsemu::core::autoscaling
