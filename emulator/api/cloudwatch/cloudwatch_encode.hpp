#pragma once
// CloudWatch's response members for either protocol: the JSON tree botocore's JSON 1.0 parser reads
// (timestamps as epoch seconds) or the tree the Query XML writer serialises (timestamps as ISO 8601 text).
#include <nlohmann/json.hpp>

#include "emulator/api/service.hpp"
#include "emulator/core/cloudwatch/alarm_model.hpp"

namespace ecsemu::api::cloudwatch {

nlohmann::json encode_timestamp(core::Instant instant, Protocol protocol);
nlohmann::json encode_dimensions(const core::metrics::Dimensions& dimensions);
nlohmann::json encode_alarm(const core::cloudwatch::MetricAlarm& alarm, Protocol protocol);

}  // namespace ecsemu::api::cloudwatch
