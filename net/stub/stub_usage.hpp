#pragma once
// The stub runtime's usage model, for the CPUUtilization and MemoryUtilization metrics target tracking
// reads. Stubs burn no real CPU: each request served costs ECSEMU_STUB_CPU_MS_PER_REQUEST of modelled CPU
// time, spread over the real time of the window it was served in, on top of an idle baseline
// (ECSEMU_STUB_IDLE_CPU_PERCENT of the task's reservation). Memory is the containers' ECSEMU_STUB_MEMORY_MIB.
// Only containers whose ports are open count toward the baseline and memory: one still starting, or gone,
// uses nothing.
//
// Nothing is capped here: the sampler caps CPU at the reservation, as Fargate's cgroup limits do.
#include <cstdint>
#include <string>
#include <vector>

#include "emulator/core/task_usage.hpp"

namespace ecsemu::net {

struct StubContainerUsage {
    bool running = false;         // its ports are open
    double idle_cpu_percent = 0;  // ECSEMU_STUB_IDLE_CPU_PERCENT
    double memory_mib = 0;        // ECSEMU_STUB_MEMORY_MIB
};

struct StubUsageWindow {
    int cpu_reservation_units = 0;               // the task definition's cpu
    std::vector<StubContainerUsage> containers;  // every container of the task, running or not
    std::int64_t request_cpu_us = 0;             // modelled CPU of the requests served in the window
    double elapsed_seconds = 0;                  // real time the window lasted
};

// 1024 x request CPU seconds / elapsed seconds, plus each running container's idle percentage of its equal
// share of the reservation. A window of no length has no request CPU to spread, only the baseline.
core::TaskUsage model_stub_usage(const std::string& task_id, const StubUsageWindow& window);

}  // namespace ecsemu::net
