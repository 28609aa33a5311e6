#include <catch2/catch.hpp>

#include "emulator/core/cloudwatch/alarm_evaluation.hpp"
#include "emulator/core/cloudwatch/cloudwatch_text.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::cloudwatch;

namespace {

// 2026-11-26T10:00:00Z
constexpr Instant kTen{1'795'687'200'000};

Instant at_minute(int minute) {
    return kTen + Duration::minutes(minute);
}

const metrics::MetricKey kCpu{"AWS/ECS", "CPUUtilization", {{"ClusterName", "c"}, {"ServiceName", "s"}}};

MetricAlarm cpu_alarm(ComparisonOperator comparison, double threshold, int periods) {
    MetricAlarm alarm;
    alarm.name = "cpu";
    alarm.namespace_name = kCpu.namespace_name;
    alarm.metric_name = kCpu.metric_name;
    alarm.dimensions = kCpu.dimensions;
    alarm.unit = "Percent";
    alarm.comparison = comparison;
    alarm.threshold = threshold;
    alarm.evaluation_periods = periods;
    return alarm;
}

void put(CloudWatchState& state, int minute, double value) {
    state.metrics.put(kCpu, at_minute(minute) + Duration::seconds(30), value, "Percent");
}

}  // namespace

TEST_CASE("three breaching one-minute datapoints raise the high alarm at the third") {
    CloudWatchState state;
    state.alarms["cpu"] = cpu_alarm(ComparisonOperator::GreaterThanThreshold, 70, 3);
    put(state, 0, 30);
    put(state, 1, 30);
    put(state, 2, 30);
    auto transitions = evaluate_alarms(state, at_minute(3));
    REQUIRE(transitions.size() == 1);
    CHECK(transitions[0].to == AlarmState::Ok);

    put(state, 3, 85);
    CHECK(evaluate_alarms(state, at_minute(4)).empty());
    put(state, 4, 84);
    CHECK(evaluate_alarms(state, at_minute(5)).empty());
    put(state, 5, 86);
    transitions = evaluate_alarms(state, at_minute(6));
    REQUIRE(transitions.size() == 1);
    CHECK(transitions[0].from == AlarmState::Ok);
    CHECK(transitions[0].to == AlarmState::Alarm);
    const MetricAlarm& alarm = state.alarms.at("cpu");
    CHECK(
        alarm.state_reason.text() ==
        "Threshold Crossed: 3 datapoints [86.0 (26/11/26 10:05:00), 84.0 (26/11/26 10:04:00), 85.0 (26/11/26 "
        "10:03:00)] were greater than the threshold (70.0).");
    CHECK(alarm.state_updated == at_minute(6));
    CHECK(alarm.state_reason.data().find("\"recentDatapoints\":[85.0,84.0,86.0]") != std::string::npos);
    CHECK(alarm.state_reason.data().find("\"startDate\":\"2026-11-26T10:03:00.000+0000\"") !=
          std::string::npos);
    CHECK(evaluate_alarm(alarm, state.metrics, at_minute(6)).latest_value == Approx(86));
}

TEST_CASE("the 15-period low alarm needs fifteen low datapoints") {
    CloudWatchState state;
    state.alarms["cpu"] = cpu_alarm(ComparisonOperator::LessThanThreshold, 63, 15);
    put(state, 0, 80);
    CHECK(evaluate_alarms(state, at_minute(1)).at(0).to == AlarmState::Ok);
    for (int minute = 1; minute <= 15; ++minute) {
        put(state, minute, 20);
        const auto transitions = evaluate_alarms(state, at_minute(minute + 1));
        if (minute < 15) {
            CHECK(transitions.empty());
        } else {
            REQUIRE(transitions.size() == 1);
            CHECK(transitions[0].to == AlarmState::Alarm);
        }
    }
    CHECK(state.alarms.at("cpu").state_reason.text().rfind(
              "Threshold Crossed: 15 datapoints [20.0 (26/11/26 10:15:00)", 0) == 0);
}

