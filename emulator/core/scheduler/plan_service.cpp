#include "emulator/core/scheduler/plan_service.hpp"

#include <optional>

#include "emulator/core/scheduler/deployment_lifecycle.hpp"
#include "emulator/core/scheduler/launch_accounting.hpp"
#include "emulator/core/scheduler/plan_pass.hpp"
#include "emulator/core/scheduler/task_condition.hpp"
#include "emulator/core/scheduler/task_steps.hpp"

namespace ecsemu::core::scheduler {

namespace {

// Whether, of the tasks waiting out the no-check delay, only the last to count as healthy can change an
// empty plan. Without load balancers or container checks every deadline is such a wait. With one deployment,
// no task of another, none unhealthy and none beyond desiredCount, a task turning healthy feeds only the
// steady state (every one of desiredCount healthy: the deployment completes, the steady-state event) and the
// stall check (nothing in flight), and neither can hold while another task still waits or starts. The other
// readers of health, the healthy budget and the order tasks are picked to stop in, are read only when tasks
// are to be stopped, which such a plan cannot come to without something else changing (and anything else
// that changes reconciles the service). A task still starting reaches RUNNING first, which the engine hears.
bool only_last_health_wait_can_decide(const PlanPass& pass) {
    if (!pass.knobs.wake_only_when_health_can_decide) return false;
    if (pass.rules.load_balanced || pass.rules.container_health_checks) return false;
    const Tally& primary = pass.census.primary;
    const Tally& older = pass.census.older;
    return pass.service.deployments.size() == 1 && pass.tasks_started == 0 && pass.tasks_stopped == 0 &&
           older.active() == 0 && older.leaving == 0 && primary.unhealthy == 0 &&
           primary.active() <= pass.service.desired_count;
}

// Health changes that come from time alone (the no-check delay, the end of a grace period) are not
// observed by anyone: the scheduler asks to be woken for them, or for the one of them that can decide.
void wake_for_health_deadlines(PlanPass& pass) {
    const bool only_last = only_last_health_wait_can_decide(pass);
    std::optional<Instant> last;
    for (const auto& entry : pass.census.live) {
        const auto deadline = condition_deadline(*entry.task, pass.rules, pass.now);
        if (!deadline) continue;
        if (!only_last) {
            pass.wake_at(*deadline);
        } else if (!last || *deadline > *last) {
            last = deadline;
        }
    }
    if (only_last && last && pass.census.primary.starting == 0) pass.wake_at(*last);
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
