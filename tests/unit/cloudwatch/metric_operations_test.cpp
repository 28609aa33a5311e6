#include <catch2/catch.hpp>

#include "emulator/core/cloudwatch/metric_operations.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::cloudwatch;

namespace {

constexpr Instant kNow{1'795'687'200'000};  // 2026-11-26T10:00:00Z

MetricDatumInput datum(double value, int minutes_ago) {
    MetricDatumInput out;
    out.metric_name = "Latency";
    out.dimensions = {{"Service", "api"}};
    out.value = value;
    out.unit = "Milliseconds";
    out.timestamp = kNow - Duration::minutes(minutes_ago);
    return out;
}

GetMetricStatisticsInput latency_query(int period) {
    GetMetricStatisticsInput input;
    input.namespace_name = "App";
    input.metric_name = "Latency";
    input.dimensions = {{"Service", "api"}};
    input.start = kNow - Duration::minutes(10);
    input.end = kNow;
    input.period_seconds = period;
    input.statistics = {"Average", "Maximum", "SampleCount"};
    return input;
}

}  // namespace

TEST_CASE("PutMetricData then GetMetricStatistics") {
    CloudWatchState state;
    REQUIRE(put_metric_data(state, "App", {datum(10, 5), datum(30, 5), datum(50, 2)}, kNow).ok());
    auto stats = get_metric_statistics(state, latency_query(60), kNow);
    REQUIRE(stats.ok());
    CHECK(stats->label == "Latency");
    REQUIRE(stats->datapoints.size() == 2);
    CHECK(stats->datapoints[0].timestamp == kNow - Duration::minutes(5));
    CHECK(stats->datapoints[0].statistics.at("Average") == Approx(20));
    CHECK(stats->datapoints[0].statistics.at("SampleCount") == Approx(2));
    CHECK(stats->datapoints[0].unit == "Milliseconds");

    stats = get_metric_statistics(state, latency_query(600), kNow);
    REQUIRE(stats->datapoints.size() == 1);
    CHECK(stats->datapoints[0].statistics.at("Maximum") == Approx(50));

    auto percentiles = latency_query(600);
    percentiles.statistics.clear();
    percentiles.extended_statistics = {"p0", "p50", "p100"};
    stats = get_metric_statistics(state, percentiles, kNow);
    CHECK(stats->datapoints[0].extended_statistics.at("p0") == Approx(10));
    CHECK(stats->datapoints[0].extended_statistics.at("p50") == Approx(30));
    CHECK(stats->datapoints[0].extended_statistics.at("p100") == Approx(50));
}

TEST_CASE("PutMetricData values, counts and statistic sets") {
    CloudWatchState state;
    MetricDatumInput weighted = datum(0, 1);
    weighted.value.reset();
    weighted.values = std::vector<double>{10, 20};
    weighted.counts = std::vector<double>{1, 3};
    MetricDatumInput set = datum(0, 1);
    set.value.reset();
    set.statistic_values = metrics::StatisticSet{2, 100, 40, 60};
    REQUIRE(put_metric_data(state, "App", {weighted, set}, kNow).ok());
    const auto stats = get_metric_statistics(state, latency_query(60), kNow);
    REQUIRE(stats->datapoints.size() == 1);
    CHECK(stats->datapoints[0].statistics.at("SampleCount") == Approx(6));
    CHECK(stats->datapoints[0].statistics.at("Average") == Approx((10 + 60 + 100) / 6.0));
}

