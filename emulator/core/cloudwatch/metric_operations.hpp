#pragma once
// CloudWatch's metric operations on one region's MetricStore: PutMetricData, GetMetricStatistics,
// GetMetricData (MetricStat queries; metric math is refused) and ListMetrics. Reads never change the store;
// PutMetricData checks every datum before it records any.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/cloudwatch/alarm_operations.hpp"
#include "emulator/core/cloudwatch/cloudwatch_state.hpp"
#include "emulator/core/errors.hpp"

namespace ecsemu::core::cloudwatch {

struct MetricDatumInput {
    std::string metric_name;
    std::vector<DimensionInput> dimensions;
    std::optional<Instant> timestamp;  // now when absent
    std::optional<double> value;
    std::optional<std::vector<double>> values;
    std::optional<std::vector<double>> counts;
    std::optional<metrics::StatisticSet> statistic_values;
    std::optional<std::string> unit;
    std::optional<int> storage_resolution;
};

Status put_metric_data(CloudWatchState& state, const std::string& namespace_name,
                       const std::vector<MetricDatumInput>& data, Instant now);

struct GetMetricStatisticsInput {
    std::string namespace_name;
    std::string metric_name;
    std::vector<DimensionInput> dimensions;
    Instant start;
    Instant end;
    int period_seconds = 60;
    std::vector<std::string> statistics;
    std::vector<std::string> extended_statistics;
    std::optional<std::string> unit;
};

struct StatisticsDatapoint {
    Instant timestamp;
    std::string unit;
    std::map<std::string, double> statistics;           // the requested Statistics, by name
    std::map<std::string, double> extended_statistics;  // the requested pNN, by name
};

struct MetricStatistics {
    std::string label;
    std::vector<StatisticsDatapoint> datapoints;  // oldest first
};

Result<MetricStatistics> get_metric_statistics(const CloudWatchState& state,
                                               const GetMetricStatisticsInput& input, Instant now);

struct MetricStatInput {
    std::string namespace_name;
    std::string metric_name;
    std::vector<DimensionInput> dimensions;
    int period_seconds = 60;
    std::string stat;
    std::optional<std::string> unit;
};

struct MetricDataQueryInput {
    std::string id;
    std::optional<MetricStatInput> metric_stat;
    std::optional<std::string> expression;
    std::optional<std::string> label;
    bool return_data = true;
    std::optional<int> period_seconds;  // for expressions only
};

struct GetMetricDataInput {
    std::vector<MetricDataQueryInput> queries;
    Instant start;
    Instant end;
    std::optional<std::string> scan_by;
    std::optional<int> max_datapoints;
    std::optional<std::string> next_token;
};

struct MetricDataResult {
    std::string id;
    std::string label;
    std::vector<Instant> timestamps;  // in the ScanBy order
    std::vector<double> values;
};

Result<std::vector<MetricDataResult>> get_metric_data(const CloudWatchState& state,
                                                      const GetMetricDataInput& input);

struct DimensionFilterInput {
    std::string name;
    std::optional<std::string> value;
};

struct ListMetricsInput {
    std::optional<std::string> namespace_name;
    std::optional<std::string> metric_name;
    std::vector<DimensionFilterInput> dimensions;
    std::optional<std::string> recently_active;
    std::optional<std::string> next_token;
};

struct MetricList {
    std::vector<metrics::MetricKey> metrics;
    std::optional<std::string> next_token;
};

Result<MetricList> list_metrics(const CloudWatchState& state, const ListMetricsInput& input, Instant now);

}  // namespace ecsemu::core::cloudwatch
