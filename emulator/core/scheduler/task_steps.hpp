#pragma once
// The task starts and stops of one pass: one safe step of a rolling update, of a desiredCount change, or of
// replacing unhealthy tasks. Starts come first (within maximumPercent), then stops (within
// minimumHealthyPercent), as in Kubernetes' rolloutRolling; a stop that frees room for a start is followed
// by that start in the next pass, which the engine runs as soon as this plan is applied.
//
// Starts (PRIMARY deployment only):
//   need      = desired - (primary active - primary Unhealthy)    unhealthy tasks are replaced, not counted
//   headroom  = floor(desired x max%) - tasks counted against the maximum (all deployments)
//   start min(need, headroom), placed by ZoneSpread; none while the launch back-off holds.
// Stops, sharing one healthy budget = healthy tasks (all deployments) - ceil(desired x min%):
//   1. every active task of an older deployment: non-healthy ones freely, healthy ones within the budget;
//   2. Unhealthy PRIMARY tasks whose replacements are healthy:
//        min(unhealthy, primary healthy + unhealthy - desired);
//      with no headroom for a replacement and nothing of the PRIMARY starting, awaiting health or leaving,
//      one Unhealthy task at a time instead (its replacement starts in the next pass);
//   3. PRIMARY tasks above desired (scale-in), within the budget.
// Victims come from the zone with the most tasks (placement.hpp).
// Stall: if the service still needs a start or has older tasks, yet nothing was started or stopped, nothing
// was throttled and nothing is in flight (starting, awaiting health, leaving), no later pass can do better
// without a configuration change: the deployment-configuration event is emitted (as a condition event).
#include "emulator/core/scheduler/plan_pass.hpp"

namespace ecsemu::core::scheduler {

// REQUIRES: pass.primary != nullptr and its rolloutState is not FAILED.
void plan_task_steps(PlanPass& pass);

}  // namespace ecsemu::core::scheduler
