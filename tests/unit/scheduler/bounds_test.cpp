#include <catch2/catch.hpp>

#include "emulator/core/scheduler/bounds.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::scheduler;

TEST_CASE("Task cap rounds down and healthy floor rounds up", "[scheduler][bounds]") {
    const auto [desired, min_percent, max_percent, cap, floor] = GENERATE(table<int, int, int, int, int>({
        {2, 100, 200, 4, 2},  // example A
        {2, 50, 100, 2, 1},   // example B
        {2, 0, 100, 2, 0},    // stop everything first
        {2, 75, 125, 2, 2},   // stall
        {3, 100, 125, 3, 3},  // the ECS guide's stall: 3.75 -> 3
        {5, 50, 150, 7, 3},   // 7.5 -> 7, 2.5 -> 3
        {1, 100, 200, 2, 1},
        {0, 100, 200, 0, 0},
        {3, 50, 200, 6, 2},  // 1.5 -> 2
        {10, 90, 110, 11, 9},
        {7, 33, 100, 7, 3},  // 2.31 -> 3
        {1, 1, 100, 1, 1},   // any positive percentage of one task is one task
        {400, 100, 200, 800, 400},
    }));
    INFO("desired " << desired << " min " << min_percent << " max " << max_percent);
    CHECK(compute_task_bounds(desired, min_percent, max_percent) == TaskBounds{cap, floor});
}

TEST_CASE("Circuit breaker threshold is half the desired count, at least 3 and at most 200",
          "[scheduler][bounds]") {
    const auto [desired, threshold] = GENERATE(table<int, int>({
        {0, 3},
        {1, 3},
        {5, 3},
        {6, 3},
        {7, 4},
        {25, 13},
        {399, 200},
        {400, 200},
        {1000, 200},
    }));
    INFO("desired " << desired);
    CHECK(circuit_breaker_threshold(desired, SchedulerKnobs{}) == threshold);
}

TEST_CASE("Circuit breaker threshold follows the knobs (the 2023 guide's minimum of 10)",
          "[scheduler][bounds]") {
    SchedulerKnobs knobs;
    knobs.circuit_breaker_threshold_min_count = 10;
    CHECK(circuit_breaker_threshold(1, knobs) == 10);
    CHECK(circuit_breaker_threshold(25, knobs) == 13);
    CHECK(circuit_breaker_threshold(400, knobs) == 200);
}

TEST_CASE("Launch back-off doubles from 15 s after the second failure up to 27 min", "[scheduler][bounds]") {
    const auto [failures, delay_seconds] = GENERATE(table<int, std::int64_t>({
        {1, 0},
        {2, 15},
        {3, 30},
        {4, 60},
        {5, 120},
        {6, 240},
        {7, 480},
        {8, 960},
        {9, 1620},
        {10, 1620},
        {60, 1620},
    }));
    INFO(failures << " consecutive failures");
    CHECK(launch_backoff_delay(failures, SchedulerKnobs{}) == Duration::seconds(delay_seconds));
}

TEST_CASE("Launch back-off cap follows the knob (the 2023 guide's 15 min)", "[scheduler][bounds]") {
    SchedulerKnobs knobs;
    knobs.launch_backoff_max_delay = Duration::minutes(15);
    CHECK(launch_backoff_delay(8, knobs) == Duration::minutes(15));
    CHECK(launch_backoff_delay(7, knobs) == Duration::seconds(480));
}
