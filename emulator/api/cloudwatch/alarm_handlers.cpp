#include "emulator/api/cloudwatch/cloudwatch_encode.hpp"
#include "emulator/api/cloudwatch/cloudwatch_operations.hpp"
#include "emulator/core/cloudwatch/alarm_operations.hpp"

namespace ecsemu::api::cloudwatch {

namespace {

using nlohmann::json;
namespace cw = core::cloudwatch;

json encode_alarms(const std::vector<const cw::MetricAlarm*>& alarms, Protocol protocol) {
    json out = json::array();
    for (const auto* alarm : alarms) out.push_back(encode_alarm(*alarm, protocol));
    return out;
}

}  // namespace

ApiResult put_metric_alarm(OperationContext& ctx) {
    const Params& p = ctx.params;
    cw::PutMetricAlarmInput input;
    input.name = p.string("AlarmName").value_or("");
    input.description = p.string("AlarmDescription");
    input.actions_enabled = p.boolean("ActionsEnabled");
    input.ok_actions = p.strings("OKActions");
    input.alarm_actions = p.strings("AlarmActions");
    input.insufficient_data_actions = p.strings("InsufficientDataActions");
    input.namespace_name = p.string("Namespace");
    input.metric_name = p.string("MetricName");
    input.dimensions = p.dimensions("Dimensions");
    input.statistic = p.string("Statistic");
    input.extended_statistic = p.string("ExtendedStatistic");
    input.unit = p.string("Unit");
    input.period_seconds = p.integer("Period");
    input.evaluation_periods = p.integer("EvaluationPeriods");
    input.datapoints_to_alarm = p.integer("DatapointsToAlarm");
    input.threshold = p.number("Threshold");
    input.comparison = p.string("ComparisonOperator");
    input.treat_missing_data = p.string("TreatMissingData");
    input.has_metric_math = !p.list("Metrics").empty() || p.has("ThresholdMetricId");
    const cw::AlarmScope scope{ctx.call.account_id, ctx.call.region, ctx.call.now};
    auto status = cw::put_metric_alarm(ctx.state, scope, input);
    if (!status) return status.error();
    return json();
}

ApiResult describe_alarms(OperationContext& ctx) {
    const Params& p = ctx.params;
    cw::DescribeAlarmsInput input;
    input.alarm_names = p.strings("AlarmNames");
    input.alarm_name_prefix = p.string("AlarmNamePrefix");
    input.alarm_types = p.strings("AlarmTypes");
    input.state_value = p.string("StateValue");
    input.action_prefix = p.string("ActionPrefix");
    input.max_records = p.integer("MaxRecords");
    input.next_token = p.string("NextToken");
    input.children_or_parents = p.has("ChildrenOfAlarmName") || p.has("ParentsOfAlarmName");
    auto page = cw::describe_alarms(ctx.state, input);
    if (!page) return page.error();
    json out{{"MetricAlarms", encode_alarms(page->metric_alarms, ctx.call.protocol)},
             {"CompositeAlarms", json::array()}};
    if (page->next_token) out["NextToken"] = *page->next_token;
    return out;
}

ApiResult describe_alarms_for_metric(OperationContext& ctx) {
    const Params& p = ctx.params;
    cw::AlarmsForMetricInput input;
    input.namespace_name = p.string("Namespace").value_or("");
    input.metric_name = p.string("MetricName").value_or("");
    input.dimensions = p.dimensions("Dimensions");
    input.statistic = p.string("Statistic");
    input.extended_statistic = p.string("ExtendedStatistic");
    input.period_seconds = p.integer("Period");
    input.unit = p.string("Unit");
    auto alarms = cw::describe_alarms_for_metric(ctx.state, input);
    if (!alarms) return alarms.error();
    return json{{"MetricAlarms", encode_alarms(alarms.value(), ctx.call.protocol)}};
}

ApiResult delete_alarms(OperationContext& ctx) {
    auto status = cw::delete_alarms(ctx.state, ctx.params.strings("AlarmNames"));
    if (!status) return status.error();
    return json();
}

ApiResult set_alarm_state(OperationContext& ctx) {
    const Params& p = ctx.params;
    const auto reason_data = p.string("StateReasonData");
    if (reason_data && !reason_data->empty() && !json::accept(*reason_data))
        return core::AwsError::client("InvalidFormat", "StateReasonData is not valid JSON.");
    auto status = cw::set_alarm_state(ctx.state, p.string("AlarmName").value_or(""),
                                      p.string("StateValue").value_or(""),
                                      p.string("StateReason").value_or(""), reason_data, ctx.call.now);
    if (!status) return status.error();
    return json();
}

}  // namespace ecsemu::api::cloudwatch
