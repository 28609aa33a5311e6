#include "emulator/core/autoscaling/policy_alarms.hpp"

#include <cmath>
#include <optional>
#include <utility>

#include "emulator/core/cloudwatch/cloudwatch_state.hpp"

namespace ecsemu::core::autoscaling {

namespace {

cloudwatch::MetricAlarm make_alarm(const ScalingPolicy& policy, const TargetTrackingConfig& config,
                                   const char* kind, const std::string& account_id, const std::string& region,
                                   Instant now, IdSource& ids) {
    cloudwatch::MetricAlarm alarm;
    alarm.name = "TargetTracking-" + policy.resource_id + "-" + kind + "-" + ids.uuid();
    alarm.arn = cloudwatch::alarm_arn(account_id, region, alarm.name);
    const std::string action = policy.arn + ":createdBy/" + ids.uuid();
    alarm.description = "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + action + ".";
    alarm.alarm_actions = {action};
    alarm.namespace_name = config.metric.namespace_name;
    alarm.metric_name = config.metric.metric_name;
    alarm.dimensions = config.metric.dimensions;
    alarm.statistic = parse_statistic(config.metric.statistic).value_or(cloudwatch::Statistic::Average);
    alarm.unit = config.metric.unit;
    alarm.period_seconds = 60;
    alarm.treat_missing_data = cloudwatch::MissingData::Missing;
    alarm.state = cloudwatch::AlarmState::InsufficientData;
    alarm.state_updated = now;
    alarm.configuration_updated = now;
    return alarm;
}

}  // namespace

std::optional<cloudwatch::Statistic> parse_statistic(const std::string& text) {
    if (text == "Average") return cloudwatch::Statistic::Average;
    if (text == "Sum") return cloudwatch::Statistic::Sum;
    if (text == "Minimum") return cloudwatch::Statistic::Minimum;
    if (text == "Maximum") return cloudwatch::Statistic::Maximum;
    if (text == "SampleCount") return cloudwatch::Statistic::SampleCount;
    return std::nullopt;
}

std::vector<cloudwatch::MetricAlarm> target_tracking_alarms(const ScalingPolicy& policy,
                                                            const std::string& account_id,
                                                            const std::string& region, Instant now,
                                                            IdSource& ids) {
    std::vector<cloudwatch::MetricAlarm> alarms;
    if (!policy.target_tracking) return alarms;
    const TargetTrackingConfig& config = *policy.target_tracking;

    cloudwatch::MetricAlarm high = make_alarm(policy, config, "AlarmHigh", account_id, region, now, ids);
    high.evaluation_periods = kHighAlarmPeriods;
    high.comparison = cloudwatch::ComparisonOperator::GreaterThanThreshold;
    high.threshold = config.target_value;
    alarms.push_back(std::move(high));

    if (!config.disable_scale_in) {
        cloudwatch::MetricAlarm low = make_alarm(policy, config, "AlarmLow", account_id, region, now, ids);
        low.evaluation_periods = kLowAlarmPeriods;
        low.comparison = cloudwatch::ComparisonOperator::LessThanThreshold;
        // Rounded to a millionth so 70 x 0.9 shows as 63, as AWS shows it.
        low.threshold = std::round(config.target_value * kScaleInThresholdRatio * 1e6) / 1e6;
        alarms.push_back(std::move(low));
    }
    return alarms;
}

void install_alarms(cloudwatch::CloudWatchState& cloudwatch, ScalingPolicy& policy,
                    std::vector<cloudwatch::MetricAlarm> alarms) {
    for (cloudwatch::MetricAlarm& alarm : alarms) {
        policy.alarms.push_back(PolicyAlarm{alarm.name, alarm.arn});
        std::string name = alarm.name;
        cloudwatch.alarms.insert_or_assign(std::move(name), std::move(alarm));
    }
}

void remove_alarms(cloudwatch::CloudWatchState& cloudwatch, ScalingPolicy& policy) {
    if (policy.policy_type == "TargetTrackingScaling") {
        for (const PolicyAlarm& alarm : policy.alarms) cloudwatch.alarms.erase(alarm.name);
    }
    policy.alarms.clear();
}

}  // namespace ecsemu::core::autoscaling
