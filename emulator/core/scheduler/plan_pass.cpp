#include "emulator/core/scheduler/plan_pass.hpp"

#include <utility>

#include "emulator/core/scheduler/condition_events.hpp"

namespace ecsemu::core::scheduler {

PlanPass::PlanPass(const ServiceView& service_view, Instant pass_now, const SchedulerKnobs& pass_knobs)
    : service(service_view),
      now(pass_now),
      knobs(pass_knobs),
      rules(HealthRules::for_service(service_view, pass_knobs)),
      primary(service_view.primary_deployment()),
      census(take_census(service_view, primary, rules, pass_now)),
      bounds(compute_task_bounds(service_view.desired_count,
                                 service_view.deployment_configuration.minimum_healthy_percent,
                                 service_view.deployment_configuration.maximum_percent)),
      backoff(service_view.launch_backoff) {
    for (const auto& deployment : service.deployments) {
        counters_.emplace(deployment.id,
                          DeploymentCounters{deployment.failed_tasks, deployment.had_running_task,
                                             ActionCause::LaunchFailure});
    }
}

void PlanPass::add(Action action, ActionCause cause) {
    actions_.push_back({std::move(action), cause});
}

void PlanPass::add_bookkeeping(Action action, ActionCause cause) {
    bookkeeping_.push_back({std::move(action), cause});
}

DeploymentCounters& PlanPass::counters_of(const std::string& deployment_id) {
    return counters_[deployment_id];
}

void PlanPass::wake_at(Instant at) {
    if (at <= now) return;
    if (!wakeup_ || at < *wakeup_) wakeup_ = at;
}

void PlanPass::emit_condition_event(EventKind kind, const std::string& message, ActionCause cause) {
    const auto reported_at = condition_reported_at(service.recent_events, message, service.name, now,
                                                   knobs.condition_event_repeat);
    if (reported_at) {
        wake_at(*reported_at + knobs.condition_event_repeat);
        return;
    }
    add(EmitEvent{kind, message}, cause);
    wake_at(now + knobs.condition_event_repeat);
}

ServicePlan PlanPass::finish() {
    ServicePlan plan;
    plan.actions = std::move(bookkeeping_);
    // In deployments[] order, so the plan never depends on map order or on which step changed what.
    for (const auto& deployment : service.deployments) {
        const DeploymentCounters& now_counters = counters_[deployment.id];
        if (now_counters.failed_tasks == deployment.failed_tasks &&
            now_counters.had_running_task == deployment.had_running_task) {
            continue;
        }
        plan.actions.push_back(
            {SetDeploymentCounters{deployment.id, now_counters.failed_tasks, now_counters.had_running_task},
             now_counters.cause});
    }
    if (!(backoff == service.launch_backoff)) {
        plan.actions.push_back({SetLaunchBackoff{backoff}, ActionCause::LaunchFailure});
    }
    for (auto& action : actions_) plan.actions.push_back(std::move(action));
    plan.next_wakeup = wakeup_;
    return plan;
}

}  // namespace ecsemu::core::scheduler
