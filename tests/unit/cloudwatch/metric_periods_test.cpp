// The store's one-minute buckets grouped into readers' periods: merged in order, filtered by unit, split by
// unit only when asked, and aligned to the query's origin.
#include <catch2/catch.hpp>

#include <vector>

#include "emulator/core/cloudwatch/metric_periods.hpp"

namespace ecsemu::test {
namespace {

using core::Duration;
using core::Instant;
using core::cloudwatch::aggregate_periods;
using core::cloudwatch::PeriodQuery;
using core::metrics::MetricKey;
using core::metrics::MetricStore;
using core::metrics::StatisticSet;

constexpr Instant kMinute{1'700'000'040'000};  // a minute boundary
const MetricKey kKey{"Custom", "Latency", {{"Service", "api"}}};

Instant minute(int n) {
    return kMinute + Duration::minutes(n);
}

}  // namespace

TEST_CASE("five-minute periods merge their minutes in order, aligned to the origin",
          "[cloudwatch][periods]") {
    MetricStore store;
    for (int m = 0; m < 12; ++m)
        store.put(kKey, minute(m), StatisticSet{1, m * 1.0, m * 1.0, m * 1.0}, "Milliseconds");
    PeriodQuery query;
    query.origin = minute(-3);  // periods start at minutes 2, 7, 12 ... and -3
    query.start = minute(0);
    query.end = minute(12);
    query.period_seconds = 300;
    const auto periods = aggregate_periods(store, kKey, query);
    REQUIRE(periods.size() == 3);
    CHECK(periods[0].start == minute(-3));
    CHECK(periods[0].statistics.sample_count == 2);  // minutes 0 and 1
    CHECK(periods[0].statistics.sum == 1);
    CHECK(periods[1].start == minute(2));
    CHECK(periods[1].statistics.sample_count == 5);  // 2..6
    CHECK(periods[1].statistics.minimum == 2);
    CHECK(periods[1].statistics.maximum == 6);
    CHECK(periods[2].start == minute(7));
    CHECK(periods[2].statistics.sum == 7 + 8 + 9 + 10 + 11);
    CHECK(periods[2].unit.empty());  // alarms: one unit-less series
}

TEST_CASE("units: a filter keeps one, a split query keeps them apart, an alarm merges them",
          "[cloudwatch][periods]") {
    MetricStore store;
    store.put(kKey, minute(0), 10, "Milliseconds");
    store.put(kKey, minute(1), 20, "Milliseconds");
    store.put(kKey, minute(1), 5, "");  // no unit: shown as None
    PeriodQuery query;
    query.origin = minute(0);
    query.start = minute(0);
    query.end = minute(2);
    query.period_seconds = 120;

    const auto merged = aggregate_periods(store, kKey, query);
    REQUIRE(merged.size() == 1);
    // The store adds up a minute's datapoints whatever their unit, and labels the bucket with the last one.
    CHECK(merged[0].statistics.sample_count == 3);

    query.unit = "Milliseconds";
    const auto filtered = aggregate_periods(store, kKey, query);
    REQUIRE(filtered.size() == 1);
    CHECK(filtered[0].unit == "Milliseconds");
    CHECK(filtered[0].statistics.sample_count == 1);  // minute 1 is labelled None

    query.unit.reset();
    query.split_units = true;
    const auto split = aggregate_periods(store, kKey, query);
    REQUIRE(split.size() == 2);
    CHECK(split[0].unit == "Milliseconds");
    CHECK(split[1].unit == "None");
}

}  // namespace ecsemu::test
