#include "emulator/api/cloudwatch/cloudwatch_service.hpp"

#include "emulator/api/cloudwatch/cloudwatch_operations.hpp"
#include "emulator/api/model/input_validator.hpp"
#include "emulator/api/operation_table.hpp"

namespace ecsemu::api::cloudwatch {

namespace {

const OperationTable<OperationContext>& operations() {
    static const OperationTable<OperationContext> table = {
        {"PutMetricAlarm", {put_metric_alarm, true}},
        {"DescribeAlarms", {describe_alarms, false}},
        {"DescribeAlarmsForMetric", {describe_alarms_for_metric, false}},
        {"DeleteAlarms", {delete_alarms, true}},
        {"SetAlarmState", {set_alarm_state, true}},
        {"PutMetricData", {put_metric_data, true}},
        {"GetMetricStatistics", {get_metric_statistics, false}},
        {"GetMetricData", {get_metric_data, false}},
        {"ListMetrics", {list_metrics, false}},
    };
    return table;
}

bool form_encoded(Protocol protocol) {
    return protocol == Protocol::Query || protocol == Protocol::Ec2;
}

}  // namespace

CloudWatchService::CloudWatchService()
    : owned_world_(std::make_unique<core::cloudwatch::CloudWatchWorld>()), world_(*owned_world_) {}

CloudWatchService::CloudWatchService(core::cloudwatch::CloudWatchWorld& world) : world_(world) {}

bool CloudWatchService::mutates(std::string_view operation) const {
    return operations().mutates(operation);
}

ApiResult CloudWatchService::call(const ApiCall& call) {
    const bool form = form_encoded(call.protocol);
    const auto* entry = operations().find(call.operation);
    if (entry == nullptr) {
        if (form) {
            return core::AwsError::client(
                "InvalidAction", "The action " + call.operation + " is not valid for this web service.");
        }
        return core::AwsError::client(
            "UnknownOperationException",
            "ecsemu does not implement the CloudWatch operation " + call.operation + ".");
    }
    const InputValidator& validator =
        form ? cloudwatch_query_input_validator() : cloudwatch_json_input_validator();
    if (auto invalid = validator.validate(call.operation, call.params)) return *invalid;
    static const nlohmann::json empty_object = nlohmann::json::object();
    const nlohmann::json& params = call.params.is_object() ? call.params : empty_object;
    OperationContext ctx{world_.region(call.account_id, call.region), call, Params(params, form)};
    return entry->handler(ctx);
}

}  // namespace ecsemu::api::cloudwatch
