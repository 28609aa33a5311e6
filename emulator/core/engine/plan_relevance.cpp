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

}  // namespace ecsemu::core::engine
