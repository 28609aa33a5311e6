// One-minute buckets, statistic sets and retention of the metric store CloudWatch reads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/metrics/metric_store.hpp"

namespace ecsemu::test {

using core::Duration;
using core::Instant;
using core::metrics::MetricKey;
using core::metrics::MetricStore;
using core::metrics::StatisticSet;

namespace {
constexpr Instant kMinute{1'700'000'040'000};  // a minute boundary (divisible by 60 000)
const MetricKey kRequests{"AWS/ECS", "RequestCount", {{"DiscoveryName", "backend"}}};
}  // namespace

TEST_CASE("datapoints of one minute add up into one bucket", "[metrics]") {
    MetricStore store;
    store.put(kRequests, kMinute + Duration::seconds(1), 10, "Count");
    store.put(kRequests, kMinute + Duration::seconds(59), 4, "Count");
    store.put(kRequests, kMinute + Duration::seconds(60), 7, "Count");
    const auto points = store.query(kRequests, kMinute, kMinute + Duration::minutes(5));
    REQUIRE(points.size() == 2);
    CHECK(points[0].minute == kMinute);
    CHECK(points[0].statistics.sample_count == 2);
    CHECK(points[0].statistics.sum == 14);
    CHECK(points[0].statistics.minimum == 4);
    CHECK(points[0].statistics.maximum == 10);
    CHECK(points[0].statistics.average() == 7);
    CHECK(points[1].minute == kMinute + Duration::minutes(1));
    CHECK(points[1].statistics.sum == 7);
    CHECK(points[1].unit == "Count");
}

TEST_CASE("queries select buckets by start time and metrics by their full key", "[metrics]") {
    MetricStore store;
    store.put(kRequests, kMinute, 1, "Count");
    store.put(kRequests, kMinute + Duration::minutes(2), 3, "Count");
    MetricKey other = kRequests;
    other.dimensions["DiscoveryName"] = "frontend";
    store.put(other, kMinute, StatisticSet{3, 30, 5, 15}, "Count");
    CHECK(store.query(kRequests, kMinute + Duration::seconds(1), kMinute + Duration::minutes(3)).size() == 1);
    CHECK(store.query(kRequests, kMinute, kMinute + Duration::minutes(2)).size() == 1);
    CHECK(store.query(other, kMinute, kMinute + Duration::minutes(1))[0].statistics.average() == 10);
    CHECK(store.list("AWS/ECS").size() == 2);
    CHECK(store.list("AWS/ApplicationELB").empty());
    CHECK(MetricStore::minute_of(kMinute + Duration::seconds(59)) == kMinute);
    CHECK(MetricStore::minute_of(kMinute - Duration::milliseconds(1)) == kMinute - Duration::minutes(1));
}

TEST_CASE("buckets older than the retention behind the newest are dropped", "[metrics]") {
    MetricStore store;
    store.put(kRequests, kMinute, 1, "Count");
    store.put(kRequests, kMinute + MetricStore::kRetention + Duration::minutes(1), 1, "Count");
    CHECK(store.query(kRequests, kMinute, kMinute + Duration::minutes(1)).empty());
    CHECK(store.query(kRequests, kMinute, kMinute + MetricStore::kRetention + Duration::minutes(2)).size() ==
          1);
}

TEST_CASE("datapoints arriving out of time order land in minute order and merge with their minute",
          "[metrics]") {
    MetricStore store;
    // Newest first, then older ones in between, one of them into a minute that already has data.
    for (const int minute : {5, 1, 3, 0, 3, 4})
        store.put(kRequests, kMinute + Duration::minutes(minute), minute, "Count");
    std::vector<std::pair<std::int64_t, double>> seen;
    for (const auto& point : store.query(kRequests, kMinute, kMinute + Duration::minutes(10)))
        seen.emplace_back((point.minute - kMinute).ms / 60'000, point.statistics.sum);
    CHECK(seen == std::vector<std::pair<std::int64_t, double>>{{0, 0}, {1, 1}, {3, 6}, {4, 4}, {5, 5}});
    CHECK(store.query(kRequests, kMinute + Duration::minutes(3), kMinute + Duration::minutes(4))[0]
              .statistics.sample_count == 2);

    // A datapoint older than the retention behind the newest is dropped as soon as it is put.
    store.set_retention(Duration::minutes(10));
    store.put(kRequests, kMinute - Duration::minutes(20), 1, "Count");
    CHECK(store.query(kRequests, kMinute - Duration::minutes(30), kMinute).empty());
    // A newer one moves the window: minutes 0 .. 5 fall out behind minute 16.
    store.put(kRequests, kMinute + Duration::minutes(16), 1, "Count");
    CHECK(store.query(kRequests, kMinute, kMinute + Duration::minutes(6)).empty());
    CHECK(store.query(kRequests, kMinute, kMinute + Duration::minutes(20)).size() == 1);
}

TEST_CASE("a range starting at any age finds the same buckets, recent or hours back, with gaps",
          "[metrics]") {
    MetricStore store;
    // Two hours of every other minute: gaps, and more buckets than a walk back from the newest covers.
    std::vector<std::int64_t> minutes;
    for (std::int64_t m = 0; m < 120; m += 2) {
        store.put(kRequests, kMinute + Duration::minutes(m), static_cast<double>(m), "Count");
        minutes.push_back(m);
    }
    for (std::int64_t start = -3; start <= 125; ++start) {
        const auto points = store.query(kRequests, kMinute + Duration::minutes(start),
                                        kMinute + Duration::minutes(start + 7));
        std::vector<std::int64_t> expected;
        for (const std::int64_t m : minutes) {
            if (m >= start && m < start + 7) expected.push_back(m);
        }
        std::vector<std::int64_t> got;
        got.reserve(points.size());
        for (const auto& point : points) got.push_back((point.minute - kMinute).ms / 60'000);
        INFO("range starting at minute " << start);
        CHECK(got == expected);
    }
    // A datapoint for an old minute still lands on that minute's bucket.
    store.put(kRequests, kMinute + Duration::minutes(10), 1, "Count");
    const auto old = store.query(kRequests, kMinute + Duration::minutes(10), kMinute + Duration::minutes(11));
    REQUIRE(old.size() == 1);
    CHECK(old[0].statistics.sample_count == 2);
    CHECK(old[0].statistics.sum == 11);
}

TEST_CASE("metrics are listed in key order, whatever order they arrived in", "[metrics]") {
    MetricStore store;
    std::vector<MetricKey> keys;
    for (const char* metric : {"RequestCount", "CPUUtilization", "MemoryUtilization"}) {
        for (const char* service : {"zeta", "alpha", "mid", "beta"}) {
            keys.push_back({"AWS/ECS", metric, {{"ClusterName", "c"}, {"ServiceName", service}}});
            keys.push_back({"AWS/ECS", metric, {{"ClusterName", "c"}}});
        }
    }
    keys.push_back({"AWS/ApplicationELB", "RequestCount", {{"LoadBalancer", "app/x/1"}}});
    for (const MetricKey& key : keys) store.put(key, kMinute, 1, "Count");

    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    CHECK(store.list() == keys);
    CHECK(store.metric_count() == keys.size());
    std::vector<MetricKey> ecs_only(keys.begin() + 1, keys.end());  // AWS/ApplicationELB sorts first
    CHECK(store.list("AWS/ECS") == ecs_only);
    // Equal keys find the same series; one differing dimension value does not.
    MetricKey same{"AWS/ECS", "CPUUtilization", {{"ServiceName", "mid"}, {"ClusterName", "c"}}};
    CHECK(store.query(same, kMinute, kMinute + Duration::minutes(1)).size() == 1);
    same.dimensions["ServiceName"] = "mid2";
    CHECK(store.query(same, kMinute, kMinute + Duration::minutes(1)).empty());
}

TEST_CASE("a series is found by a key's parts as by the key, and visited as queried", "[metrics]") {
    MetricStore store;
    store.put(kRequests, kMinute, 10, "Count");
    store.put(kRequests, kMinute + Duration::minutes(1), 4, "Count");
    store.put(kRequests, kMinute + Duration::minutes(2), 7, "Count");
    const MetricKey other{"AWS/ECS", "RequestCount", {{"DiscoveryName", "frontend"}}};
    store.put(other, kMinute, 99, "Count");

    const core::metrics::Dimensions dimensions{{"DiscoveryName", "backend"}};
    const core::metrics::MetricKeyRef parts{"AWS/ECS", "RequestCount", dimensions};
    CHECK(core::metrics::MetricKeyHash{}(parts) == core::metrics::MetricKeyHash{}(kRequests));
    const auto by_parts = store.query(parts, kMinute, kMinute + Duration::minutes(2));
    REQUIRE(by_parts.size() == 2);
    CHECK(by_parts[0].statistics.sum == 10);
    CHECK(by_parts[1].statistics.sum == 4);

    std::vector<double> visited;
    store.visit(parts, kMinute + Duration::minutes(1), kMinute + Duration::minutes(3),
                [&](Instant, const StatisticSet& statistics, const std::string& unit) {
                    CHECK(unit == "Count");
                    visited.push_back(statistics.sum);
                });
    CHECK(visited == std::vector<double>{4, 7});
    // Another dimension value is another series; an unknown one is none.
    CHECK(store
              .query({"AWS/ECS", "RequestCount", {{"DiscoveryName", "frontend"}}}, kMinute,
                     kMinute + Duration::minutes(3))
              .size() == 1);
    const core::metrics::Dimensions unknown{{"DiscoveryName", "nope"}};
    CHECK(store.query({"AWS/ECS", "RequestCount", unknown}, kMinute, kMinute + Duration::minutes(3)).empty());
}

}  // namespace ecsemu::test

namespace ecsemu::test {

namespace {

// The sum of the key's buckets in the hour from kMinute, read through `cache`.
double cached_sum(const MetricStore& store, core::metrics::SeriesCache& cache) {
    double sum = 0;
    store.visit(
        kRequests, cache, kMinute, kMinute + Duration::minutes(60),
        [&sum](Instant, const StatisticSet& statistics, const std::string&) { sum += statistics.sum; });
    return sum;
}

}  // namespace

TEST_CASE("a series cache is used only with the store state it was filled from", "[metrics]") {
    MetricStore store;
    core::metrics::SeriesCache cache;
    CHECK(cached_sum(store, cache) == 0);  // no series yet: nothing cached
    store.put(kRequests, kMinute, 5, "Count");
    CHECK(cached_sum(store, cache) == 5);  // found now, and kept
    store.put(kRequests, kMinute + Duration::minutes(1), 2, "Count");
    CHECK(cached_sum(store, cache) == 7);  // the cached series sees later datapoints

    // A copy has series of its own: a cache filled from the original must not read the original's.
    MetricStore copy = store;
    copy.put(kRequests, kMinute + Duration::minutes(2), 100, "Count");
    CHECK(cached_sum(copy, cache) == 107);
    CHECK(cached_sum(store, cache) == 7);

    // Moved away, the source is empty, whatever a cache filled from it held.
    core::metrics::SeriesCache moved_cache;
    CHECK(cached_sum(copy, moved_cache) == 107);
    MetricStore target;
    target = std::move(copy);
    // NOLINTNEXTLINE(bugprone-use-after-move): a moved-from store is empty
    CHECK(cached_sum(copy, moved_cache) == 0);
    CHECK(cached_sum(target, moved_cache) == 107);

    // Reset drops every series.
    CHECK(cached_sum(store, cache) == 7);
    store.reset();
    CHECK(cached_sum(store, cache) == 0);
    store.put(kRequests, kMinute, 1, "Count");
    CHECK(cached_sum(store, cache) == 1);
}

TEST_CASE("a put through a series cache writes to the store it is given", "[metrics]") {
    const StatisticSet one{1, 3, 3, 3};
    MetricStore store;
    core::metrics::SeriesCache cache;
    core::metrics::SeriesCache reader;
    store.put(kRequests, cache, kMinute, one, "Count");  // makes the series
    store.put(kRequests, cache, kMinute + Duration::minutes(1), one, "Count");
    CHECK(cached_sum(store, reader) == 6);
    store.put(kRequests, kMinute + Duration::minutes(1), 4, "Count");  // the same series, by key
    CHECK(cached_sum(store, reader) == 10);

    // A copy's series are its own: the cache filled from the original must not write there.
    MetricStore copy = store;
    copy.put(kRequests, cache, kMinute + Duration::minutes(2), one, "Count");
    core::metrics::SeriesCache copy_reader;
    CHECK(cached_sum(copy, copy_reader) == 13);
    CHECK(cached_sum(store, reader) == 10);

    // After a reset the series is made again rather than written where it was.
    store.reset();
    store.put(kRequests, cache, kMinute, one, "Count");
    core::metrics::SeriesCache fresh;
    CHECK(cached_sum(store, fresh) == 3);
    CHECK(store.metric_count() == 1);
}

}  // namespace ecsemu::test
