#pragma once
// The store's one-minute buckets grouped into the periods CloudWatch's readers ask for (GetMetricStatistics,
// GetMetricData, alarm evaluation), and the percentile estimate those readers answer pNN with.
//
// The store keeps one-minute buckets only, so a period shorter than a minute (1, 5, 10, 20, 30 s: the
// high-resolution periods) reads each minute as one period starting at that minute.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/metrics/metric_store.hpp"

namespace ecsemu::core::cloudwatch {

struct PeriodStatistics {
    Instant start;
    metrics::StatisticSet statistics;
    std::string unit;  // "None" for data published without a unit
};

struct PeriodQuery {
    Instant origin;  // periods start at origin + k * period
    Instant start;   // first bucket read (inclusive)
    Instant end;     // last bucket read (exclusive)
    int period_seconds = 60;
    std::optional<std::string> unit;  // only buckets of this unit
    // CloudWatch aggregates datapoints of different units separately; alarms (without a unit) merge them.
    bool split_units = false;
};

// The bucket unit as CloudWatch shows it ("None" for none): a view of `unit` or of a literal.
inline std::string_view unit_or_none(const std::string& unit) {
    return unit.empty() ? std::string_view("None") : std::string_view(unit);
}

// A period's length in ms: the store's buckets are minutes, so a shorter period reads as one.
inline std::int64_t period_ms_of(int period_seconds) {
    return static_cast<std::int64_t>(period_seconds < 60 ? 60 : period_seconds) * 1000;
}

// Where the period holding `minute` starts: origin + k * period (k negative before the origin).
inline Instant period_start_of(Instant origin, std::int64_t period_ms, Instant minute) {
    const std::int64_t offset = minute.epoch_ms - origin.epoch_ms;
    const std::int64_t index = offset >= 0 ? offset / period_ms : -((-offset + period_ms - 1) / period_ms);
    return Instant{origin.epoch_ms + index * period_ms};
}

// The query's periods that hold data, oldest first, units merged (split_units is not read): each handed to
// `each(start, statistics)` once its buckets are added up. Nothing is collected: every alarm reads its
// periods every minute. `cache`, when given, finds the series (see metrics::SeriesCache).
template <class Each>
void for_each_merged_period(const metrics::MetricStore& store, metrics::MetricKeyRef key,
                            const PeriodQuery& query, metrics::SeriesCache* cache, Each&& each) {
    const std::int64_t period_ms = period_ms_of(query.period_seconds);
    const bool unit_wanted = query.unit.has_value();
    const std::string_view unit = unit_wanted ? std::string_view(*query.unit) : std::string_view();
    bool open = false;  // a period is being added up
    Instant start;
    metrics::StatisticSet sum;
    // Buckets come oldest first, so each period's are consecutive.
    const auto merge = [&](Instant minute, const metrics::StatisticSet& statistics,
                           const std::string& bucket_unit) {
        if (unit_wanted && unit != unit_or_none(bucket_unit)) return;
        const Instant period = period_start_of(query.origin, period_ms, minute);
        if (open && period != start) {
            each(start, static_cast<const metrics::StatisticSet&>(sum));
            sum = metrics::StatisticSet{};
        }
        open = true;
        start = period;
        sum.add(statistics);
    };
    if (cache != nullptr) {
        store.visit(key, *cache, query.start, query.end, merge);
    } else {
        store.visit(key, query.start, query.end, merge);
    }
    if (open) each(start, static_cast<const metrics::StatisticSet&>(sum));
}

// Periods that hold data, oldest first (by unit name within a period when split).
// `cache`, when given, finds the series (see metrics::SeriesCache).
std::vector<PeriodStatistics> aggregate_periods(const metrics::MetricStore& store, metrics::MetricKeyRef key,
                                                const PeriodQuery& query,
                                                metrics::SeriesCache* cache = nullptr);

// "p99" / "p99.9" -> 99 / 99.9; nullopt for anything else (other extended statistics, out of 0..100).
std::optional<double> percentile_of(std::string_view extended_statistic);

// A StatisticSet keeps no distribution, so pNN is estimated: p0 = Minimum, p50 = Average, p100 = Maximum,
// linear in between. Exact whenever the period's samples are all equal (one sample per period, as the
// emulator's own data planes publish).
double estimate_percentile(const metrics::StatisticSet& set, double percentile);

}  // namespace ecsemu::core::cloudwatch
