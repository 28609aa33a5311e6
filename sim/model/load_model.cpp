#include "sim/model/load_model.hpp"

#include <algorithm>
#include <cmath>

namespace ecsemu::sim {

TaskLoadResult serve_step(const TaskLoadInput& input) {
    TaskLoadResult out;
    out.requests = std::max(0.0, input.offered_rps) * input.step_seconds;
    if (out.requests <= 0) return out;
    const double cost_ms = std::max(input.cpu_ms_per_request, 1e-6);
    const double capacity_rps = input.cpu_units / 1024.0 * 1000.0 / cost_ms;
    out.utilisation = input.offered_rps / capacity_rps;
    const double u = std::min(out.utilisation, kSaturatedUtilisation);
    out.served = std::min(out.requests, capacity_rps * input.step_seconds);
    out.failed = out.requests - out.served;
    const double cpu_mean_ms = cost_ms / (1.0 - u);
    out.latency_ms_sum = out.served * (input.latency_ms + cpu_mean_ms);
    // P(latency_ms + Exp(mean cpu_mean_ms) > slo).
    const double headroom_ms = input.slo_ms - input.latency_ms;
    const double slow_share = headroom_ms <= 0 ? 1.0 : std::exp(-headroom_ms / cpu_mean_ms);
    out.slow = out.served * slow_share;
    // One vCPU busy for a millisecond is 1024 CPU-unit milliseconds (what the emulator's stubs charge).
    out.cpu_unit_ms = out.served * cost_ms * 1024.0;
    return out;
}

}  // namespace ecsemu::sim
