#pragma once
// What a simulation run produced, before it is rendered: a per-minute timeline per service and the event
// log. Everything here is a function of the scenario and the seed (no wall-clock figures), so rendering it
// twice gives identical bytes.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/time.hpp"
#include "sim/spec/simulation_spec.hpp"

namespace ecsemu::sim {

// One emulated minute of one service, [minute, minute + 60 s).
struct TimelineRow {
    core::Instant minute;
    double rps = 0;             // offered requests per second, averaged over the minute
    double cpu_percent = 0;     // AWS/ECS CPUUtilization (Average) the service reported for the minute
    double memory_percent = 0;  // AWS/ECS MemoryUtilization (Average)
    // At the end of the minute:
    int desired = 0;
    int running = 0;  // lastStatus RUNNING
    int healthy = 0;  // healthy in the target group (RUNNING tasks when the service has no load balancer)
    int pending = 0;  // PROVISIONING, PENDING or ACTIVATING
    // Over the minute:
    std::uint64_t requests = 0;  // offered
    std::uint64_t failed = 0;    // answered with an error (no healthy target, overloaded task)
    std::uint64_t slow = 0;      // served slower than the SLO
    double mean_latency_ms = 0;  // over served requests
    double task_seconds = 0;     // seconds of running tasks (for task-hours and cost)
};

struct ServiceTimeline {
    std::string label;         // scenario resource label
    std::string service_name;  // ECS serviceName
    std::string cluster_name;
    int cpu_units = 0;  // task size
    int memory_mib = 0;
    // The target-tracking policy on the service, if any: its predefined metric and target value.
    std::string scaling_metric;  // "ECSServiceAverageCPUUtilization", ...
    std::optional<double> target_value;
    std::vector<TimelineRow> rows;  // one per minute of the run, ascending
};

// One line of events.jsonl. `kind` is one of: "scale-out", "scale-in", "scaling-not-done",
// "deployment" (a deployment started, completed, failed or rolled back), "task-started" (RUNNING),
// "task-stopped", "injection" (a scheduled deployment or failure from the scenario).
struct SimEvent {
    core::Instant time;
    std::string kind;
    std::string service;  // label; empty for region-wide injections (AZ outage)
    std::string detail;   // human-readable
    std::string cause;    // why (the alarm, the stop reason, the injection)
    std::string task_id;  // task events
    int from = 0;         // scaling: desired count before and after
    int to = 0;
};

struct SimResult {
    std::string scenario_file;
    std::uint64_t seed = 0;
    core::Instant start;
    core::Duration duration;
    double slo_ms = 0;
    Prices prices;
    std::vector<ServiceTimeline> services;  // in scenario order
    // Ascending by time (stable for equal times). A deque: a week of a large fleet records hundreds of
    // thousands, and a vector moved every one of them each time it grew.
    std::deque<SimEvent> events;
};

}  // namespace ecsemu::sim
