#include <cmath>

#include "emulator/core/cloudwatch/cloudwatch_errors.hpp"
#include "emulator/core/cloudwatch/metric_operations.hpp"
#include "emulator/core/cloudwatch/standard_units.hpp"

namespace ecsemu::core::cloudwatch {

namespace {

constexpr std::size_t kMaxData = 1000;
constexpr std::size_t kMaxValues = 150;
constexpr std::size_t kMaxDimensions = 30;
// CloudWatch takes values in [-2^360, 2^360] and data up to two weeks old or two hours ahead.
const double kMaxMagnitude = std::ldexp(1.0, 360);
constexpr Duration kOldest = Duration::minutes(std::int64_t{14} * 24 * 60);
constexpr Duration kNewest = Duration::minutes(std::int64_t{2} * 60);

bool acceptable(double value) {
    return std::isfinite(value) && std::fabs(value) <= kMaxMagnitude;
}

struct Recorded {
    metrics::MetricKey key;
    Instant at;
    metrics::StatisticSet statistics;
    std::string unit;
};

// Checks one datum and works out what it adds to the store; nullopt statistics for a datum whose counts
// are all zero (it records nothing).
Result<Recorded> checked_datum(const std::string& namespace_name, const MetricDatumInput& datum,
                               const std::string& path, Instant now) {
    if (datum.metric_name.empty() || datum.metric_name.size() > 255)
        return invalid_value(path + ".MetricName", datum.metric_name);
    if (datum.dimensions.size() > kMaxDimensions) {
        return invalid_parameter("The collection " + path +
                                 ".Dimensions must not have a size greater than 30.");
    }
    auto dimensions = dimensions_from(datum.dimensions, path + ".Dimensions");
    if (!dimensions) return dimensions.error();
    if (datum.value && datum.values) return mutually_exclusive(path + ".Value", path + ".Values");
    if (datum.value && datum.statistic_values)
        return mutually_exclusive(path + ".Value", path + ".StatisticValues");
    if (datum.values && datum.statistic_values)
        return mutually_exclusive(path + ".Values", path + ".StatisticValues");
    if (datum.counts && !datum.values) {
        return invalid_combination("The parameter " + path + ".Counts must be specified with " + path +
                                   ".Values.");
    }
    if (datum.unit && !is_standard_unit(*datum.unit)) return invalid_value(path + ".Unit", *datum.unit);
    if (datum.storage_resolution && *datum.storage_resolution != 1 && *datum.storage_resolution != 60) {
        return invalid_value(path + ".StorageResolution", std::to_string(*datum.storage_resolution));
    }
    const Instant at = datum.timestamp.value_or(now);
    if (at < now - kOldest) {
        return invalid_parameter("The parameter " + path +
                                 ".Timestamp must specify a time no more than two weeks in the past.");
    }
    if (at > now + kNewest) {
        return invalid_parameter("The parameter " + path +
                                 ".Timestamp must specify a time no more than two hours in the future.");
    }

    metrics::StatisticSet statistics;
    if (datum.value) {
        if (!acceptable(*datum.value)) return invalid_value(path + ".Value", std::to_string(*datum.value));
        statistics = metrics::StatisticSet{1, *datum.value, *datum.value, *datum.value};
    } else if (datum.values) {
        const auto& values = *datum.values;
        if (values.size() > kMaxValues) {
            return invalid_parameter("The collection " + path +
                                     ".Values must not have a size greater than 150.");
        }
        if (datum.counts && datum.counts->size() != values.size()) {
            return invalid_parameter("The parameters " + path + ".Values and " + path +
                                     ".Counts must be of the same size.");
        }
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (!acceptable(values[i]))
                return invalid_value(member_path(path + ".Values", i), std::to_string(values[i]));
            const double count = datum.counts ? (*datum.counts)[i] : 1.0;
            if (!std::isfinite(count) || count < 0)
                return invalid_value(member_path(path + ".Counts", i), std::to_string(count));
            if (count == 0) continue;
            statistics.add(metrics::StatisticSet{count, values[i] * count, values[i], values[i]});
        }
    } else if (datum.statistic_values) {
        const auto& set = *datum.statistic_values;
        for (const double v : {set.sample_count, set.sum, set.minimum, set.maximum}) {
            if (!acceptable(v)) return invalid_value(path + ".StatisticValues", std::to_string(v));
        }
        if (set.sample_count <= 0 || set.minimum > set.maximum) {
            return invalid_parameter("The parameter " + path +
                                     ".StatisticValues must have a positive SampleCount and a Minimum no "
                                     "greater than its Maximum.");
        }
        statistics = set;
    } else {
        return AwsError::client("MissingParameter", "At least one of the parameters " + path + ".Value, " +
                                                        path + ".Values or " + path +
                                                        ".StatisticValues must be specified.");
    }
    return Recorded{metrics::MetricKey{namespace_name, datum.metric_name, std::move(dimensions.value())}, at,
                    statistics, datum.unit.value_or("None")};
}

}  // namespace

Status put_metric_data(CloudWatchState& state, const std::string& namespace_name,
                       const std::vector<MetricDatumInput>& data, Instant now) {
    // Namespaces beginning "AWS/" are reserved in AWS; the emulator takes them so that tests can drive
    // AWS/ECS and AWS/ApplicationELB metrics (and the alarms watching them) by hand.
    if (namespace_name.empty() || namespace_name.size() > 255 || namespace_name.front() == ':')
        return invalid_value("Namespace", namespace_name);
    if (data.empty()) return missing_parameter("MetricData");
    if (data.size() > kMaxData)
        return invalid_parameter("The collection MetricData must not have a size greater than 1000.");
    std::vector<Recorded> recorded;
    recorded.reserve(data.size());
    for (std::size_t i = 0; i < data.size(); ++i) {
        auto checked = checked_datum(namespace_name, data[i], member_path("MetricData", i), now);
        if (!checked) return checked.error();
        if (checked->statistics.sample_count > 0) recorded.push_back(std::move(checked.value()));
    }
    for (const auto& entry : recorded) state.metrics.put(entry.key, entry.at, entry.statistics, entry.unit);
    return Ok{};
}

}  // namespace ecsemu::core::cloudwatch