TEST_CASE("missing data") {
    MetricAlarm alarm = cpu_alarm(ComparisonOperator::GreaterThanThreshold, 70, 3);
    metrics::MetricStore empty;
    SECTION("all missing, treated as missing: INSUFFICIENT_DATA") {
        alarm.state = AlarmState::Ok;
        const auto evaluation = evaluate_alarm(alarm, empty, at_minute(3));
        CHECK(evaluation.state == AlarmState::InsufficientData);
        CHECK(evaluation.reason.text() ==
              "Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were "
              "treated as [Missing].");
        CHECK(evaluation.reason.data().find("\"recentDatapoints\":[]") != std::string::npos);
        CHECK_FALSE(evaluation.latest_value);
    }
    SECTION("breaching and notBreaching") {
        alarm.treat_missing_data = MissingData::Breaching;
        CHECK(evaluate_alarm(alarm, empty, at_minute(3)).state == AlarmState::Alarm);
        alarm.treat_missing_data = MissingData::NotBreaching;
        const auto evaluation = evaluate_alarm(alarm, empty, at_minute(3));
        CHECK(evaluation.state == AlarmState::Ok);
        CHECK(evaluation.reason.text().find("treated as [NonBreaching].") != std::string::npos);
    }
    SECTION("ignore keeps the state") {
        alarm.treat_missing_data = MissingData::Ignore;
        alarm.state = AlarmState::Alarm;
        CHECK(evaluate_alarm(alarm, empty, at_minute(3)).state == AlarmState::Alarm);
    }
    SECTION("a missing newest period keeps ALARM while it could still breach") {
        CloudWatchState state;
        state.alarms["cpu"] = alarm;
        put(state, 0, 90);
        put(state, 1, 90);
        put(state, 2, 90);
        CHECK(evaluate_alarms(state, at_minute(3)).at(0).to == AlarmState::Alarm);
        CHECK(evaluate_alarms(state, at_minute(4)).empty());
        put(state, 4, 10);
        CHECK(evaluate_alarms(state, at_minute(5)).at(0).to == AlarmState::Ok);
    }
}

TEST_CASE("M of N alarms") {
    CloudWatchState state;
    MetricAlarm alarm = cpu_alarm(ComparisonOperator::GreaterThanOrEqualToThreshold, 70, 3);
    alarm.datapoints_to_alarm = 2;
    state.alarms["cpu"] = alarm;
    put(state, 0, 75);
    put(state, 1, 10);
    put(state, 2, 70);
    REQUIRE(evaluate_alarms(state, at_minute(3)).at(0).to == AlarmState::Alarm);
    CHECK(state.alarms.at("cpu").state_reason.text() ==
          "Threshold Crossed: 2 out of the last 3 datapoints [70.0 (26/11/26 10:02:00), 75.0 (26/11/26 "
          "10:00:00)] "
          "were greater than or equal to the threshold (70.0) (minimum 2 datapoints for OK -> ALARM "
          "transition).");
    put(state, 3, 10);
    put(state, 4, 10);
    REQUIRE(evaluate_alarms(state, at_minute(5)).at(0).to == AlarmState::Ok);
    CHECK(state.alarms.at("cpu").state_reason.text().find(
              "(minimum 2 datapoints for ALARM -> OK transition).") != std::string::npos);
}

TEST_CASE("longer periods aggregate one-minute buckets") {
    CloudWatchState state;
    MetricAlarm alarm = cpu_alarm(ComparisonOperator::GreaterThanThreshold, 50, 1);
    alarm.period_seconds = 300;
    alarm.statistic = Statistic::Maximum;
    state.alarms["cpu"] = alarm;
    put(state, 0, 10);
    put(state, 3, 60);
    put(state, 4, 20);
    // The period 10:00-10:05 is complete only at 10:05.
    CHECK(evaluate_alarm(state.alarms.at("cpu"), state.metrics, at_minute(4)).state ==
          AlarmState::InsufficientData);
    const auto evaluation = evaluate_alarm(state.alarms.at("cpu"), state.metrics, at_minute(5));
    CHECK(evaluation.state == AlarmState::Alarm);
    CHECK(evaluation.latest_value == Approx(60));
}

