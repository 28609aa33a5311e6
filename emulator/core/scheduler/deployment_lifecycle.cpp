#include "emulator/core/scheduler/deployment_lifecycle.hpp"

#include "emulator/core/scheduler/event_text.hpp"

namespace ecsemu::core::scheduler {

namespace {

void plan_rollback(PlanPass& pass, const CompletedDeploymentRef& completed) {
    const DeploymentView& failed = *pass.primary;
    pass.add(DeploymentStatusChange{failed.id, DeploymentStatus::Active}, ActionCause::Rollback);
    pass.add(CreateRollbackDeployment{completed.task_definition_arn, completed.id,
                                      circuit_breaker_rollback_reason(completed.id)},
             ActionCause::Rollback);
    pass.add(EmitEvent{EventKind::RollingBack, rolling_back_message(pass.service.name, completed.id)},
             ActionCause::Rollback);
}

}  // namespace

bool plan_circuit_breaker(PlanPass& pass) {
    const DeploymentView& primary = *pass.primary;
    const CircuitBreakerView& breaker = pass.service.deployment_configuration.circuit_breaker;
    if (!breaker.enable || primary.rollout_state != RolloutState::InProgress) return false;
    const int threshold = circuit_breaker_threshold(pass.service.desired_count, pass.knobs);
    if (pass.counters_of(primary.id).failed_tasks < threshold) return false;

    pass.add(DeploymentStateChange{primary.id, RolloutState::Failed, circuit_breaker_failed_reason()},
             ActionCause::CircuitBreaker);
    pass.add(EmitEvent{EventKind::DeploymentFailed, deployment_failed_message(pass.service.name, primary.id)},
             ActionCause::CircuitBreaker);
    const auto& completed = pass.service.last_completed_deployment;
    if (breaker.rollback && completed && completed->task_definition_arn != primary.task_definition_arn) {
        plan_rollback(pass, *completed);
    }
    return true;
}

void plan_drained_deployments(PlanPass& pass) {
    pass.older_deployments_left = 0;
    for (const auto& deployment : pass.service.deployments) {
        if (&deployment == pass.primary) continue;
        if (pass.census.active_tasks_of(deployment.id) > 0) {
            ++pass.older_deployments_left;
            continue;
        }
        pass.add(DeploymentStatusChange{deployment.id, DeploymentStatus::Inactive},
                 ActionCause::DeploymentDrained);
    }
}

void plan_completion(PlanPass& pass) {
    const DeploymentView& primary = *pass.primary;
    const Tally& tally = pass.census.primary;
    const int desired = pass.service.desired_count;
    const bool settled = pass.tasks_started == 0 && pass.tasks_stopped == 0 &&
                         pass.older_deployments_left == 0 && pass.census.older.active() == 0 &&
                         tally.active() == desired && tally.healthy == desired;
    if (!settled) return;
    if (primary.rollout_state == RolloutState::InProgress) {
        pass.add(
            DeploymentStateChange{primary.id, RolloutState::Completed, rollout_completed_reason(primary.id)},
            ActionCause::DeploymentCompleted);
        pass.add(EmitEvent{EventKind::DeploymentCompleted,
                           deployment_completed_message(pass.service.name, primary.id)},
                 ActionCause::DeploymentCompleted);
        // Always follows "deployment completed.", even if the last steady-state event is recent.
        pass.add(EmitEvent{EventKind::SteadyState, steady_state_message(pass.service.name)},
                 ActionCause::SteadyState);
        pass.wake_at(pass.now + pass.knobs.condition_event_repeat);
        return;
    }
    pass.emit_condition_event(EventKind::SteadyState, steady_state_message(pass.service.name),
                              ActionCause::SteadyState);
}

}  // namespace ecsemu::core::scheduler
