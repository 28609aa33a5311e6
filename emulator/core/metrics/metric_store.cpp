#include "emulator/core/metrics/metric_store.hpp"

#include <algorithm>
#include <atomic>
#include <iterator>

namespace ecsemu::core::metrics {

void StatisticSet::add(const StatisticSet& other) {
    if (other.sample_count <= 0) return;
    if (sample_count <= 0) {
        *this = other;
        return;
    }
    sample_count += other.sample_count;
    sum += other.sum;
    minimum = std::min(minimum, other.minimum);
    maximum = std::max(maximum, other.maximum);
}

Instant MetricStore::minute_of(Instant at) {
    constexpr std::int64_t kMinuteMs = 60'000;
    const std::int64_t ms = at.epoch_ms;
    return Instant{ms - ((ms % kMinuteMs) + kMinuteMs) % kMinuteMs};
}

void MetricStore::put(MetricKeyRef key, Instant at, double value, const std::string& unit) {
    put(key, at, StatisticSet{1, value, value, value}, unit);
}

void MetricStore::put(MetricKeyRef key, Instant at, const StatisticSet& statistics, const std::string& unit) {
    add_to(series_for(key), at, statistics, unit);
}

void MetricStore::put(MetricKeyRef key, SeriesCache& cache, Instant at, const StatisticSet& statistics,
                      const std::string& unit) {
    if (cache.store_identity_ != identity_ || cache.series_ == nullptr) {
        cache.store_identity_ = identity_;
        cache.series_ = &series_for(key);
    }
    // A cache holds its series as const because readers fill caches too; the series is this store's own.
    add_to(*static_cast<Series*>(const_cast<void*>(cache.series_)), at, statistics, unit);
}

MetricStore::Series& MetricStore::series_for(MetricKeyRef key) {
    auto series = series_.find(key);
    if (series == series_.end()) {
        series = series_
                     .emplace(MetricKey{std::string(key.namespace_name), std::string(key.metric_name),
                                        *key.dimensions},
                              Series{})
                     .first;
    }
    return series->second;
}

void MetricStore::add_to(Series& buckets, Instant at, const StatisticSet& statistics,
                         const std::string& unit) {
    const Instant minute = minute_of(at);
    auto place = buckets.end();
    if (!buckets.empty() && buckets.back().minute >= minute) {
        place = buckets.begin() + (first_at_or_after(buckets, minute) - buckets.cbegin());
    }
    if (place == buckets.end() || place->minute != minute)
        place = buckets.insert(place, Bucket{minute, {}, {}});
    place->statistics.add(statistics);
    place->unit = unit;
    const Instant oldest_kept = buckets.back().minute - retention_;
    while (buckets.front().minute < oldest_kept) buckets.pop_front();
}

MetricStore::MetricStore(const MetricStore& other) : series_(other.series_), retention_(other.retention_) {}

MetricStore::MetricStore(MetricStore&& other) noexcept
    : series_(std::move(other.series_)), retention_(other.retention_) {
    other.identity_ = next_identity();
}

MetricStore& MetricStore::operator=(const MetricStore& other) {
    if (this == &other) return *this;
    series_ = other.series_;
    retention_ = other.retention_;
    identity_ = next_identity();
    return *this;
}

MetricStore& MetricStore::operator=(MetricStore&& other) noexcept {
    if (this == &other) return *this;
    series_ = std::move(other.series_);
    retention_ = other.retention_;
    identity_ = next_identity();
    other.identity_ = next_identity();
    return *this;
}

std::uint64_t MetricStore::next_identity() {
    // Only the control thread touches stores, but an atomic costs nothing here and keeps identities unique
    // whichever thread makes a store.
    static std::atomic<std::uint64_t> last{0};
    return ++last;
}

const MetricStore::Series* MetricStore::cached_series(MetricKeyRef key, SeriesCache& cache) const {
    if (cache.store_identity_ == identity_ && cache.series_ != nullptr)
        return static_cast<const Series*>(cache.series_);
    const auto found = series_.find(key);
    if (found == series_.end()) return nullptr;
    cache.store_identity_ = identity_;
    cache.series_ = &found->second;
    return &found->second;
}

MetricStore::Series::const_iterator MetricStore::first_at_or_after(const Series& series, Instant minute) {
    // Readers almost always want the last few minutes (alarms, target tracking, the simulator's rows): a
    // short walk back from the newest bucket finds them before a binary search over hours of buckets would.
    constexpr int kWalkBackMax = 16;
    auto it = series.end();
    for (int steps = 0; steps < kWalkBackMax; ++steps) {
        if (it == series.begin()) return it;
        const auto previous = std::prev(it);
        if (previous->minute < minute) return it;
        it = previous;
    }
    return std::lower_bound(series.begin(), it, minute,
                            [](const Bucket& bucket, Instant at) { return bucket.minute < at; });
}

std::vector<Datapoint> MetricStore::query(MetricKeyRef key, Instant start, Instant end) const {
    std::vector<Datapoint> out;
    visit(key, start, end, [&out](Instant minute, const StatisticSet& statistics, const std::string& unit) {
        out.push_back({minute, statistics, unit});
    });
    return out;
}

std::vector<MetricKey> MetricStore::list(const std::string& namespace_name) const {
    std::vector<MetricKey> out;
    for (const auto& [key, buckets] : series_) {
        if (namespace_name.empty() || key.namespace_name == namespace_name) out.push_back(key);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::size_t MetricKeyHash::operator()(const MetricKeyRef& key) const {
    const std::hash<std::string_view> text;
    std::size_t h = text(key.namespace_name);
    const auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
    mix(text(key.metric_name));
    for (const auto& [name, value] : *key.dimensions) {
        mix(text(name));
        mix(text(value));
    }
    return h;
}

}  // namespace ecsemu::core::metrics
