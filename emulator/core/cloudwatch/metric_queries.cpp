#include <algorithm>
#include <set>

#include "emulator/core/cloudwatch/cloudwatch_errors.hpp"
#include "emulator/core/cloudwatch/metric_operations.hpp"
#include "emulator/core/cloudwatch/metric_periods.hpp"
#include "emulator/core/cloudwatch/standard_units.hpp"

namespace ecsemu::core::cloudwatch {

namespace {

constexpr std::int64_t kMaxStatisticsDatapoints = 1440;
const std::vector<std::string> kStatistics = {"SampleCount", "Average", "Sum", "Minimum", "Maximum"};
const std::vector<std::string> kScanBy = {"TimestampDescending", "TimestampAscending"};

bool valid_period(int period) {
    return period == 1 || period == 5 || period == 10 || period == 20 || period == 30 ||
           (period > 0 && period % 60 == 0);
}

Instant minute_floor(Instant at) {
    return metrics::MetricStore::minute_of(at);
}

// 2880 -> "2,880", as CloudWatch prints datapoint counts.
std::string grouped(std::int64_t value) {
    std::string digits = std::to_string(value);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

// The value of a Stat of GetMetricData ("Average", "p90"); nullopt for stats the emulator cannot compute.
std::optional<double> stat_value(const std::string& stat, const metrics::StatisticSet& set) {
    if (const auto statistic = statistic_from_wire(stat)) return statistic_value(*statistic, set);
    if (const auto percentile = percentile_of(stat)) return estimate_percentile(set, *percentile);
    return std::nullopt;
}

AwsError data_validation(std::string message) {
    return AwsError::client("ValidationError", std::move(message));
}

bool valid_query_id(const std::string& id) {
    if (id.empty() || id.size() > 255 || !(id.front() >= 'a' && id.front() <= 'z')) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
}

Result<MetricDataResult> run_metric_stat(const CloudWatchState& state, const MetricDataQueryInput& query,
                                         const std::string& path, const GetMetricDataInput& input,
                                         bool ascending) {
    const MetricStatInput& stat = *query.metric_stat;
    auto dimensions = dimensions_from(stat.dimensions, path + ".MetricStat.Metric.Dimensions");
    if (!dimensions) return dimensions.error();
    if (!valid_period(stat.period_seconds)) {
        return data_validation("The parameter " + path +
                               ".MetricStat.Period must be 1, 5, 10, 20, 30, or a multiple of 60.");
    }
    if (!statistic_from_wire(stat.stat) && !percentile_of(stat.stat)) {
        return data_validation("The value " + stat.stat + " for parameter " + path +
                               ".MetricStat.Stat is invalid.");
    }
    if (stat.unit && !is_standard_unit(*stat.unit))
        return data_validation("The value " + *stat.unit + " for parameter " + path +
                               ".MetricStat.Unit is invalid.");
    PeriodQuery period_query;
    period_query.origin = minute_floor(input.start);
    period_query.start = period_query.origin;
    period_query.end = input.end;
    period_query.period_seconds = stat.period_seconds;
    period_query.unit = stat.unit;
    const metrics::MetricKey key{stat.namespace_name, stat.metric_name, std::move(dimensions.value())};
    MetricDataResult result;
    result.id = query.id;
    result.label = query.label.value_or(stat.metric_name);
    for (const auto& period : aggregate_periods(state.metrics, key, period_query)) {
        if (period.statistics.sample_count <= 0) continue;
        result.timestamps.push_back(period.start);
        result.values.push_back(stat_value(stat.stat, period.statistics).value_or(0));
    }
    if (!ascending) {
        std::reverse(result.timestamps.begin(), result.timestamps.end());
        std::reverse(result.values.begin(), result.values.end());
    }
    return result;
}

}  // namespace

Result<MetricStatistics> get_metric_statistics(const CloudWatchState& state,
                                               const GetMetricStatisticsInput& input, Instant /*now*/) {
    if (input.start >= input.end)
        return invalid_parameter("The parameter StartTime must be less than the parameter EndTime.");
    if (input.period_seconds < 1) {
        return validation_error("period", std::to_string(input.period_seconds),
                                "Member must have value greater than or equal to 1");
    }
    if (!valid_period(input.period_seconds))
        return invalid_parameter("The parameter Period must be a multiple of 60.");
    if (!input.statistics.empty() && !input.extended_statistics.empty())
        return mutually_exclusive("Statistics", "ExtendedStatistics");
    if (input.statistics.empty() && input.extended_statistics.empty())
        return invalid_combination("Must specify either Statistics or ExtendedStatistics.");
    if (input.statistics.size() > 5) {
        return invalid_parameter("The collection Statistics must not have a size greater than 5.");
    }
    if (input.extended_statistics.size() > 10) {
        return invalid_parameter("The collection ExtendedStatistics must not have a size greater than 10.");
    }
    for (std::size_t i = 0; i < input.statistics.size(); ++i) {
        if (!statistic_from_wire(input.statistics[i])) {
            return invalid_parameter("The parameter " + member_path("Statistics", i) +
                                     " must be a value in the set [ Maximum, Minimum, Sum, SampleCount, "
                                     "Average ].");
        }
    }
    for (std::size_t i = 0; i < input.extended_statistics.size(); ++i) {
        if (!percentile_of(input.extended_statistics[i]))
            return invalid_value(member_path("ExtendedStatistics", i), input.extended_statistics[i]);
    }
    if (input.unit && !is_standard_unit(*input.unit)) return invalid_value("Unit", *input.unit);
    auto dimensions = dimensions_from(input.dimensions, "Dimensions");
    if (!dimensions) return dimensions.error();

    const Instant start = minute_floor(input.start);
    const std::int64_t period_ms = static_cast<std::int64_t>(std::max(input.period_seconds, 60)) * 1000;
    const std::int64_t requested = (input.end.epoch_ms - start.epoch_ms + period_ms - 1) / period_ms;
    if (requested > kMaxStatisticsDatapoints) {
        return invalid_combination(
            "You have requested up to " + grouped(requested) +
            " datapoints, which exceeds the limit of 1,440. You may reduce the "
            "datapoints requested by increasing Period, or decreasing the time range.");
    }

    PeriodQuery query;
    query.origin = start;
    query.start = start;
    query.end = input.end;
    query.period_seconds = input.period_seconds;
    query.unit = input.unit;
    query.split_units = true;
    const metrics::MetricKey key{input.namespace_name, input.metric_name, std::move(dimensions.value())};
    MetricStatistics out;
    out.label = input.metric_name;
    for (const auto& period : aggregate_periods(state.metrics, key, query)) {
        if (period.statistics.sample_count <= 0) continue;
        StatisticsDatapoint point;
        point.timestamp = period.start;
        point.unit = period.unit;
        for (const auto& name : input.statistics)
            point.statistics[name] = statistic_value(*statistic_from_wire(name), period.statistics);
        for (const auto& name : input.extended_statistics)
            point.extended_statistics[name] = estimate_percentile(period.statistics, *percentile_of(name));
        out.datapoints.push_back(std::move(point));
    }
    return out;
}

Result<std::vector<MetricDataResult>> get_metric_data(const CloudWatchState& state,
                                                      const GetMetricDataInput& input) {
    if (input.queries.empty()) return data_validation("The collection MetricDataQueries must not be empty.");
    if (input.queries.size() > 500) {
        return data_validation("The collection MetricDataQueries must not have a size greater than 500.");
    }
    if (input.start >= input.end)
        return data_validation("The parameter StartTime must be less than the parameter EndTime.");
    if (input.scan_by && std::find(kScanBy.begin(), kScanBy.end(), *input.scan_by) == kScanBy.end())
        return enum_error("scanBy", *input.scan_by, kScanBy);
    if (input.max_datapoints && *input.max_datapoints < 1) {
        return validation_error("maxDatapoints", std::to_string(*input.max_datapoints),
                                "Member must have value greater than or equal to 1");
    }
    // Every answer fits one page, so no token the emulator handed out can be presented.
    if (input.next_token) return invalid_next_token();
    const bool ascending = input.scan_by && *input.scan_by == "TimestampAscending";

    std::set<std::string> ids;
    std::vector<MetricDataResult> results;
    for (std::size_t i = 0; i < input.queries.size(); ++i) {
        const auto& query = input.queries[i];
        const std::string path = member_path("MetricDataQueries", i);
        if (!valid_query_id(query.id)) {
            return data_validation("Invalid metric data query id " + query.id +
                                   ": it must start with a lowercase letter and contain only letters, "
                                   "digits and underscores.");
        }
        if (!ids.insert(query.id).second)
            return data_validation("The values for parameter id in MetricDataQueries are not unique.");
        if (query.metric_stat && query.expression) {
            std::string message = "The parameters ";
            message.append(path).append(".MetricStat and ").append(path);
            message.append(".Expression are mutually exclusive and you have specified both.");
            return data_validation(std::move(message));
        }
        if (query.expression) {
            return data_validation("ecsemu does not evaluate metric math: " + path +
                                   ".Expression is not supported; use MetricStat.");
        }
        if (!query.metric_stat) {
            return data_validation("The parameter " + path +
                                   " must specify either MetricStat or Expression.");
        }
        auto result = run_metric_stat(state, query, path, input, ascending);
        if (!result) return result.error();
        if (query.return_data) results.push_back(std::move(result.value()));
    }
    return results;
}

}  // namespace ecsemu::core::cloudwatch
