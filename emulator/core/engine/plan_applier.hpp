#pragma once
// Applies one ServicePlan to the store, action by action in plan order, and records each in the change log
// with its cause. The only place the scheduler's decisions become writes (guideline 2). What each action
// does is documented on the action (scheduler/service_plan.hpp); the store-side details are here:
//   StartTask          launch_task() with the service's launch target, the deployment's platform version,
//                      the planner's subnet, group "service:<name>", startedBy = deployment id; ids from the
//                      engine's IdSource. A task that cannot be placed is logged (TaskLaunchFailed).
//   StopTask           desiredStatus STOPPED, stopCode, stoppedReason, stoppingAt (the lifecycle takes it
//   down). EmitStartedTasksEvent  rendered with the ids this plan's StartTasks were given.
//   CreateRollbackDeployment  a new PRIMARY from make_deployment() with the given reason; the service's
//                      taskDefinition becomes the rolled-back-to revision.
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/engine/change_log.hpp"
#include "emulator/core/ids.hpp"
#include "emulator/core/model/ec2.hpp"
#include "emulator/core/scheduler/service_plan.hpp"

namespace ecsemu::core::engine {

struct ApplyContext {
    ecs::EcsState& state;
    const Ec2Directory& ec2;
    IdSource& ids;  // the engine's own
    ChangeLog& log;
    Instant now;
    std::string service_label;  // "<cluster>/<service>" for the change log
};

struct AppliedPlan {
    std::vector<std::string> started_task_ids;
    // (cluster name, task id) of every task launched or told to stop: the only tasks whose lifecycle a plan
    // can move (a lifecycle step reads nothing but its task and whether the service is load balanced).
    std::vector<std::pair<std::string, std::string>> touched_tasks;
    int launch_failures = 0;
};

// REQUIRES: `service` lives in ctx.state.
AppliedPlan apply_service_plan(ApplyContext& ctx, ecs::Service& service, const scheduler::ServicePlan& plan);

// Keeps each deployment's desiredCount in step with what the scheduler is doing: the PRIMARY wants the
// service's desiredCount; an older deployment wants the tasks it still has that are not told to stop.
void sync_deployment_desired_counts(const ecs::EcsState& state, ecs::Service& service, Instant now);

}  // namespace ecsemu::core::engine