TEST_CASE("PutMetricData validation leaves nothing behind") {
    CloudWatchState state;
    auto both = datum(1, 1);
    both.values = std::vector<double>{1};
    auto result = put_metric_data(state, "App", {datum(1, 1), both}, kNow);
    CHECK(result.error().code == "InvalidParameterCombination");
    CHECK(
        result.error().message ==
        "The parameters MetricData.member.2.Value and MetricData.member.2.Values are mutually exclusive and "
        "you have specified both.");
    CHECK(state.metrics.metric_count() == 0);

    auto uneven = datum(0, 1);
    uneven.value.reset();
    uneven.values = std::vector<double>{1, 2};
    uneven.counts = std::vector<double>{1};
    CHECK(put_metric_data(state, "App", {uneven}, kNow).error().code == "InvalidParameterValue");
    auto none = datum(0, 1);
    none.value.reset();
    CHECK(put_metric_data(state, "App", {none}, kNow).error().code == "MissingParameter");
    CHECK(put_metric_data(state, "App", {datum(1, 15 * 24 * 60)}, kNow).error().code ==
          "InvalidParameterValue");
    auto bad_unit = datum(1, 1);
    bad_unit.unit = "Parsecs";
    CHECK(put_metric_data(state, "App", {bad_unit}, kNow).error().code == "InvalidParameterValue");
    CHECK(state.metrics.metric_count() == 0);
}

TEST_CASE("GetMetricStatistics validation") {
    CloudWatchState state;
    auto input = latency_query(60);
    input.start = input.end;
    CHECK(get_metric_statistics(state, input, kNow).error().code == "InvalidParameterValue");
    input = latency_query(90);
    CHECK(get_metric_statistics(state, input, kNow).error().code == "InvalidParameterValue");
    input = latency_query(60);
    input.start = kNow - Duration::minutes(2 * 1440);
    const auto too_many = get_metric_statistics(state, input, kNow);
    CHECK(too_many.error().code == "InvalidParameterCombination");
    CHECK(too_many.error().message.rfind("You have requested up to 2,880 datapoints", 0) == 0);
    input = latency_query(60);
    input.statistics = {"Median"};
    CHECK(get_metric_statistics(state, input, kNow).error().code == "InvalidParameterValue");
    input.statistics.clear();
    CHECK(get_metric_statistics(state, input, kNow).error().code == "InvalidParameterCombination");
}

TEST_CASE("GetMetricData orders newest first by default") {
    CloudWatchState state;
    REQUIRE(put_metric_data(state, "App", {datum(10, 3), datum(20, 2), datum(30, 1)}, kNow).ok());
    GetMetricDataInput input;
    input.start = kNow - Duration::minutes(10);
    input.end = kNow;
    MetricDataQueryInput query;
    query.id = "m1";
    query.metric_stat = MetricStatInput{"App", "Latency", {{"Service", "api"}}, 60, "Sum", std::nullopt};
    input.queries = {query};
    auto results = get_metric_data(state, input);
    REQUIRE(results.ok());
    REQUIRE(results->size() == 1);
    CHECK(results->at(0).label == "Latency");
    CHECK(results->at(0).values == std::vector<double>{30, 20, 10});
    CHECK(results->at(0).timestamps.front() == kNow - Duration::minutes(1));
    input.scan_by = "TimestampAscending";
    CHECK(get_metric_data(state, input)->at(0).values == std::vector<double>{10, 20, 30});

    input.queries[0].expression = "m1 * 2";
    CHECK(get_metric_data(state, input).error().code == "ValidationError");
    input.queries[0].expression.reset();
    input.queries.push_back(input.queries[0]);
    CHECK(get_metric_data(state, input).error().code == "ValidationError");
}

TEST_CASE("ListMetrics filters by namespace, name, dimensions and recent activity") {
    CloudWatchState state;
    REQUIRE(put_metric_data(state, "App", {datum(1, 1)}, kNow).ok());
    auto other = datum(1, 5 * 60);
    other.metric_name = "Errors";
    other.dimensions = {{"Service", "web"}};
    REQUIRE(put_metric_data(state, "App", {other}, kNow).ok());
    ListMetricsInput input;
    CHECK(list_metrics(state, input, kNow)->metrics.size() == 2);
    input.dimensions = {{"Service", std::string("web")}};
    CHECK(list_metrics(state, input, kNow)->metrics.at(0).metric_name == "Errors");
    input = {};
    input.recently_active = "PT3H";
    CHECK(list_metrics(state, input, kNow)->metrics.size() == 1);
    input.recently_active = "PT1H";
    CHECK_FALSE(list_metrics(state, input, kNow).ok());
    input = {};
    input.namespace_name = "Other";
    CHECK(list_metrics(state, input, kNow)->metrics.empty());
}