TEST_CASE("CloudWatch's number and time text") {
    CHECK(java_double_text(70) == "70.0");
    CHECK(java_double_text(0.9) == "0.9");
    CHECK(java_double_text(63.5) == "63.5");
    CHECK(java_double_text(1e7) == "1.0E7");
    CHECK(java_double_text(0.0001) == "1.0E-4");
    // Whole numbers up to the scientific form's edge, either sign.
    CHECK(java_double_text(1) == "1.0");
    CHECK(java_double_text(-3) == "-3.0");
    CHECK(java_double_text(9'999'999) == "9999999.0");
    CHECK(java_double_text(-9'999'999) == "-9999999.0");
    CHECK(java_double_text(-1e7) == "-1.0E7");
    CHECK(java_double_text(12.000001) == "12.000001");
    CHECK(java_double_text(-0.5) == "-0.5");
    CHECK(reason_time_text(at_minute(3)) == "26/11/26 10:03:00");
    CHECK(reason_data_time_text(at_minute(3)) == "2026-11-26T10:03:00.000+0000");
    // Appended after what the text already holds.
    std::string appended = "at ";
    append_reason_time_text(appended, at_minute(3));
    append_reason_data_time_text(appended, at_minute(3));
    CHECK(appended == "at 26/11/26 10:03:002026-11-26T10:03:00.000+0000");
    // Every field padded: the first millisecond of 2001 and the last of 2009.
    CHECK(reason_time_text(Instant{978'307'200'001}) == "01/01/01 00:00:00");
    CHECK(reason_data_time_text(Instant{978'307'200'001}) == "2001-01-01T00:00:00.001+0000");
    CHECK(reason_time_text(Instant{1'262'303'999'999}) == "31/12/09 23:59:59");
    CHECK(reason_data_time_text(Instant{1'262'303'999'999}) == "2009-12-31T23:59:59.999+0000");
    // A year past four digits is written whole, as "%04d" writes it, and the fields after it follow.
    CHECK(reason_data_time_text(Instant{253'402'300'800'000}) == "10000-01-01T00:00:00.000+0000");
    CHECK(reason_time_text(Instant{253'402'300'800'000}) == "01/01/00 00:00:00");
}

TEST_CASE("a reason reads as at its transition, whenever it is first read") {
    CloudWatchState state;
    state.alarms["cpu"] = cpu_alarm(ComparisonOperator::GreaterThanThreshold, 70, 1);
    put(state, 0, 85);
    REQUIRE(evaluate_alarms(state, at_minute(1)).size() == 1);
    const AlarmReason copied = state.alarms.at("cpu").state_reason;  // before either is read

    // Reconfigured and fed new data before anyone reads the reason: it still names what moved the alarm.
    MetricAlarm& alarm = state.alarms.at("cpu");
    alarm.threshold = 90;
    alarm.comparison = ComparisonOperator::LessThanThreshold;
    alarm.unit = "Count";
    put(state, 1, 10);
    const std::string expected =
        "Threshold Crossed: 1 datapoint [85.0 (26/11/26 10:00:00)] was greater than the threshold (70.0).";
    CHECK(alarm.state_reason.text() == expected);
    CHECK(alarm.state_reason.data() ==
          "{\"version\":\"1.0\",\"queryDate\":\"2026-11-26T10:01:00.000+0000\",\"startDate\":\"2026-11-26T10:"
          "00:00.000+0000\",\"unit\":\"Percent\",\"statistic\":\"Average\",\"period\":60,\"recentDatapoints\":["
          "85.0],\"threshold\":70.0,\"evaluatedDatapoints\":[{\"timestamp\":\"2026-11-26T10:00:00.000+0000\","
          "\"sampleCount\":1.0,\"value\":85.0}]}");
    // A copy taken before the first read words the same texts.
    CHECK(copied.text() == expected);
    CHECK(copied.data() == alarm.state_reason.data());
    // Texts given as texts are kept as given.
    const AlarmReason given("set by hand", "{\"a\":1}");
    CHECK(given.text() == "set by hand");
    CHECK(given.data() == "{\"a\":1}");
}
