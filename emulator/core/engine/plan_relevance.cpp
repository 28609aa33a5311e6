#include "emulator/core/engine/plan_relevance.hpp"

#include "emulator/core/ecs/task_definitions.hpp"
#include "emulator/core/engine/service_view_builder.hpp"

namespace ecsemu::core::engine {

PlannedStatus planned_status(ecs::TaskStatus status, ecs::DesiredStatus desired) {
    if (status != ecs::TaskStatus::Stopped && desired == ecs::DesiredStatus::Stopped)
        return PlannedStatus::Leaving;
    switch (status) {
        case ecs::TaskStatus::Provisioning:
        case ecs::TaskStatus::Pending:
        case ecs::TaskStatus::Activating:
            return PlannedStatus::Starting;
        case ecs::TaskStatus::Running:
            return PlannedStatus::Running;
        case ecs::TaskStatus::Deactivating:
        case ecs::TaskStatus::Stopping:
        case ecs::TaskStatus::Deprovisioning:
            return PlannedStatus::Leaving;
        case ecs::TaskStatus::Stopped:
            return PlannedStatus::Stopped;
    }
    return PlannedStatus::Stopped;
}

PlannedTaskFacts planned_facts_of(const ecs::Task& task) {
    PlannedTaskFacts facts;
    facts.status = planned_status(task.last_status, task.desired_status);
    facts.desired_status = task.desired_status;
    facts.health_status = task.health_status;
    facts.created_at = task.created_at;
    facts.started_at = task.started_at;
    facts.stop_code = task.stop_code;
    facts.start_failure_recorded = task.start_failure_recorded;
    return facts;
}

bool plan_can_change(const PlannedTaskFacts& before, const PlannedTaskFacts& after, const ecs::Service* owner,
                     bool leaving_tasks_count_against_maximum) {
    if (after == before) return false;
    PlannedTaskFacts settled = before;
    settled.status = PlannedStatus::Stopped;
    const bool stopped_after_running =
        before.status == PlannedStatus::Leaving && after == settled && after.started_at.has_value();
    return !(stopped_after_running && owner != nullptr && owner->status == ecs::ServiceStatus::Active &&
             owner->deployments.size() == 1 && !leaving_tasks_count_against_maximum);
}

bool registration_can_change_plan(const ecs::Service& owner) {
    return !owner.load_balancers.empty() && owner.launch_backoff.consecutive_start_failures != 0;
}

std::optional<Instant> health_wakeup_instead_of_plan(const ecs::EcsState& state,
                                                     const PlannedTaskFacts& before,
                                                     const PlannedTaskFacts& after, const ecs::Service& owner,
                                                     const ecs::Task& task, Duration healthy_after_running,
                                                     Instant now) {
    // The move: from starting to RUNNING, nothing else the plan reads changed but the start time.
    if (before.status != PlannedStatus::Starting || after.status != PlannedStatus::Running)
        return std::nullopt;
    if (before.started_at || !after.started_at) return std::nullopt;
    PlannedTaskFacts expected = before;
    expected.status = PlannedStatus::Running;
    expected.started_at = after.started_at;
    if (after != expected) return std::nullopt;
    const Instant healthy_at = *after.started_at + healthy_after_running;
    if (healthy_at <= now) return std::nullopt;
    // The service: nothing the move could change but the task's condition.
    if (owner.status != ecs::ServiceStatus::Active || owner.deployments.size() != 1) return std::nullopt;
    const ecs::Deployment* primary = owner.primary_deployment();
    if (primary == nullptr || primary->id != task.deployment_id || !primary->had_running_task ||
        primary->rollout_state == ecs::RolloutState::Failed) {
        return std::nullopt;
    }
    if (owner.launch_backoff.consecutive_start_failures != 0 || !owner.load_balancers.empty())
        return std::nullopt;
    const ecs::TaskDefinition* task_definition =
        ecs::find_task_definition(state, primary->task_definition_arn);
    if (task_definition != nullptr && has_container_health_checks(*task_definition)) return std::nullopt;
    return healthy_at;
}

}  // namespace ecsemu::core::engine
