#pragma once
// CloudWatch's metric-alarm operations on one region's state: PutMetricAlarm (create or replace the
// configuration, keeping the state of an existing alarm), DescribeAlarms, DescribeAlarmsForMetric,
// DeleteAlarms and SetAlarmState. Each checks everything before it changes anything, so a failed call
// leaves no trace; times come from the caller.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/cloudwatch/cloudwatch_state.hpp"
#include "emulator/core/errors.hpp"

namespace ecsemu::core::cloudwatch {

struct DimensionInput {
    std::string name;
    std::string value;
};

struct PutMetricAlarmInput {
    std::string name;
    std::optional<std::string> description;
    std::optional<bool> actions_enabled;
    std::vector<std::string> ok_actions;
    std::vector<std::string> alarm_actions;
    std::vector<std::string> insufficient_data_actions;
    std::optional<std::string> namespace_name;
    std::optional<std::string> metric_name;
    std::vector<DimensionInput> dimensions;
    std::optional<std::string> statistic;
    std::optional<std::string> extended_statistic;
    std::optional<std::string> unit;
    std::optional<int> period_seconds;
    std::optional<int> evaluation_periods;
    std::optional<int> datapoints_to_alarm;
    std::optional<double> threshold;
    std::optional<std::string> comparison;
    std::optional<std::string> treat_missing_data;
    bool has_metric_math = false;  // Metrics or ThresholdMetricId given
};

struct AlarmScope {
    std::string account_id;
    std::string region;
    Instant now;
};

Status put_metric_alarm(CloudWatchState& state, const AlarmScope& scope, const PutMetricAlarmInput& input);

struct DescribeAlarmsInput {
    std::vector<std::string> alarm_names;
    std::optional<std::string> alarm_name_prefix;
    std::vector<std::string> alarm_types;  // empty: metric alarms only
    std::optional<std::string> state_value;
    std::optional<std::string> action_prefix;
    std::optional<int> max_records;
    std::optional<std::string> next_token;
    bool children_or_parents = false;  // ChildrenOfAlarmName / ParentsOfAlarmName: composite relations
};

struct AlarmPage {
    std::vector<const MetricAlarm*> metric_alarms;
    bool composite_requested = false;
    std::optional<std::string> next_token;
};

Result<AlarmPage> describe_alarms(const CloudWatchState& state, const DescribeAlarmsInput& input);

struct AlarmsForMetricInput {
    std::string namespace_name;
    std::string metric_name;
    std::vector<DimensionInput> dimensions;
    std::optional<std::string> statistic;
    std::optional<std::string> extended_statistic;
    std::optional<int> period_seconds;
    std::optional<std::string> unit;
};

Result<std::vector<const MetricAlarm*>> describe_alarms_for_metric(const CloudWatchState& state,
                                                                   const AlarmsForMetricInput& input);

// ResourceNotFound (404) naming the unknown alarms; nothing is deleted then.
Status delete_alarms(CloudWatchState& state, const std::vector<std::string>& names);

// reason_data must already be valid JSON (the API checks it: InvalidFormat) or empty.
Status set_alarm_state(CloudWatchState& state, const std::string& name, const std::string& state_value,
                       const std::string& reason, const std::optional<std::string>& reason_data, Instant now);

// Dimensions as the store keys them; InvalidParameterValue for a name given twice.
Result<metrics::Dimensions> dimensions_from(const std::vector<DimensionInput>& dimensions,
                                            const std::string& parameter);

}  // namespace ecsemu::core::cloudwatch
