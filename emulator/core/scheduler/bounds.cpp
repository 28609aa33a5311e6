#include "emulator/core/scheduler/bounds.hpp"

#include <algorithm>
#include <cstdint>

namespace ecsemu::core::scheduler {

namespace {

// Percentages are integers, so desired x percent is exact in 64 bits and the rounding is a division:
//   floor(a / 100) = a / 100              (a >= 0)
//   ceil(a / 100)  = (a + 99) / 100       (a >= 0)
std::int64_t floor_div_100(std::int64_t a) {
    return a / 100;
}
std::int64_t ceil_div_100(std::int64_t a) {
    return (a + 99) / 100;
}

}  // namespace

// Worked examples (reference §3.1-3.3):
//   desired 2, min 100, max 200: cap = floor(400/100) = 4, floor = ceil(200/100) = 2
//     -> room for 2 new tasks before any old one stops (example A).
//   desired 2, min 50, max 100:  cap = floor(200/100) = 2, floor = ceil(100/100) = 1
//     -> no room to start; one old task may stop first (example B).
//   desired 2, min 0, max 100:   cap = 2, floor = 0 -> every old task may stop at once.
//   desired 2, min 75, max 125:  cap = floor(250/100) = 2, floor = ceil(150/100) = 2
//     -> neither a start nor a stop fits: the deployment stalls.
//   desired 3, min 100, max 125: cap = floor(375/100) = 3, floor = 3 -> also stalls (the ECS guide's
//   example). desired 5, min 50, max 150:  cap = floor(750/100) = 7, floor = ceil(250/100) = 3.
TaskBounds compute_task_bounds(int desired_count, int minimum_healthy_percent, int maximum_percent) {
    const std::int64_t desired = std::max(desired_count, 0);
    TaskBounds bounds;
    bounds.maximum_tasks = static_cast<int>(floor_div_100(desired * std::max(maximum_percent, 0)));
    bounds.minimum_healthy_tasks =
        static_cast<int>(ceil_div_100(desired * std::max(minimum_healthy_percent, 0)));
    return bounds;
}

// Worked examples with the default knobs (min 3, max 200):
//   desired 1 -> ceil(0.5) = 1 -> 3;  desired 6 -> 3;  desired 7 -> ceil(3.5) = 4;
//   desired 25 -> 13;  desired 400 -> 200;  desired 1000 -> 500 -> 200.
int circuit_breaker_threshold(int desired_count, const SchedulerKnobs& knobs) {
    const int half_rounded_up = (std::max(desired_count, 0) + 1) / 2;
    return std::clamp(
        half_rounded_up, knobs.circuit_breaker_threshold_min_count,
        std::max(knobs.circuit_breaker_threshold_min_count, knobs.circuit_breaker_threshold_max_count));
}

// A single failure is not "repeatedly failing", so it is retried at once; from the second consecutive
// failure the wait doubles from the first delay up to the cap. With the defaults (15 s, 27 min):
//   failures: 1    2     3     4     5      6      7      8       9+
//   delay:    0 s  15 s  30 s  1 min 2 min  4 min  8 min  16 min  27 min
Duration launch_backoff_delay(int consecutive_start_failures, const SchedulerKnobs& knobs) {
    if (consecutive_start_failures <= 1) return Duration{0};
    const std::int64_t cap_ms = knobs.launch_backoff_max_delay.ms;
    std::int64_t delay_ms = knobs.launch_backoff_first_delay.ms;
    for (int n = 2; n < consecutive_start_failures && delay_ms < cap_ms; ++n) delay_ms *= 2;
    return Duration{std::min(delay_ms, cap_ms)};
}

}  // namespace ecsemu::core::scheduler
