#include "emulator/api/cloudwatch/cloudwatch_encode.hpp"

#include "emulator/api/wire/timestamp_text.hpp"

namespace ecsemu::api::cloudwatch {

using nlohmann::json;

json encode_timestamp(core::Instant instant, Protocol protocol) {
    if (protocol == Protocol::Query || protocol == Protocol::Ec2) return iso8601_utc(instant);
    return instant.epoch_seconds();
}

json encode_dimensions(const core::metrics::Dimensions& dimensions) {
    json out = json::array();
    for (const auto& [name, value] : dimensions) out.push_back({{"Name", name}, {"Value", value}});
    return out;
}

json encode_alarm(const core::cloudwatch::MetricAlarm& alarm, Protocol protocol) {
    json out{{"AlarmName", alarm.name},
             {"AlarmArn", alarm.arn},
             {"AlarmConfigurationUpdatedTimestamp", encode_timestamp(alarm.configuration_updated, protocol)},
             {"ActionsEnabled", alarm.actions_enabled},
             {"OKActions", alarm.ok_actions},
             {"AlarmActions", alarm.alarm_actions},
             {"InsufficientDataActions", alarm.insufficient_data_actions},
             {"StateValue", to_wire(alarm.state)},
             {"StateReason", alarm.state_reason.text()},
             {"StateUpdatedTimestamp", encode_timestamp(alarm.state_updated, protocol)},
             {"StateTransitionedTimestamp", encode_timestamp(alarm.state_updated, protocol)},
             {"MetricName", alarm.metric_name},
             {"Namespace", alarm.namespace_name},
             {"Dimensions", encode_dimensions(alarm.dimensions)},
             {"Period", alarm.period_seconds},
             {"EvaluationPeriods", alarm.evaluation_periods},
             {"Threshold", alarm.threshold},
             {"ComparisonOperator", to_wire(alarm.comparison)},
             {"TreatMissingData", to_wire(alarm.treat_missing_data)}};
    if (!alarm.description.empty()) out["AlarmDescription"] = alarm.description;
    if (!alarm.state_reason.data().empty()) out["StateReasonData"] = alarm.state_reason.data();
    if (alarm.extended_statistic.empty()) {
        out["Statistic"] = to_wire(alarm.statistic);
    } else {
        out["ExtendedStatistic"] = alarm.extended_statistic;
    }
    if (!alarm.unit.empty()) out["Unit"] = alarm.unit;
    if (alarm.datapoints_to_alarm) out["DatapointsToAlarm"] = *alarm.datapoints_to_alarm;
    return out;
}

}  // namespace ecsemu::api::cloudwatch
