#pragma once
// One handler per CloudWatch operation: read the params (either protocol), run the core operation, encode
// the response for the caller's protocol.
#include "emulator/api/cloudwatch/cloudwatch_params.hpp"
#include "emulator/api/service.hpp"
#include "emulator/core/cloudwatch/cloudwatch_state.hpp"

namespace ecsemu::api::cloudwatch {

struct OperationContext {
    core::cloudwatch::CloudWatchState& state;
    const ApiCall& call;
    Params params;
};

// alarm_handlers.cpp
ApiResult put_metric_alarm(OperationContext& ctx);
ApiResult describe_alarms(OperationContext& ctx);
ApiResult describe_alarms_for_metric(OperationContext& ctx);
ApiResult delete_alarms(OperationContext& ctx);
ApiResult set_alarm_state(OperationContext& ctx);

// metric_handlers.cpp
ApiResult put_metric_data(OperationContext& ctx);
ApiResult get_metric_statistics(OperationContext& ctx);
ApiResult get_metric_data(OperationContext& ctx);
ApiResult list_metrics(OperationContext& ctx);

}  // namespace ecsemu::api::cloudwatch
