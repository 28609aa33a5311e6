#pragma once
// What one task does with the requests it is sent in one traffic step: a single-queue capacity model. A task
// of C CPU units serves at most C/1024 x 1000 / cpu_ms_per_request requests per second. Below that, at
// utilisation u, the CPU part of a response waits like an M/M/1 queue's (mean cpu_ms / (1 - u)), so latency
// grows as the task saturates and the share of responses over the SLO follows from the exponential tail.
// Offered beyond capacity, the excess fails (the task's queue overflows: the ALB answers 502/503) and what
// is served waits a full queue.
#include <cstdint>

namespace ecsemu::sim {

struct TaskLoadInput {
    double offered_rps = 0;
    double cpu_ms_per_request = 10;
    double latency_ms = 20;  // of an idle task
    int cpu_units = 256;
    double slo_ms = 500;
    double step_seconds = 10;
};

struct TaskLoadResult {
    double requests = 0;
    double served = 0;
    double failed = 0;
    double slow = 0;            // served but slower than the SLO
    double latency_ms_sum = 0;  // over served requests
    double cpu_unit_ms = 0;     // CPU the task spent (ECS CPU units x ms), at most its reservation
    double utilisation = 0;     // offered / capacity (may exceed 1)
};

// Utilisation is capped here, short of 1, so a saturated queue's latency stays finite.
inline constexpr double kSaturatedUtilisation = 0.98;

TaskLoadResult serve_step(const TaskLoadInput& input);

}  // namespace ecsemu::sim
