#pragma once
// The store's one-minute buckets grouped into the periods CloudWatch's readers ask for (GetMetricStatistics,
// GetMetricData, alarm evaluation), and the percentile estimate those readers answer pNN with.
//
// The store keeps one-minute buckets only, so a period shorter than a minute (1, 5, 10, 20, 30 s: the
// high-resolution periods) reads each minute as one period starting at that minute.
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

// The bucket unit as CloudWatch shows it ("None" for none): a view of `unit` or of a literal.
std::string_view unit_or_none(const std::string& unit);

}  // namespace ecsemu::core::cloudwatch
