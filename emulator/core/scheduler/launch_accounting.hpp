#pragma once
// The bookkeeping every pass does before deciding anything: counting tasks that failed to start toward the
// circuit breaker (stage 1) and the launch back-off, and noticing deployments whose tasks reached RUNNING.
//
// A start failure is a task that reached STOPPED without ever being RUNNING, with stop code
// TaskFailedToStart or EssentialContainerExited (tasks the scheduler or a user stopped are not failures).
// Each is counted once: the plan carries RecordStartFailure for it, and a recorded task is skipped after.
//
// Circuit breaker, stage 1 (reference §3.5): while a deployment is IN_PROGRESS and none of its tasks has
// reached RUNNING, each start failure adds 1 to its failed_tasks. When one of its tasks reaches RUNNING,
// had_running_task becomes true and failed_tasks resets to 0; from then on only health-check failures count
// (stage 2, counted where unhealthy tasks are stopped: task_steps.cpp).
//
// Launch back-off (reference §3.6): start failures of PRIMARY tasks count as consecutive failures of the
// PRIMARY's task definition; a failure of another revision starts the count again at 1 (a new task
// definition resets the throttle). After n failures the next launch waits launch_backoff_delay(n) from the
// pass that counted them (bounds.hpp). The count resets when a PRIMARY task reaches RUNNING at or after the
// last failure. Tasks that fail after RUNNING are never throttled.
#include "emulator/core/scheduler/plan_pass.hpp"

namespace ecsemu::core::scheduler {

void plan_launch_accounting(PlanPass& pass);

// True when launches for the PRIMARY deployment must wait for the back-off now; then asks to be woken
// when it ends. REQUIRES: pass.primary != nullptr.
bool launches_throttled(PlanPass& pass);

}  // namespace ecsemu::core::scheduler
