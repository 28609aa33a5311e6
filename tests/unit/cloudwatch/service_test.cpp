#include <catch2/catch.hpp>

#include "emulator/api/cloudwatch/cloudwatch_params.hpp"
#include "emulator/api/cloudwatch/cloudwatch_service.hpp"

using nlohmann::json;
using namespace ecsemu;

namespace {

constexpr core::Instant kNow{1'795'687'200'000};  // 2026-11-26T10:00:00Z

api::ApiResult call(api::cloudwatch::CloudWatchService& service, api::Protocol protocol,
                    const char* operation, json params) {
    api::ApiCall c;
    c.service = "monitoring";
    c.operation = operation;
    c.region = "ap-southeast-1";
    c.account_id = "000000000000";
    c.protocol = protocol;
    c.params = std::move(params);
    c.now = kNow;
    c.request_id = "r";
    return service.call(c);
}

const json kJsonAlarm = {{"AlarmName", "high"},
                         {"MetricName", "CPUUtilization"},
                         {"Namespace", "AWS/ECS"},
                         {"Dimensions", {{{"Name", "ClusterName"}, {"Value", "c"}}}},
                         {"Statistic", "Average"},
                         {"Period", 60},
                         {"EvaluationPeriods", 3},
                         {"Threshold", 70},
                         {"ComparisonOperator", "GreaterThanThreshold"}};

const json kQueryAlarm = {{"AlarmName", "high"},
                          {"MetricName", "CPUUtilization"},
                          {"Namespace", "AWS/ECS"},
                          {"Dimensions", {{{"Name", "ClusterName"}, {"Value", "c"}}}},
                          {"Statistic", "Average"},
                          {"Period", "60"},
                          {"EvaluationPeriods", "3"},
                          {"Threshold", "70.0"},
                          {"ComparisonOperator", "GreaterThanThreshold"}};

}  // namespace

TEST_CASE("both protocols create the same alarm and read it back in their own timestamp form") {
    for (const auto protocol : {api::Protocol::Json10, api::Protocol::Query}) {
        api::cloudwatch::CloudWatchService service;
        const bool query = protocol == api::Protocol::Query;
        REQUIRE(call(service, protocol, "PutMetricAlarm", query ? kQueryAlarm : kJsonAlarm).ok());
        const auto described = call(service, protocol, "DescribeAlarms",
                                    query ? json{{"AlarmNames", {"high"}}} : json::object());
        REQUIRE(described.ok());
        const json& alarm = described.value()["MetricAlarms"].at(0);
        CHECK(alarm["AlarmArn"] == "arn:aws:cloudwatch:ap-southeast-1:000000000000:alarm:high");
        CHECK(alarm["StateValue"] == "INSUFFICIENT_DATA");
        CHECK(alarm["Threshold"] == 70.0);
        CHECK(alarm["Period"] == 60);
        if (query) {
            CHECK(alarm["StateUpdatedTimestamp"] == "2026-11-26T10:00:00.000Z");
        } else {
            CHECK(alarm["StateUpdatedTimestamp"] == 1'795'687'200.0);
        }
        CHECK(service.mutates("PutMetricAlarm"));
        CHECK_FALSE(service.mutates("DescribeAlarms"));
    }
}

TEST_CASE("metric data over Query: ISO timestamps, string numbers and map-shaped extended statistics") {
    api::cloudwatch::CloudWatchService service;
    const json datum = {{"MetricName", "Latency"},
                        {"Value", "12.5"},
                        {"Unit", "Milliseconds"},
                        {"Timestamp", "2026-11-26T09:58:10Z"}};
    REQUIRE(call(service, api::Protocol::Query, "PutMetricData",
                 {{"Namespace", "App"}, {"MetricData", json::array({datum})}})
                .ok());
    const auto stats = call(service, api::Protocol::Query, "GetMetricStatistics",
                            {{"Namespace", "App"},
                             {"MetricName", "Latency"},
                             {"StartTime", "2026-11-26T09:50:00Z"},
                             {"EndTime", "2026-11-26T10:00:00Z"},
                             {"Period", "60"},
                             {"ExtendedStatistics", {"p99"}}});
    REQUIRE(stats.ok());
    const json& point = stats.value()["Datapoints"].at(0);
    CHECK(point["Timestamp"] == "2026-11-26T09:58:00.000Z");
    CHECK(point["ExtendedStatistics"] == json::array({{{"key", "p99"}, {"value", 12.5}}}));

    const auto json_stats = call(service, api::Protocol::Json10, "GetMetricStatistics",
                                 {{"Namespace", "App"},
                                  {"MetricName", "Latency"},
                                  {"StartTime", 1'795'686'600},
                                  {"EndTime", 1'795'687'200},
                                  {"Period", 60},
                                  {"Statistics", {"Sum"}}});
    REQUIRE(json_stats.ok());
    CHECK(json_stats.value()["Datapoints"].at(0)["Timestamp"] == 1'795'687'080.0);
    CHECK(json_stats.value()["Datapoints"].at(0)["Sum"] == 12.5);
}

TEST_CASE("errors carry the model's codes") {
    api::cloudwatch::CloudWatchService service;
    auto missing = call(service, api::Protocol::Json10, "PutMetricAlarm", {{"MetricName", "x"}});
    CHECK(missing.error().code == "MissingParameter");
    auto unknown = call(service, api::Protocol::Json10, "DeleteAlarms", {{"AlarmNames", {"nope"}}});
    CHECK(unknown.error().code == "ResourceNotFound");
    CHECK(unknown.error().http_status == 404);
    CHECK(call(service, api::Protocol::Query, "DescribeAlarmHistory", json::object()).error().code ==
          "InvalidAction");
    CHECK(call(service, api::Protocol::Json10, "DescribeAlarmHistory", json::object()).error().code ==
          "UnknownOperationException");
    CHECK(call(service, api::Protocol::Query, "PutMetricAlarm",
               [] {
                   json bad = kQueryAlarm;
                   bad["Period"] = "sixty";
                   return bad;
               }())
              .error()
              .code == "InvalidParameterValue");
    CHECK(call(service, api::Protocol::Query, "GetMetricStatistics",
               {{"Namespace", "App"},
                {"MetricName", "Latency"},
                {"StartTime", "yesterday"},
                {"EndTime", "2026-11-26T10:00:00Z"},
                {"Period", "60"},
                {"Statistics", {"Sum"}}})
              .error()
              .code == "InvalidParameterValue");
}

TEST_CASE("timestamp text") {
    using api::cloudwatch::parse_timestamp_text;
    CHECK(parse_timestamp_text("2026-11-26T10:00:00Z")->epoch_ms == kNow.epoch_ms);
    CHECK(parse_timestamp_text("2026-11-26T10:00:00.250Z")->epoch_ms == kNow.epoch_ms + 250);
    CHECK(parse_timestamp_text("2026-11-26T12:00:00+02:00")->epoch_ms == kNow.epoch_ms);
    CHECK(parse_timestamp_text("1795687200")->epoch_ms == kNow.epoch_ms);
    CHECK_FALSE(parse_timestamp_text("2026-13-01T00:00:00Z"));
    CHECK_FALSE(parse_timestamp_text("soon"));
}
