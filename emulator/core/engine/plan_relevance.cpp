#include "emulator/core/engine/plan_relevance.hpp"

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

}  // namespace ecsemu::core::engine
