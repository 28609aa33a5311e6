#include "emulator/core/cloudwatch/alarm_operations.hpp"

#include <algorithm>

#include "emulator/core/cloudwatch/cloudwatch_errors.hpp"
#include "emulator/core/cloudwatch/metric_periods.hpp"
#include "emulator/core/cloudwatch/standard_units.hpp"

namespace ecsemu::core::cloudwatch {

namespace {

constexpr std::size_t kMaxActions = 5;
constexpr std::size_t kMaxDimensions = 30;
constexpr std::size_t kMaxNameLength = 255;
constexpr std::size_t kMaxDescriptionLength = 1024;
constexpr int kDefaultMaxRecords = 50;
constexpr std::string_view kAlarmTokenPrefix = "alarm-after:";

const std::vector<std::string> kStatistics = {"SampleCount", "Average", "Sum", "Minimum", "Maximum"};
const std::vector<std::string> kComparisons = {"GreaterThanOrEqualToThreshold",
                                               "GreaterThanThreshold",
                                               "LessThanThreshold",
                                               "LessThanOrEqualToThreshold",
                                               "LessThanLowerOrGreaterThanUpperThreshold",
                                               "LessThanLowerThreshold",
                                               "GreaterThanUpperThreshold"};
const std::vector<std::string> kStates = {"OK", "ALARM", "INSUFFICIENT_DATA"};
const std::vector<std::string> kAlarmTypes = {"CompositeAlarm", "MetricAlarm"};

std::optional<AwsError> check_length(std::string_view path, const std::string& value, std::size_t min,
                                     std::size_t max) {
    if (value.size() < min)
        return validation_error(path, value,
                                "Member must have length greater than or equal to " + std::to_string(min));
    if (value.size() > max)
        return validation_error(path, value,
                                "Member must have length less than or equal to " + std::to_string(max));
    return std::nullopt;
}

std::optional<AwsError> check_actions(std::string_view path, const std::vector<std::string>& actions) {
    if (actions.size() <= kMaxActions) return std::nullopt;
    std::string listed = "[";
    for (const auto& action : actions) listed += (listed.size() > 1 ? ", " : "") + action;
    return validation_error(path, listed + "]", "Member must have length less than or equal to 5");
}

// Everything PutMetricAlarm checks about the metric and the threshold, in the order CloudWatch reports it.
Result<MetricAlarm> configured_alarm(const PutMetricAlarmInput& input) {
    MetricAlarm alarm;
    if (auto error = check_length("alarmName", input.name, 1, kMaxNameLength)) return *error;
    if (input.description) {
        if (auto error = check_length("alarmDescription", *input.description, 0, kMaxDescriptionLength))
            return *error;
    }
    if (auto error = check_actions("oKActions", input.ok_actions)) return *error;
    if (auto error = check_actions("alarmActions", input.alarm_actions)) return *error;
    if (auto error = check_actions("insufficientDataActions", input.insufficient_data_actions)) return *error;
    if (input.has_metric_math) {
        return invalid_parameter(
            "ecsemu serves single-metric alarms only: Metrics and ThresholdMetricId are not supported.");
    }
    if (!input.metric_name) return missing_parameter("MetricName");
    if (!input.namespace_name) return missing_parameter("Namespace");
    if (auto error = check_length("metricName", *input.metric_name, 1, kMaxNameLength)) return *error;
    if (auto error = check_length("namespace", *input.namespace_name, 1, kMaxNameLength)) return *error;
    if (input.statistic && input.extended_statistic)
        return mutually_exclusive("Statistic", "ExtendedStatistic");
    if (!input.statistic && !input.extended_statistic) {
        return AwsError::client("MissingParameter",
                                "The parameter Statistic or ExtendedStatistic is required.");
    }
    if (input.statistic) {
        const auto statistic = statistic_from_wire(*input.statistic);
        if (!statistic) return enum_error("statistic", *input.statistic, kStatistics);
        alarm.statistic = *statistic;
    } else {
        if (!percentile_of(*input.extended_statistic))
            return invalid_value("ExtendedStatistic", *input.extended_statistic);
        alarm.extended_statistic = *input.extended_statistic;
    }
    if (!input.period_seconds) return missing_parameter("Period");
    const int period = *input.period_seconds;
    if (period < 1)
        return validation_error("period", std::to_string(period),
                                "Member must have value greater than or equal to 1");
    if (!(period == 10 || period == 20 || period == 30 || period % 60 == 0)) {
        return invalid_parameter("The parameter Period must be 10, 20, 30, or a multiple of 60.");
    }
    if (!input.evaluation_periods) return missing_parameter("EvaluationPeriods");
    const int evaluation_periods = *input.evaluation_periods;
    if (evaluation_periods < 1) {
        return validation_error("evaluationPeriods", std::to_string(evaluation_periods),
                                "Member must have value greater than or equal to 1");
    }
    if (input.datapoints_to_alarm) {
        if (*input.datapoints_to_alarm < 1) {
            return validation_error("datapointsToAlarm", std::to_string(*input.datapoints_to_alarm),
                                    "Member must have value greater than or equal to 1");
        }
        if (*input.datapoints_to_alarm > evaluation_periods) {
            return AwsError::client("ValidationError",
                                    "DatapointsToAlarm must be less than or equal to EvaluationPeriods.");
        }
    }
    // One day of evaluation for periods under an hour, seven days for longer ones.
    const long long span = static_cast<long long>(period) * evaluation_periods;
    if (span > (period < 3600 ? 86'400LL : 604'800LL)) {
        return AwsError::client(
            "ValidationError", period < 3600
                                   ? "Metrics cannot be checked across more than a day (EvaluationPeriods * "
                                     "Period must be <= 86400)."
                                   : "Metrics cannot be checked across more than 7 days (EvaluationPeriods * "
                                     "Period must be <= 604800).");
    }
    if (!input.threshold) return missing_parameter("Threshold");
    if (!input.comparison) return missing_parameter("ComparisonOperator");
    const auto comparison = comparison_from_wire(*input.comparison);
    if (!comparison) {
        if (std::find(kComparisons.begin(), kComparisons.end(), *input.comparison) == kComparisons.end())
            return enum_error("comparisonOperator", *input.comparison, kComparisons);
        return invalid_parameter("ecsemu serves static-threshold alarms only: ComparisonOperator " +
                                 *input.comparison + " needs an anomaly detection band.");
    }
    if (input.treat_missing_data && !missing_data_from_wire(*input.treat_missing_data)) {
        return AwsError::client("ValidationError", "Option " + *input.treat_missing_data +
                                                       " is not supported. Supported options for parameter "
                                                       "TreatMissingData are: missing, ignore, breaching and "
                                                       "notBreaching.");
    }
    if (input.unit && !is_standard_unit(*input.unit))
        return enum_error("unit", *input.unit, standard_units());
    if (input.dimensions.size() > kMaxDimensions) {
        return validation_error("dimensions", std::to_string(input.dimensions.size()) + " dimensions",
                                "Member must have length less than or equal to 30");
    }
    auto dimensions = dimensions_from(input.dimensions, "Dimensions");
    if (!dimensions) return dimensions.error();

    alarm.name = input.name;
    alarm.description = input.description.value_or("");
    alarm.actions_enabled = input.actions_enabled.value_or(true);
    alarm.ok_actions = input.ok_actions;
    alarm.alarm_actions = input.alarm_actions;
    alarm.insufficient_data_actions = input.insufficient_data_actions;
    alarm.namespace_name = *input.namespace_name;
    alarm.metric_name = *input.metric_name;
    alarm.dimensions = std::move(dimensions.value());
    alarm.unit = input.unit.value_or("");
    alarm.period_seconds = period;
    alarm.evaluation_periods = evaluation_periods;
    alarm.datapoints_to_alarm = input.datapoints_to_alarm;
    alarm.threshold = *input.threshold;
    alarm.comparison = *comparison;
    alarm.treat_missing_data =
        input.treat_missing_data ? *missing_data_from_wire(*input.treat_missing_data) : MissingData::Missing;
    return alarm;
}

bool has_action_with_prefix(const MetricAlarm& alarm, const std::string& prefix) {
    for (const auto* actions : {&alarm.ok_actions, &alarm.alarm_actions, &alarm.insufficient_data_actions}) {
        for (const auto& action : *actions)
            if (action.rfind(prefix, 0) == 0) return true;
    }
    return false;
}

bool selected(const MetricAlarm& alarm, const DescribeAlarmsInput& input) {
    if (!input.alarm_names.empty() &&
        std::find(input.alarm_names.begin(), input.alarm_names.end(), alarm.name) == input.alarm_names.end())
        return false;
    if (input.alarm_name_prefix && alarm.name.rfind(*input.alarm_name_prefix, 0) != 0) return false;
    if (input.state_value && *input.state_value != to_wire(alarm.state)) return false;
    if (input.action_prefix && !has_action_with_prefix(alarm, *input.action_prefix)) return false;
    return true;
}

}  // namespace

Result<metrics::Dimensions> dimensions_from(const std::vector<DimensionInput>& dimensions,
                                            const std::string& parameter) {
    metrics::Dimensions out;
    for (std::size_t i = 0; i < dimensions.size(); ++i) {
        const auto& dimension = dimensions[i];
        if (dimension.name.empty() || dimension.name.size() > kMaxNameLength)
            return invalid_value(member_path(parameter, i) + ".Name", dimension.name);
        if (dimension.value.empty() || dimension.value.size() > 1024)
            return invalid_value(member_path(parameter, i) + ".Value", dimension.value);
        if (!out.emplace(dimension.name, dimension.value).second) {
            return invalid_parameter(
                "No metric may have the same dimension name more than once: " + dimension.name + ".");
        }
    }
    return out;
}

Status put_metric_alarm(CloudWatchState& state, const AlarmScope& scope, const PutMetricAlarmInput& input) {
    auto configured = configured_alarm(input);
    if (!configured) return configured.error();
    MetricAlarm alarm = std::move(configured.value());
    alarm.arn = alarm_arn(scope.account_id, scope.region, alarm.name);
    alarm.configuration_updated = scope.now;
    if (const MetricAlarm* existing = state.find_alarm(alarm.name)) {
        // A configuration update keeps the alarm's state until the next evaluation moves it.
        alarm.state = existing->state;
        alarm.state_reason = existing->state_reason;
        alarm.state_updated = existing->state_updated;
    } else {
        alarm.state_updated = scope.now;
    }
    state.alarms.insert_or_assign(alarm.name, std::move(alarm));
    return Ok{};
}

Result<AlarmPage> describe_alarms(const CloudWatchState& state, const DescribeAlarmsInput& input) {
    if (!input.alarm_names.empty() && input.alarm_name_prefix)
        return mutually_exclusive("AlarmNames", "AlarmNamePrefix");
    if (input.alarm_names.size() > 100) {
        return validation_error("alarmNames", std::to_string(input.alarm_names.size()) + " names",
                                "Member must have length less than or equal to 100");
    }
    AlarmPage page;
    bool metric_requested = input.alarm_types.empty();
    for (std::size_t i = 0; i < input.alarm_types.size(); ++i) {
        const auto& type = input.alarm_types[i];
        if (type == "MetricAlarm") {
            metric_requested = true;
        } else if (type == "CompositeAlarm") {
            page.composite_requested = true;
        } else {
            return enum_error("alarmTypes." + std::to_string(i + 1) + ".member", type, kAlarmTypes);
        }
    }
    if (input.state_value && !alarm_state_from_wire(*input.state_value))
        return enum_error("stateValue", *input.state_value, kStates);
    const int max_records = input.max_records.value_or(kDefaultMaxRecords);
    if (max_records < 1 || max_records > 100) {
        return validation_error("maxRecords", std::to_string(max_records),
                                max_records < 1 ? "Member must have value greater than or equal to 1"
                                                : "Member must have value less than or equal to 100");
    }
    auto it = state.alarms.begin();
    if (input.next_token) {
        if (input.next_token->rfind(kAlarmTokenPrefix, 0) != 0) return invalid_next_token();
        it = state.alarms.upper_bound(input.next_token->substr(kAlarmTokenPrefix.size()));
    }
    // Metric alarms do not belong to composite relations, and no composite alarms exist.
    if (!metric_requested || input.children_or_parents) return page;
    for (; it != state.alarms.end(); ++it) {
        if (!selected(it->second, input)) continue;
        if (static_cast<int>(page.metric_alarms.size()) == max_records) {
            page.next_token = std::string(kAlarmTokenPrefix) + page.metric_alarms.back()->name;
            break;
        }
        page.metric_alarms.push_back(&it->second);
    }
    return page;
}

Result<std::vector<const MetricAlarm*>> describe_alarms_for_metric(const CloudWatchState& state,
                                                                   const AlarmsForMetricInput& input) {
    auto dimensions = dimensions_from(input.dimensions, "Dimensions");
    if (!dimensions) return dimensions.error();
    if (input.statistic && !statistic_from_wire(*input.statistic))
        return enum_error("statistic", *input.statistic, kStatistics);
    std::vector<const MetricAlarm*> out;
    for (const auto& [name, alarm] : state.alarms) {
        if (alarm.namespace_name != input.namespace_name || alarm.metric_name != input.metric_name) continue;
        if (alarm.dimensions != dimensions.value()) continue;
        if (input.statistic &&
            (!alarm.extended_statistic.empty() || *input.statistic != to_wire(alarm.statistic)))
            continue;
        if (input.extended_statistic && *input.extended_statistic != alarm.extended_statistic) continue;
        if (input.period_seconds && *input.period_seconds != alarm.period_seconds) continue;
        if (input.unit && *input.unit != alarm.unit) continue;
        out.push_back(&alarm);
    }
    return out;
}

Status delete_alarms(CloudWatchState& state, const std::vector<std::string>& names) {
    if (names.size() > 100) {
        return validation_error("alarmNames", std::to_string(names.size()) + " names",
                                "Member must have length less than or equal to 100");
    }
    std::string unknown;
    for (const auto& name : names) {
        if (state.find_alarm(name) == nullptr) unknown += (unknown.empty() ? "" : ", ") + name;
    }
    if (!unknown.empty()) return resource_not_found("Alarm(s) not found: [" + unknown + "]");
    for (const auto& name : names) state.alarms.erase(name);
    return Ok{};
}

Status set_alarm_state(CloudWatchState& state, const std::string& name, const std::string& state_value,
                       const std::string& reason, const std::optional<std::string>& reason_data,
                       Instant now) {
    const auto new_state = alarm_state_from_wire(state_value);
    if (!new_state) return enum_error("stateValue", state_value, kStates);
    if (auto error = check_length("stateReason", reason, 0, 1023)) return *error;
    if (reason_data) {
        if (auto error = check_length("stateReasonData", *reason_data, 0, 4000)) return *error;
    }
    MetricAlarm* alarm = state.find_alarm(name);
    if (alarm == nullptr) return resource_not_found("Alarm " + name + " not found");
    if (alarm->state != *new_state) alarm->state_updated = now;
    alarm->state = *new_state;
    alarm->state_reason = AlarmReason(reason, reason_data.value_or(""));
    return Ok{};
}

}  // namespace ecsemu::core::cloudwatch
