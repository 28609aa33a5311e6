#include "sim/report/summary_json.hpp"

#include <nlohmann/json.hpp>

#include "sim/report/time_text.hpp"

namespace ecsemu::sim {

namespace {

using Json = nlohmann::ordered_json;

double seconds_of(core::Duration d) {
    return static_cast<double>(d.ms) / 1000.0;
}

Json requests_json(const RequestCounts& requests) {
    Json out;
    out["offered"] = requests.offered;
    out["served"] = requests.served;
    out["failed"] = requests.failed;
    out["slow"] = requests.slow;
    out["failedPercent"] = requests.failed_percent;
    out["slowPercent"] = requests.slow_percent;
    out["failedOrSlowPercent"] = requests.failed_or_slow_percent;
    return out;
}

Json events_json(const EventCounts& counts) {
    Json out;
    out["scaleOuts"] = counts.scale_outs;
    out["scaleIns"] = counts.scale_ins;
    out["scalingNotDone"] = counts.scaling_not_done;
    out["deployments"] = counts.deployments;
    out["injections"] = counts.injections;
    out["taskStarts"] = counts.task_starts;
    out["taskStops"] = counts.task_stops;
    return out;
}

Json scaling_json(const ScalingStep& step) {
    Json out;
    out["time"] = iso8601_utc_millis(step.time);
    out["offsetSeconds"] = seconds_of(step.offset);
    out["kind"] = step.kind;
    out["from"] = step.from;
    out["to"] = step.to;
    out["cause"] = step.cause;
    return out;
}

Json service_json(const ServiceSummary& service) {
    Json out;
    out["label"] = service.label;
    out["serviceName"] = service.service_name;
    out["clusterName"] = service.cluster_name;
    out["cpuUnits"] = service.cpu_units;
    out["memoryMiB"] = service.memory_mib;
    out["scalingMetric"] = service.scaling_metric;
    out["targetValue"] = service.target_value ? Json(*service.target_value) : Json(nullptr);
    out["tasks"] =
        Json{{"min", service.min_running}, {"max", service.max_running}, {"mean", service.mean_running}};
    out["targetCompared"] = service.target_compared;
    out["minutesAboveTarget"] = service.minutes_above_target;
    out["requests"] = requests_json(service.requests);
    out["taskHours"] = service.task_hours;
    out["costUsd"] = service.cost_usd;
    out["events"] = events_json(service.events);
    Json scaling = Json::array();
    for (const ScalingStep& step : service.scaling) scaling.push_back(scaling_json(step));
    out["scaling"] = std::move(scaling);
    return out;
}

}  // namespace

std::string summary_json(const SimSummary& summary) {
    Json out;
    out["scenario"] = summary.scenario;
    out["seed"] = summary.seed;
    out["start"] = iso8601_utc_millis(summary.start);
    out["durationSeconds"] = seconds_of(summary.duration);
    out["sloMs"] = summary.slo_ms;
    Json services = Json::array();
    for (const ServiceSummary& service : summary.services) services.push_back(service_json(service));
    out["services"] = std::move(services);
    Json totals;
    totals["requests"] = requests_json(summary.totals.requests);
    totals["taskHours"] = summary.totals.task_hours;
    totals["costUsd"] = summary.totals.cost_usd;
    totals["events"] = events_json(summary.totals.events);
    out["totals"] = std::move(totals);
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace ecsemu::sim
