#include <catch2/catch.hpp>

#include "emulator/core/cloudwatch/alarm_operations.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::cloudwatch;

namespace {

PutMetricAlarmInput high_cpu() {
    PutMetricAlarmInput input;
    input.name = "high-cpu";
    input.namespace_name = "AWS/ECS";
    input.metric_name = "CPUUtilization";
    input.dimensions = {{"ServiceName", "s"}, {"ClusterName", "c"}};
    input.statistic = "Average";
    input.period_seconds = 60;
    input.evaluation_periods = 3;
    input.threshold = 70;
    input.comparison = "GreaterThanThreshold";
    input.alarm_actions = {"arn:aws:autoscaling:policy"};
    return input;
}

const AlarmScope kScope{"000000000000", "ap-southeast-1", Instant{1'000'000}};

std::string code_of(const Status& status) {
    return status.ok() ? "" : status.error().code;
}

}  // namespace

TEST_CASE("PutMetricAlarm creates INSUFFICIENT_DATA alarms and updates keep the state") {
    CloudWatchState state;
    REQUIRE(put_metric_alarm(state, kScope, high_cpu()).ok());
    const MetricAlarm& alarm = state.alarms.at("high-cpu");
    CHECK(alarm.arn == "arn:aws:cloudwatch:ap-southeast-1:000000000000:alarm:high-cpu");
    CHECK(alarm.state == AlarmState::InsufficientData);
    CHECK(alarm.state_reason.text() == "Unchecked: Initial alarm creation");
    CHECK(alarm.dimensions.size() == 2);

    state.alarms.at("high-cpu").state = AlarmState::Alarm;
    auto input = high_cpu();
    input.threshold = 80;
    const AlarmScope later{kScope.account_id, kScope.region, Instant{2'000'000}};
    REQUIRE(put_metric_alarm(state, later, input).ok());
    CHECK(state.alarms.at("high-cpu").state == AlarmState::Alarm);
    CHECK(state.alarms.at("high-cpu").threshold == 80);
    CHECK(state.alarms.at("high-cpu").configuration_updated == Instant{2'000'000});
}

TEST_CASE("PutMetricAlarm validation") {
    CloudWatchState state;
    auto input = high_cpu();
    SECTION("period") {
        input.period_seconds = 90;
        CHECK(code_of(put_metric_alarm(state, kScope, input)) == "InvalidParameterValue");
        input.period_seconds = 10;
        CHECK(put_metric_alarm(state, kScope, input).ok());
    }
    SECTION("datapoints to alarm") {
        input.datapoints_to_alarm = 4;
        CHECK(code_of(put_metric_alarm(state, kScope, input)) == "ValidationError");
    }
    SECTION("evaluation periods") {
        input.evaluation_periods = 0;
        CHECK(code_of(put_metric_alarm(state, kScope, input)) == "ValidationError");
        input.evaluation_periods.reset();
        CHECK(code_of(put_metric_alarm(state, kScope, input)) == "MissingParameter");
    }
    SECTION("statistic xor extended statistic") {
        input.extended_statistic = "p99";
        CHECK(code_of(put_metric_alarm(state, kScope, input)) == "InvalidParameterCombination");
        input.statistic.reset();
        CHECK(put_metric_alarm(state, kScope, input).ok());
        input.extended_statistic = "median";
        CHECK(code_of(put_metric_alarm(state, kScope, input)) == "InvalidParameterValue");
    }
    SECTION("enumerations") {
        input.comparison = "Bigger";
        CHECK(code_of(put_metric_alarm(state, kScope, input)) == "ValidationError");
        input = high_cpu();
        input.treat_missing_data = "sometimes";
        CHECK(code_of(put_metric_alarm(state, kScope, input)) == "ValidationError");
        input = high_cpu();
        input.unit = "Furlongs";
        CHECK(code_of(put_metric_alarm(state, kScope, input)) == "ValidationError");
    }
    SECTION("name length") {
        input.name = std::string(256, 'a');
        CHECK(code_of(put_metric_alarm(state, kScope, input)) == "ValidationError");
    }
    CHECK(state.alarms.size() <= 1);
}

TEST_CASE("DescribeAlarms filters and pages") {
    CloudWatchState state;
    for (const char* name : {"a-1", "a-2", "b-1"}) {
        auto input = high_cpu();
        input.name = name;
        REQUIRE(put_metric_alarm(state, kScope, input).ok());
    }
    DescribeAlarmsInput query;
    query.alarm_name_prefix = "a-";
    query.max_records = 1;
    auto page = describe_alarms(state, query);
    REQUIRE(page.ok());
    REQUIRE(page->metric_alarms.size() == 1);
    REQUIRE(page->next_token);
    query.next_token = page->next_token;
    page = describe_alarms(state, query);
    REQUIRE(page->metric_alarms.size() == 1);
    CHECK(page->metric_alarms[0]->name == "a-2");
    CHECK_FALSE(page->next_token);

    query = {};
    query.next_token = "garbage";
    CHECK(describe_alarms(state, query).error().code == "InvalidNextToken");
    query = {};
    query.state_value = "INSUFFICIENT_DATA";
    query.action_prefix = "arn:aws:autoscaling";
    CHECK(describe_alarms(state, query)->metric_alarms.size() == 3);
    query.alarm_types = {"CompositeAlarm"};
    CHECK(describe_alarms(state, query)->metric_alarms.empty());

    AlarmsForMetricInput for_metric;
    for_metric.namespace_name = "AWS/ECS";
    for_metric.metric_name = "CPUUtilization";
    for_metric.dimensions = {{"ClusterName", "c"}, {"ServiceName", "s"}};
    CHECK(describe_alarms_for_metric(state, for_metric)->size() == 3);
}

TEST_CASE("DeleteAlarms and SetAlarmState") {
    CloudWatchState state;
    REQUIRE(put_metric_alarm(state, kScope, high_cpu()).ok());
    const auto missing = delete_alarms(state, {"high-cpu", "nope"});
    CHECK(missing.error().code == "ResourceNotFound");
    CHECK(missing.error().http_status == 404);
    CHECK(state.alarms.size() == 1);

    CHECK(set_alarm_state(state, "high-cpu", "ALARM", "testing", std::nullopt, Instant{5}).ok());
    CHECK(state.alarms.at("high-cpu").state == AlarmState::Alarm);
    CHECK(state.alarms.at("high-cpu").state_reason.text() == "testing");
    CHECK(set_alarm_state(state, "nope", "ALARM", "testing", std::nullopt, Instant{5}).error().code ==
          "ResourceNotFound");
    CHECK(delete_alarms(state, {"high-cpu"}).ok());
    CHECK(state.alarms.empty());
}
