#pragma once
// Deployment state transitions decided in a pass:
//
// Circuit breaker (reference §3.5): when the IN_PROGRESS PRIMARY deployment's failed_tasks reaches
// circuit_breaker_threshold(desiredCount) and the breaker is enabled, the deployment becomes FAILED
// ("ECS deployment circuit breaker: tasks failed to start.") and no task of it is launched again. With
// rollback, and a last COMPLETED deployment whose revision differs, the failed deployment becomes ACTIVE
// and a new PRIMARY deployment of the completed revision is created; it then replaces the failed and older
// tasks like any rolling update. Without rollback (or with nothing different to roll back to) the service
// is left as it is: no launches, no stops, until UpdateService creates a new deployment.
//
// Drained deployments: a deployment other than the PRIMARY with no active task left (its tasks are all
// stopped or stopping) leaves deployments[] (status INACTIVE). ECS removes it while its last tasks still
// drain (a real log shows "steady state" ~10 s after draining began; reference §9 question 2).
//
// Completion: when a pass decides no start or stop, no older deployment is left, and the PRIMARY has exactly
// desiredCount active tasks, all healthy, an IN_PROGRESS PRIMARY becomes COMPLETED with the events
// "deployment completed." and "has reached a steady state."; a COMPLETED one repeats the steady-state event
// as a condition event (every condition_event_repeat while nothing else happens).
#include "emulator/core/scheduler/plan_pass.hpp"

namespace ecsemu::core::scheduler {

// Returns true when the breaker tripped in this pass; the pass then decides nothing else.
bool plan_circuit_breaker(PlanPass& pass);
void plan_drained_deployments(PlanPass& pass);
void plan_completion(PlanPass& pass);

}  // namespace ecsemu::core::scheduler
