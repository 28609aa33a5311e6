#include "emulator/core/cloudwatch/metric_periods.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <string_view>
#include <utility>

namespace ecsemu::core::cloudwatch {

namespace {

// A query's periods reserved up front at most (a day of minutes); longer ranges grow as they fill.
constexpr std::int64_t kReservedPeriodsMax = 1440;

}  // namespace

std::string_view unit_or_none(const std::string& unit) {
    return unit.empty() ? std::string_view("None") : std::string_view(unit);
}

std::vector<PeriodStatistics> aggregate_periods(const metrics::MetricStore& store, metrics::MetricKeyRef key,
                                                const PeriodQuery& query, metrics::SeriesCache* cache) {
    const std::int64_t period_ms =
        static_cast<std::int64_t>(query.period_seconds < 60 ? 60 : query.period_seconds) * 1000;
    const auto period_start = [&query, period_ms](Instant minute) {
        const std::int64_t offset = minute.epoch_ms - query.origin.epoch_ms;
        const std::int64_t index =
            offset >= 0 ? offset / period_ms : -((-offset + period_ms - 1) / period_ms);
        return Instant{query.origin.epoch_ms + index * period_ms};
    };
    if (!query.split_units) {
        // Buckets come oldest first, so each period's are consecutive: merged in one pass, straight from the
        // store (every alarm does this every minute).
        std::vector<PeriodStatistics> out;
        // At most one entry per period of the range: reserved, since alarms ask for a few every minute.
        const std::int64_t periods = (query.end.epoch_ms - query.start.epoch_ms) / period_ms + 1;
        out.reserve(static_cast<std::size_t>(std::clamp<std::int64_t>(periods, 0, kReservedPeriodsMax)));
        const auto merge = [&](Instant minute, const metrics::StatisticSet& statistics,
                               const std::string& unit) {
            if (query.unit && *query.unit != unit_or_none(unit)) return;
            const Instant start = period_start(minute);
            if (out.empty() || out.back().start != start) out.push_back({start, {}, query.unit.value_or("")});
            out.back().statistics.add(statistics);
        };
        if (cache != nullptr) {
            store.visit(key, *cache, query.start, query.end, merge);
        } else {
            store.visit(key, query.start, query.end, merge);
        }
        return out;
    }
    std::map<std::pair<Instant, std::string>, metrics::StatisticSet> periods;
    store.visit(key, query.start, query.end,
                [&](Instant minute, const metrics::StatisticSet& statistics, const std::string& unit) {
                    if (query.unit && *query.unit != unit_or_none(unit)) return;
                    periods[{period_start(minute), std::string(unit_or_none(unit))}].add(statistics);
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
