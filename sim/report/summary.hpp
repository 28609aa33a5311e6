#pragma once
// The figures a finished run is judged by, computed once from the SimResult so that the stdout summary,
// summary.json and report.html agree: scaling activity, task counts, time spent above the scaling target,
// requests that failed or missed the SLO, task-hours and what they cost.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/time.hpp"
#include "sim/report/sim_result.hpp"

namespace ecsemu::sim {

// One "scale-out" or "scale-in" event of a service.
struct ScalingStep {
    core::Instant time;
    core::Duration offset;  // from the start of the run
    std::string kind;       // "scale-out" | "scale-in"
    int from = 0;
    int to = 0;
    std::string cause;
};

// How many events of each kind (for one service, or for the whole run).
struct EventCounts {
    int scale_outs = 0;
    int scale_ins = 0;
    int scaling_not_done = 0;
    int deployments = 0;
    int injections = 0;
    int task_starts = 0;
    int task_stops = 0;
};

struct RequestCounts {
    std::uint64_t offered = 0;
    std::uint64_t served = 0;  // offered - failed
    std::uint64_t failed = 0;
    std::uint64_t slow = 0;  // served, but slower than the SLO
    // Percentages of the offered requests; 0 when nothing was offered.
    double failed_percent = 0;
    double slow_percent = 0;
    double failed_or_slow_percent = 0;
};

struct ServiceSummary {
    std::string label;
    std::string service_name;
    std::string cluster_name;
    int cpu_units = 0;
    int memory_mib = 0;
    std::string scaling_metric;
    std::optional<double> target_value;

    std::vector<ScalingStep> scaling;  // ascending by time
    EventCounts events;

    // RUNNING tasks at the end of each minute; every row weighs one minute.
    int min_running = 0;
    int max_running = 0;
    double mean_running = 0;

    // Minutes whose utilisation was above the target. Only the CPU and memory target-tracking metrics are
    // compared (with cpu_percent or memory_percent); for any other metric, or with no policy, the count is
    // 0 and `target_compared` is false.
    bool target_compared = false;
    int minutes_above_target = 0;

    RequestCounts requests;
    double task_hours = 0;
    double cost_usd = 0;
};

struct SimTotals {
    RequestCounts requests;
    double task_hours = 0;
    double cost_usd = 0;
    EventCounts events;  // every event of the run, region-wide injections included
};

struct SimSummary {
    std::string scenario;
    std::uint64_t seed = 0;
    core::Instant start;
    core::Duration duration;
    double slo_ms = 0;
    std::vector<ServiceSummary> services;  // in the result's (scenario) order
    SimTotals totals;
};

SimSummary summarize(const SimResult& result);

// Fargate price of one task of this size for one hour.
double task_hour_price_usd(int cpu_units, int memory_mib, const Prices& prices);

}  // namespace ecsemu::sim
