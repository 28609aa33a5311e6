#include "emulator/api/cloudwatch/cloudwatch_encode.hpp"
#include "emulator/api/cloudwatch/cloudwatch_operations.hpp"
#include "emulator/core/cloudwatch/metric_operations.hpp"

namespace ecsemu::api::cloudwatch {

namespace {

using nlohmann::json;
namespace cw = core::cloudwatch;

// A DatapointValueMap. Query has no automatic map form: botocore's XML parser reads each child of the map
// element as a <key>/<value> pair whatever the child is called, so list members serve as entries.
json encode_value_map(const std::map<std::string, double>& values, Protocol protocol) {
    if (protocol == Protocol::Query) {
        json entries = json::array();
        for (const auto& [key, value] : values) entries.push_back({{"key", key}, {"value", value}});
        return entries;
    }
    json out = json::object();
    for (const auto& [key, value] : values) out[key] = value;
    return out;
}

core::Result<core::Instant> required_time(const Params& p, const char* key) {
    auto value = p.timestamp(key, key);
    if (!value) return value.error();
    if (!value.value())
        return core::AwsError::client("MissingParameter",
                                      std::string("The parameter ") + key + " is required.");
    return *value.value();
}

core::Result<cw::MetricDatumInput> datum_input(const Params& p, std::size_t index) {
    cw::MetricDatumInput datum;
    datum.metric_name = p.string("MetricName").value_or("");
    datum.dimensions = p.dimensions("Dimensions");
    auto timestamp =
        p.timestamp("Timestamp", "MetricData.member." + std::to_string(index + 1) + ".Timestamp");
    if (!timestamp) return timestamp.error();
    datum.timestamp = timestamp.value();
    datum.value = p.number("Value");
    datum.values = p.numbers("Values");
    datum.counts = p.numbers("Counts");
    if (p.has("StatisticValues")) {
        const Params set = p.child("StatisticValues");
        datum.statistic_values =
            core::metrics::StatisticSet{set.number("SampleCount").value_or(0), set.number("Sum").value_or(0),
                                        set.number("Minimum").value_or(0), set.number("Maximum").value_or(0)};
    }
    datum.unit = p.string("Unit");
    datum.storage_resolution = p.integer("StorageResolution");
    return datum;
}

}  // namespace

ApiResult put_metric_data(OperationContext& ctx) {
    const Params& p = ctx.params;
    if (!p.list("EntityMetricData").empty()) {
        return core::AwsError::client("InvalidParameterValue",
                                      "ecsemu does not take EntityMetricData; send MetricData instead.");
    }
    std::vector<cw::MetricDatumInput> data;
    const auto elements = p.list("MetricData");
    for (std::size_t i = 0; i < elements.size(); ++i) {
        auto datum = datum_input(elements[i], i);
        if (!datum) return datum.error();
        data.push_back(std::move(datum.value()));
    }
    auto status = cw::put_metric_data(ctx.state, p.string("Namespace").value_or(""), data, ctx.call.now);
    if (!status) return status.error();
    return json();
}

ApiResult get_metric_statistics(OperationContext& ctx) {
    const Params& p = ctx.params;
    cw::GetMetricStatisticsInput input;
    input.namespace_name = p.string("Namespace").value_or("");
    input.metric_name = p.string("MetricName").value_or("");
    input.dimensions = p.dimensions("Dimensions");
    auto start = required_time(p, "StartTime");
    if (!start) return start.error();
    auto end = required_time(p, "EndTime");
    if (!end) return end.error();
    input.start = start.value();
    input.end = end.value();
    input.period_seconds = p.integer("Period").value_or(0);
    input.statistics = p.strings("Statistics");
    input.extended_statistics = p.strings("ExtendedStatistics");
    input.unit = p.string("Unit");
    auto statistics = cw::get_metric_statistics(ctx.state, input, ctx.call.now);
    if (!statistics) return statistics.error();
    json datapoints = json::array();
    for (const auto& point : statistics->datapoints) {
        json out{{"Timestamp", encode_timestamp(point.timestamp, ctx.call.protocol)}, {"Unit", point.unit}};
        for (const auto& [name, value] : point.statistics) out[name] = value;
        if (!point.extended_statistics.empty())
            out["ExtendedStatistics"] = encode_value_map(point.extended_statistics, ctx.call.protocol);
        datapoints.push_back(std::move(out));
    }
    return json{{"Label", statistics->label}, {"Datapoints", std::move(datapoints)}};
}

ApiResult get_metric_data(OperationContext& ctx) {
    const Params& p = ctx.params;
    cw::GetMetricDataInput input;
    auto start = required_time(p, "StartTime");
    if (!start) return start.error();
    auto end = required_time(p, "EndTime");
    if (!end) return end.error();
    input.start = start.value();
    input.end = end.value();
    input.scan_by = p.string("ScanBy");
    input.max_datapoints = p.integer("MaxDatapoints");
    input.next_token = p.string("NextToken");
    for (const auto& q : p.list("MetricDataQueries")) {
        cw::MetricDataQueryInput query;
        query.id = q.string("Id").value_or("");
        query.expression = q.string("Expression");
        query.label = q.string("Label");
        query.return_data = q.boolean("ReturnData").value_or(true);
        query.period_seconds = q.integer("Period");
        if (q.has("MetricStat")) {
            const Params stat = q.child("MetricStat");
            const Params metric = stat.child("Metric");
            query.metric_stat = cw::MetricStatInput{
                metric.string("Namespace").value_or(""), metric.string("MetricName").value_or(""),
                metric.dimensions("Dimensions"),         stat.integer("Period").value_or(0),
                stat.string("Stat").value_or(""),        stat.string("Unit")};
        }
        input.queries.push_back(std::move(query));
    }
    auto results = cw::get_metric_data(ctx.state, input);
    if (!results) return results.error();
    json encoded = json::array();
    for (const auto& result : results.value()) {
        json timestamps = json::array();
        for (const auto& at : result.timestamps)
            timestamps.push_back(encode_timestamp(at, ctx.call.protocol));
        encoded.push_back({{"Id", result.id},
                           {"Label", result.label},
                           {"Timestamps", std::move(timestamps)},
                           {"Values", result.values},
                           {"StatusCode", "Complete"},
                           {"Messages", json::array()}});
    }
    return json{{"MetricDataResults", std::move(encoded)}, {"Messages", json::array()}};
}

ApiResult list_metrics(OperationContext& ctx) {
    const Params& p = ctx.params;
    cw::ListMetricsInput input;
    input.namespace_name = p.string("Namespace");
    input.metric_name = p.string("MetricName");
    for (const auto& filter : p.list("Dimensions"))
        input.dimensions.push_back({filter.string("Name").value_or(""), filter.string("Value")});
    input.recently_active = p.string("RecentlyActive");
    input.next_token = p.string("NextToken");
    auto listed = cw::list_metrics(ctx.state, input, ctx.call.now);
    if (!listed) return listed.error();
    json metrics = json::array();
    for (const auto& key : listed->metrics) {
        metrics.push_back({{"Namespace", key.namespace_name},
                           {"MetricName", key.metric_name},
                           {"Dimensions", encode_dimensions(key.dimensions)}});
    }
    json out{{"Metrics", std::move(metrics)}};
    if (listed->next_token) out["NextToken"] = *listed->next_token;
    return out;
}

}  // namespace ecsemu::api::cloudwatch
