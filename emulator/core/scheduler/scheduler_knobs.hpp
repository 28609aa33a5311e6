#pragma once
// Tunables of the service scheduler. Defaults follow what ECS documents or is observed to do (reference
// §3 of aws-behaviour.md); the simulator may vary them within the ranges noted.
#include "emulator/core/time.hpp"

namespace ecsemu::core::scheduler {

struct SchedulerKnobs {
    // A task with neither a load balancer nor container health checks counts as healthy this long after it
    // reached RUNNING (ECS: 40 s). Range 0-120 s.
    Duration healthy_after_running_without_checks = Duration::seconds(40);

    // "has reached a steady state." and the other condition events (stall, launch throttling) are not
    // repeated while nothing else happened for this long (ECS: about 6 h, seen 21,603-21,616 s).
    Duration condition_event_repeat = Duration::minutes(360);  // 6 h

    // Launch back-off for tasks that stop before RUNNING: the first failure is retried at once, the second
    // waits launch_backoff_first_delay, each further one doubles it, up to launch_backoff_max_delay.
    // ECS documents only "incrementally increased up to a maximum of 27 minutes" (current developer guide,
    // service-throttle-logic.html; the 2023 guide said 15 minutes). We use the current 27 min.
    Duration launch_backoff_first_delay = Duration::seconds(15);
    Duration launch_backoff_max_delay = Duration::minutes(27);

    // Circuit breaker threshold = clamp(ceil(0.5 x desiredCount), min, max). The current API reference says
    // min 3 (the 2023 developer guide said 10).
    int circuit_breaker_threshold_min_count = 3;
    int circuit_breaker_threshold_max_count = 200;

    // Whether tasks already told to stop (desiredStatus STOPPED, still DEACTIVATING/STOPPING while their
    // targets drain) count against maximumPercent. ECS does not document it (reference §9 question 2); by
    // default they do not, so a 50/100 rollout starts the replacement while the old task drains.
    bool leaving_tasks_count_against_maximum = false;

    // Whether a plan asks to be made again only at the moments a health delay can change it (the last of
    // its tasks waiting out healthy_after_running_without_checks, in the plans plan_service.cpp describes)
    // rather than at every task's. Off, it wakes for each: the decisions are the same either way, which a
    // test checks by running both.
    bool wake_only_when_health_can_decide = true;
};

}  // namespace ecsemu::core::scheduler
