#pragma once
// A CloudWatch metric alarm as DescribeAlarms shows it. Alarms are set by PutMetricAlarm or made by
// Application Auto Scaling for target-tracking policies; each minute of the clock the alarm evaluator
// (alarm_evaluation.hpp) moves StateValue from the region's MetricStore. Single-metric alarms only (no
// metric-math `Metrics`).
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/cloudwatch/alarm_enums.hpp"
#include "emulator/core/cloudwatch/alarm_reason.hpp"
#include "emulator/core/metrics/metric_store.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::cloudwatch {

struct MetricAlarm {
    std::string name;
    std::string arn;  // arn:aws:cloudwatch:<region>:<account>:alarm:<name>
    std::string description;
    bool actions_enabled = true;
    std::vector<std::string> ok_actions;
    std::vector<std::string> alarm_actions;
    std::vector<std::string> insufficient_data_actions;

    std::string namespace_name;
    std::string metric_name;
    metrics::Dimensions dimensions;
    Statistic statistic = Statistic::Average;
    std::string extended_statistic;  // pNN; evaluated with metric_periods.hpp's percentile estimate
    std::string unit;                // empty when not given
    int period_seconds = 60;
    int evaluation_periods = 1;
    std::optional<int> datapoints_to_alarm;  // M of N; absent means N of N
    double threshold = 0;
    ComparisonOperator comparison = ComparisonOperator::GreaterThanThreshold;
    MissingData treat_missing_data = MissingData::Missing;

    AlarmState state = AlarmState::InsufficientData;
    AlarmReason state_reason{"Unchecked: Initial alarm creation", ""};  // StateReason, StateReasonData
    Instant state_updated;          // StateUpdatedTimestamp / StateTransitionedTimestamp
    Instant configuration_updated;  // AlarmConfigurationUpdatedTimestamp

    // Where the metric store keeps the alarm's series: every alarm is evaluated every minute. Not part of the
    // alarm's configuration or state; an alarm is always built afresh, never given another metric in place.
    mutable metrics::SeriesCache series_cache;
};

const char* to_wire(AlarmState state);
const char* to_wire(ComparisonOperator comparison);
const char* to_wire(Statistic statistic);
const char* to_wire(MissingData missing);
std::optional<AlarmState> alarm_state_from_wire(const std::string& text);
std::optional<ComparisonOperator> comparison_from_wire(const std::string& text);
std::optional<Statistic> statistic_from_wire(const std::string& text);
std::optional<MissingData> missing_data_from_wire(const std::string& text);

// The statistic's value of one period's StatisticSet.
double statistic_value(Statistic statistic, const metrics::StatisticSet& set);

}  // namespace ecsemu::core::cloudwatch
