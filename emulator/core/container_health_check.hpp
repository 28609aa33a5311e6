#pragma once
// The container healthCheck's state machine, Docker style, shared by every runtime: a check that passes
// makes the container HEALTHY and resets the count; failures inside `startPeriod` do not count; `retries`
// consecutive failures after it make it UNHEALTHY.
#include "emulator/core/task_runtime.hpp"

namespace ecsemu::core {

struct HealthCheckCounter {
    ContainerHealth health = ContainerHealth::Unknown;
    int consecutive_failures = 0;
};

struct HealthCheckStep {
    HealthCheckCounter counter;
    bool changed = false;  // health differs from before the check
};

// One check result applied to the counter. retries below 1 count as 1.
HealthCheckStep record_health_check(HealthCheckCounter counter, bool passed, bool in_start_period,
                                    int retries);

}  // namespace ecsemu::core
