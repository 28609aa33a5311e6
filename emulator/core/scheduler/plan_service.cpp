#include "emulator/core/scheduler/plan_service.hpp"

#include "emulator/core/scheduler/deployment_lifecycle.hpp"
#include "emulator/core/scheduler/launch_accounting.hpp"
#include "emulator/core/scheduler/plan_pass.hpp"
#include "emulator/core/scheduler/task_condition.hpp"
#include "emulator/core/scheduler/task_steps.hpp"

namespace ecsemu::core::scheduler {

namespace {

// Health changes that come from time alone (the no-check delay, the end of a grace period) are not
// observed by anyone: the scheduler asks to be woken for them.
void wake_for_health_deadlines(PlanPass& pass) {
    for (const auto& entry : pass.census.live) {
        if (const auto deadline = condition_deadline(*entry.task, pass.rules, pass.now))
            pass.wake_at(*deadline);
    }
}

}  // namespace

ServicePlan plan_service(const ServiceView& service, Instant now, const SchedulerKnobs& knobs) {
    PlanPass pass(service, now, knobs);
    if (pass.primary == nullptr) return pass.finish();
    plan_launch_accounting(pass);
    if (plan_circuit_breaker(pass)) return pass.finish();
    if (pass.primary->rollout_state == RolloutState::Failed) return pass.finish();
    plan_task_steps(pass);
    plan_drained_deployments(pass);
    plan_completion(pass);
    wake_for_health_deadlines(pass);
    return pass.finish();
}

}  // namespace ecsemu::core::scheduler
