#include "emulator/core/cloudwatch/metric_periods.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <string_view>
#include <utility>

namespace ecsemu::core::cloudwatch {

std::vector<PeriodStatistics> aggregate_periods(const metrics::MetricStore& store, metrics::MetricKeyRef key,
                                                const PeriodQuery& query, metrics::SeriesCache* cache) {
    if (!query.split_units) {
        std::vector<PeriodStatistics> out;
        for_each_merged_period(store, key, query, cache,
                               [&out, &query](Instant start, const metrics::StatisticSet& statistics) {
                                   out.push_back({start, statistics, query.unit.value_or("")});
                               });
        return out;
    }
    const std::int64_t period_ms = period_ms_of(query.period_seconds);
    std::map<std::pair<Instant, std::string>, metrics::StatisticSet> periods;
    store.visit(
        key, query.start, query.end,
        [&](Instant minute, const metrics::StatisticSet& statistics, const std::string& unit) {
            if (query.unit && *query.unit != unit_or_none(unit)) return;
            periods[{period_start_of(query.origin, period_ms, minute), std::string(unit_or_none(unit))}].add(
                statistics);
        });
    std::vector<PeriodStatistics> out;
    out.reserve(periods.size());
    for (auto& [slot, statistics] : periods) out.push_back({slot.first, statistics, slot.second});
    return out;
}

std::optional<double> percentile_of(std::string_view extended_statistic) {
    if (extended_statistic.size() < 2 || extended_statistic.front() != 'p') return std::nullopt;
    const std::string_view number = extended_statistic.substr(1);
    double value = 0;
    const auto [ptr, ec] =
        std::from_chars(number.data(), number.data() + number.size(), value, std::chars_format::fixed);
    if (ec != std::errc{} || ptr != number.data() + number.size()) return std::nullopt;
    if (value < 0 || value > 100) return std::nullopt;
    return value;
}

double estimate_percentile(const metrics::StatisticSet& set, double percentile) {
    const double average = set.average();
    if (percentile <= 50) return set.minimum + (average - set.minimum) * (percentile / 50.0);
    return average + (set.maximum - average) * ((percentile - 50.0) / 50.0);
}

}  // namespace ecsemu::core::cloudwatch
