#pragma once
// One pass's count of a service's live tasks by condition, split between the PRIMARY deployment and all
// older ones. Taken once per pass; the steps read it and never recount.
#include <string>
#include <vector>

#include "emulator/core/scheduler/scheduler_knobs.hpp"
#include "emulator/core/scheduler/service_view.hpp"
#include "emulator/core/scheduler/task_condition.hpp"

namespace ecsemu::core::scheduler {

struct TaskEntry {
    const TaskView* task = nullptr;
    TaskCondition condition = TaskCondition::Starting;
    bool primary = false;  // started by the PRIMARY deployment
};

struct Tally {
    int starting = 0;
    int awaiting_health = 0;
    int healthy = 0;
    int unhealthy = 0;
    int leaving = 0;

    int active() const { return starting + awaiting_health + healthy + unhealthy; }
    // Active tasks that may still become healthy without being replaced.
    int in_flight() const { return starting + awaiting_health; }
    void add(TaskCondition condition);
    Tally operator+(const Tally& other) const;
};

struct Census {
    std::vector<TaskEntry> live;  // every task not yet STOPPED, ordered by task id
    Tally primary;
    Tally older;  // other deployments, including ones that already left deployments[]

    Tally total() const { return primary + older; }
    // The number maximumPercent bounds (see SchedulerKnobs::leaving_tasks_count_against_maximum).
    int counted_against_maximum(const SchedulerKnobs& knobs) const;
    int active_tasks_of(const std::string& deployment_id) const;
};

// REQUIRES: primary is null or points into service.deployments.
Census take_census(const ServiceView& service, const DeploymentView* primary, const HealthRules& rules,
                   Instant now);

}  // namespace ecsemu::core::scheduler
