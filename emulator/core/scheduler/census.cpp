#include "emulator/core/scheduler/census.hpp"

#include <algorithm>

namespace ecsemu::core::scheduler {

void Tally::add(TaskCondition condition) {
    switch (condition) {
        case TaskCondition::Starting:
            ++starting;
            break;
        case TaskCondition::AwaitingHealth:
            ++awaiting_health;
            break;
        case TaskCondition::Healthy:
            ++healthy;
            break;
        case TaskCondition::Unhealthy:
            ++unhealthy;
            break;
        case TaskCondition::Leaving:
            ++leaving;
            break;
        case TaskCondition::Stopped:
            break;
    }
}

Tally Tally::operator+(const Tally& other) const {
    Tally sum;
    sum.starting = starting + other.starting;
    sum.awaiting_health = awaiting_health + other.awaiting_health;
    sum.healthy = healthy + other.healthy;
    sum.unhealthy = unhealthy + other.unhealthy;
    sum.leaving = leaving + other.leaving;
    return sum;
}

int Census::counted_against_maximum(const SchedulerKnobs& knobs) const {
    const Tally all = total();
    return all.active() + (knobs.leaving_tasks_count_against_maximum ? all.leaving : 0);
}

int Census::active_tasks_of(const std::string& deployment_id) const {
    return static_cast<int>(std::count_if(live.begin(), live.end(), [&](const TaskEntry& entry) {
        return entry.task->deployment_id == deployment_id && is_active(entry.condition);
    }));
}

Census take_census(const ServiceView& service, const DeploymentView* primary, const HealthRules& rules,
                   Instant now) {
    Census census;
    census.live.reserve(service.tasks.size());
    for (const auto& task : service.tasks) {
        const TaskCondition condition = classify_task(task, rules, now);
        if (condition == TaskCondition::Stopped) continue;
        const bool is_primary = primary != nullptr && task.deployment_id == primary->id;
        census.live.push_back(TaskEntry{&task, condition, is_primary});
        (is_primary ? census.primary : census.older).add(condition);
    }
    // Ids, not store order, decide every tie later on. The engine's views already come in id order (the
    // store's), so this is mostly one check.
    const auto by_id = [](const TaskEntry& a, const TaskEntry& b) { return a.task->id < b.task->id; };
    if (!std::is_sorted(census.live.begin(), census.live.end(), by_id))
        std::sort(census.live.begin(), census.live.end(), by_id);
    return census;
}

}  // namespace ecsemu::core::scheduler
