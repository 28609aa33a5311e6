#pragma once
// What `ecsemu sim` models, read from a scenario's "ecsemu.simulation" object (README "Simulation"): when the
// run starts and how long it lasts, the seed, each service's traffic and cost per request, how long Fargate
// takes to start and stop a task, and what happens at given times (deployments and failure injections).
// Everything has a documented default; the scenario's resources say what is deployed.
#include <cstdint>
#include <string>
#include <vector>

#include "emulator/core/time.hpp"

namespace ecsemu::sim {

// One point of a step list or a trace: the rate from `offset` after the start of the run.
struct TrafficPoint {
    core::Duration offset;
    double rps = 0;
};

enum class TrafficShape { Constant, Step, Ramp, Diurnal, Spike, Trace };

// Offered requests per second over the run (traffic_model.hpp evaluates it).
struct TrafficSpec {
    TrafficShape shape = TrafficShape::Constant;
    // constant: the rate. step: the rate before the first step. ramp: the rate before `start`.
    // diurnal: the trough. spike: the rate outside the spike.
    double rps = 0;
    std::vector<TrafficPoint> steps;  // step: the rate becomes points[i].rps at points[i].offset (ascending)
    double to_rps = 0;                // ramp: the rate reached at start + duration (held after)
    double peak_rps = 0;              // diurnal: the daily peak; spike: the rate during the spike
    double peak_hour_utc = 14;        // diurnal: hour of day (UTC, fractional) of the peak; cosine-shaped day
    core::Duration start;             // ramp/spike: when it begins, from the start of the run
    core::Duration duration;          // ramp: how long the ramp takes; spike: how long the peak lasts
    core::Duration rise;              // spike: linear rise to the peak and fall back (0: instant)
    std::vector<TrafficPoint> trace;  // trace: offsets from the trace's first timestamp, ascending; linear
                                      // between points, the last rate held after the end
    std::string trace_file;           // trace: the file it was read from (for messages)
    // Relative standard deviation of per-step noise the runner multiplies in (seeded); 0: none.
    double noise = 0;
};

// A service's requests: what one costs a task and how long it takes unloaded.
struct ServiceModel {
    std::string label;  // the scenario resource label of its ecs:CreateService
    TrafficSpec traffic;
    double cpu_ms_per_request = 10;  // CPU time one request costs (ms of one vCPU)
    double latency_ms = 20;          // response time of an idle task (I/O waits included)
    double memory_mib = 0;           // memory a task uses; 0: a quarter of the task's memory
};

// Fargate-shaped task timings (reference §3.7: created->pull about 12 s, pull 5-8 s, started about 2 s,
// stopping->stopped 45-70 s).
struct StartupSpec {
    core::Duration provisioning = core::Duration::seconds(12);  // PROVISIONING -> PENDING
    double start_median_seconds = 8;  // PENDING -> containers running (image pull and start), lognormal
    double start_p95_seconds = 12;
    core::Duration activating = core::Duration::seconds(2);
    double stop_max_seconds = 25;  // SIGTERM -> exit, uniform in [1, stop_max_seconds]
    core::Duration deprovisioning = core::Duration::seconds(45);
};

enum class InjectionKind { Deploy, KillTasks, AzOutage, SlowStarts };
enum class TaskBehaviour { Healthy, FailsHealthChecks, CrashesOnStart };

// Something that happens `at` after the start of the run.
struct Injection {
    core::Duration at;
    InjectionKind kind = InjectionKind::Deploy;
    std::string service;  // Deploy, KillTasks: the CreateService label
    // Deploy: a new task definition revision like the service's current one with this image on its first
    // container (empty: the same image, a forced new deployment), whose tasks behave as `behaviour`.
    std::string image;
    TaskBehaviour behaviour = TaskBehaviour::Healthy;
    // Deploy: the update also turns on the deployment circuit breaker with rollback (as
    // `--deployment-configuration deploymentCircuitBreaker={enable=true,rollback=true}` does).
    bool circuit_breaker = false;
    int count = 1;                  // KillTasks: how many running tasks exit (oldest first)
    std::string availability_zone;  // AzOutage: every task there exits and none starts there for `duration`
    core::Duration duration;        // AzOutage, SlowStarts
    double factor = 1;              // SlowStarts: start-up times are multiplied by this for `duration`
};

// Fargate on-demand Linux/x86 prices, ap-southeast-1 (Singapore), USD.
struct Prices {
    double vcpu_hour = 0.05056;
    double gb_hour = 0.00553;
};

struct SimulationSpec {
    core::Instant start{1'767'571'200'000};  // 2026-01-05T00:00:00Z (a Monday)
    core::Duration duration = core::Duration::minutes(std::int64_t{60} * 24);
    std::uint64_t seed = 1;
    double slo_ms = 500;                                // requests slower than this count as slow
    core::Duration step = core::Duration::seconds(10);  // traffic resolution
    std::vector<ServiceModel> services;
    StartupSpec startup;
    std::vector<Injection> events;  // ascending by `at`
    Prices prices;
};

}  // namespace ecsemu::sim
