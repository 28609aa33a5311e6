#include "emulator/core/container_health_check.hpp"

#include <algorithm>

namespace ecsemu::core {

HealthCheckStep record_health_check(HealthCheckCounter counter, bool passed, bool in_start_period,
                                    int retries) {
    const ContainerHealth before = counter.health;
    if (passed) {
        counter.consecutive_failures = 0;
        counter.health = ContainerHealth::Healthy;
    } else if (!in_start_period) {
        ++counter.consecutive_failures;
        if (counter.consecutive_failures >= std::max(retries, 1)) counter.health = ContainerHealth::Unhealthy;
    }
    return HealthCheckStep{counter, counter.health != before};
}

}  // namespace ecsemu::core
