#pragma once
// The numbers that bound what one scheduler pass may do: the task cap and the healthy floor of a rolling
// deployment, the circuit breaker threshold and the launch back-off delay. Integer arithmetic only.
#include "emulator/core/scheduler/scheduler_knobs.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::scheduler {

struct TaskBounds {
    // Tasks that may be starting or running at once, across all deployments: floor(desired x max / 100).
    int maximum_tasks = 0;
    // RUNNING healthy tasks that must remain, across all deployments: ceil(desired x min / 100).
    int minimum_healthy_tasks = 0;
    bool operator==(const TaskBounds&) const = default;
};

// REQUIRES: desired_count >= 0, 0 <= minimum_healthy_percent, 0 <= maximum_percent.
TaskBounds compute_task_bounds(int desired_count, int minimum_healthy_percent, int maximum_percent);

// clamp(ceil(0.5 x desired_count), min, max) from the knobs.
int circuit_breaker_threshold(int desired_count, const SchedulerKnobs& knobs);

// How long to wait before the next launch after `consecutive_start_failures` tasks in a row stopped before
// reaching RUNNING. REQUIRES: consecutive_start_failures >= 1.
Duration launch_backoff_delay(int consecutive_start_failures, const SchedulerKnobs& knobs);

}  // namespace ecsemu::core::scheduler
