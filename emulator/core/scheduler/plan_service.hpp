#pragma once
// The ECS service scheduler for one REPLICA service with the rolling (ECS) deployment controller on Fargate,
// as a pure function: a snapshot of the service in, the next safe step out as a list of actions.
//
//   ServicePlan plan = plan_service(view, clock.now(), knobs);
//
// It reads no clock, does no I/O and keeps no state: the same view and instant always give the same plan.
// It is level-triggered (Kubernetes' syncDeployment): call it whenever something about the service changed
// (an API call, a task status or health observation) and at plan.next_wakeup; after applying a non-empty
// plan, call it again at once, until it returns an empty plan. A settled service yields an empty plan,
// apart from "has reached a steady state." once every SchedulerKnobs::condition_event_repeat.
//
// One pass, in order:
//   1. bookkeeping: start failures, circuit breaker stage 1, launch back-off (launch_accounting.hpp);
//   2. circuit breaker trip and rollback; a trip ends the pass (deployment_lifecycle.hpp);
//   3. nothing more while the PRIMARY deployment is FAILED;
//   4. task starts, then stops, and the stall event (task_steps.hpp);
//   5. drained older deployments leave, then completion and steady state (deployment_lifecycle.hpp);
//   6. next_wakeup: the earliest health delay, grace period, back-off end or condition-event repeat.
//
// Applying the plan (the store's job): apply actions in order; take new task ids from the IdSource for each
// StartTask and render EmitStartedTasksEvent with started_tasks_message() and those ids; see each action's
// comment in service_plan.hpp.
#include "emulator/core/scheduler/scheduler_knobs.hpp"
#include "emulator/core/scheduler/service_plan.hpp"
#include "emulator/core/scheduler/service_view.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::scheduler {

ServicePlan plan_service(const ServiceView& service, Instant now, const SchedulerKnobs& knobs);

}  // namespace ecsemu::core::scheduler
