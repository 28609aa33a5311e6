#pragma once
// CloudWatch's view of metrics, kept by the emulator: datapoints aggregated into one-minute buckets of the
// emulated clock (CloudWatch's standard resolution), by (namespace, metric name, dimensions). The data
// planes' counters are recorded here once a minute (Service Connect, ALB); CloudWatch's API and target
// tracking read them back. Deterministic: times only from the caller, and what is listed comes out in key
// order (the series themselves are hashed: every alarm and every datapoint looks one up each minute).
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "emulator/core/time.hpp"

namespace ecsemu::core::metrics {

using Dimensions = std::map<std::string, std::string>;  // name -> value, in name order

struct MetricKey {
    std::string namespace_name;  // AWS/ECS, AWS/ApplicationELB
    std::string metric_name;
    Dimensions dimensions;
    auto operator<=>(const MetricKey&) const = default;
    bool operator==(const MetricKey&) const = default;
};

// A metric key's parts without owning them: alarms look their series up every minute, and copying each
// alarm's dimensions to make a MetricKey for it was most of a lookup.
struct MetricKeyRef {
    std::string_view namespace_name;
    std::string_view metric_name;
    const Dimensions* dimensions;

    MetricKeyRef(std::string_view namespace_name_, std::string_view metric_name_,
                 const Dimensions& dimensions_)
        : namespace_name(namespace_name_), metric_name(metric_name_), dimensions(&dimensions_) {}
    // NOLINTNEXTLINE(google-explicit-constructor): a key is a reference to itself wherever one is wanted.
    MetricKeyRef(const MetricKey& key)
        : namespace_name(key.namespace_name), metric_name(key.metric_name), dimensions(&key.dimensions) {}
};

// Both transparent, so the store finds a series by a MetricKeyRef without making a MetricKey.
struct MetricKeyHash {
    using is_transparent = void;
    std::size_t operator()(const MetricKeyRef& key) const;
};
struct MetricKeyEqual {
    using is_transparent = void;
    bool operator()(const MetricKeyRef& a, const MetricKeyRef& b) const {
        return a.namespace_name == b.namespace_name && a.metric_name == b.metric_name &&
               *a.dimensions == *b.dimensions;
    }
};

// CloudWatch's StatisticSet: what a period's datapoints add up to.
struct StatisticSet {
    double sample_count = 0;
    double sum = 0;
    double minimum = 0;
    double maximum = 0;

    void add(const StatisticSet& other);
    double average() const { return sample_count > 0 ? sum / sample_count : 0; }
};

struct Datapoint {
    Instant minute;  // start of the one-minute bucket
    StatisticSet statistics;
    std::string unit;
};

class MetricStore;

// Where a reader found its series last time, so that a key read every minute (an alarm's, a target-tracking
// policy's, the simulator's timeline's) is looked up once rather than hashed and compared every time. Valid
// only with the store state it was filled from: a store is given a new identity when it is reset, copied or
// moved. The reader must ask for the same key every time it passes the same cache.
class SeriesCache {
private:
    friend class MetricStore;
    std::uint64_t store_identity_ = 0;  // 0: empty
    const void* series_ = nullptr;      // a MetricStore::Series, private to the store
};

class MetricStore {
public:
    MetricStore() = default;
    // A copy or a moved-to store is a different store state: caches filled from the source do not apply.
    MetricStore(const MetricStore& other);
    MetricStore(MetricStore&& other) noexcept;
    MetricStore& operator=(const MetricStore& other);
    MetricStore& operator=(MetricStore&& other) noexcept;
    ~MetricStore() = default;

    // Buckets older than this behind the newest datapoint of a metric are dropped (CloudWatch keeps
    // one-minute data for 15 days).
    static constexpr Duration kRetention = Duration::minutes(std::int64_t{15} * 24 * 60);

    // A key is copied only for a series' first datapoint (the data planes put dozens a minute by parts).
    void put(MetricKeyRef key, Instant at, double value, const std::string& unit);
    void put(MetricKeyRef key, Instant at, const StatisticSet& statistics, const std::string& unit);
    // The same, finding the series through `cache` (which it fills): for a writer that puts the same metrics
    // every minute (the service utilization datapoints).
    void put(MetricKeyRef key, SeriesCache& cache, Instant at, const StatisticSet& statistics,
             const std::string& unit);

    // The metric's one-minute buckets with start in [start, end), oldest first.
    std::vector<Datapoint> query(MetricKeyRef key, Instant start, Instant end) const;
    // The same without copying them out: visit(Instant minute, const StatisticSet&, const std::string& unit)
    // for each bucket, oldest first.
    template <class Visit>
    void visit(MetricKeyRef key, Instant start, Instant end, Visit&& visit) const {
        const auto series = series_.find(key);
        if (series != series_.end()) visit_series(series->second, start, end, visit);
    }
    // The same, finding the series through `cache` (which it fills; until the series has data, every call
    // looks it up).
    template <class Visit>
    void visit(MetricKeyRef key, SeriesCache& cache, Instant start, Instant end, Visit&& visit) const {
        if (const Series* series = cached_series(key, cache)) visit_series(*series, start, end, visit);
    }
    // Every metric of a namespace (all when empty), in key order.
    std::vector<MetricKey> list(const std::string& namespace_name = {}) const;
    std::size_t metric_count() const { return series_.size(); }
    void reset() {
        series_.clear();
        identity_ = next_identity();
    }
    // The simulator keeps hours rather than days: 100 services over a week would otherwise hold millions of
    // buckets nobody reads (alarms look back at most EvaluationPeriods x Period).
    void set_retention(Duration retention) { retention_ = retention; }

    static Instant minute_of(Instant at);

private:
    struct Bucket {
        Instant minute;
        StatisticSet statistics;
        std::string unit;
    };
    // A metric's buckets in minute order: data arrives in time order, so a bucket is almost always added at
    // the back and dropped from the front, and a reader's binary search runs over contiguous blocks rather
    // than a tree's nodes (every alarm reads its series every minute).
    using Series = std::deque<Bucket>;
    static Series::const_iterator first_at_or_after(const Series& series, Instant minute);
    template <class Visit>
    static void visit_series(const Series& series, Instant start, Instant end, Visit& visit) {
        for (auto it = first_at_or_after(series, start); it != series.end() && it->minute < end; ++it)
            visit(it->minute, it->statistics, it->unit);
    }
    const Series* cached_series(MetricKeyRef key, SeriesCache& cache) const;
    // The key's series, made empty when it has none.
    Series& series_for(MetricKeyRef key);
    void add_to(Series& buckets, Instant at, const StatisticSet& statistics, const std::string& unit);
    static std::uint64_t next_identity();

    // Node-based: a series stays where it is until reset() (retention drops buckets, never series), which is
    // what lets a SeriesCache point at one.
    std::unordered_map<MetricKey, Series, MetricKeyHash, MetricKeyEqual> series_;
    Duration retention_ = kRetention;
    std::uint64_t identity_ = next_identity();  // never 0, never reused
};

}  // namespace ecsemu::core::metrics
