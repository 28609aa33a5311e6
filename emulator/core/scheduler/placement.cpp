#include "emulator/core/scheduler/placement.hpp"

#include <algorithm>
#include <limits>

namespace ecsemu::core::scheduler {

namespace {

// Lower is stopped first.
int keep_rank(TaskCondition condition) {
    switch (condition) {
        case TaskCondition::Starting:
            return 0;
        case TaskCondition::Unhealthy:
            return 1;
        case TaskCondition::AwaitingHealth:
            return 2;
        case TaskCondition::Healthy:
            return 3;
        case TaskCondition::Leaving:
        case TaskCondition::Stopped:
            break;
    }
    return 4;
}

// True when `a` should be stopped before `b`.
bool stop_before(const StopCandidate& a, const StopCandidate& b, const ZoneSpread& spread) {
    const int zone_a = spread.tasks_in(a.task->availability_zone);
    const int zone_b = spread.tasks_in(b.task->availability_zone);
    if (zone_a != zone_b) return zone_a > zone_b;
    if (a.task->availability_zone != b.task->availability_zone) {
        return a.task->availability_zone < b.task->availability_zone;
    }
    const int rank_a = keep_rank(a.condition);
    const int rank_b = keep_rank(b.condition);
    if (rank_a != rank_b) return rank_a < rank_b;
    if (a.task->created_at != b.task->created_at) return a.task->created_at > b.task->created_at;
    return a.task->id < b.task->id;
}

}  // namespace

ZoneSpread::ZoneSpread(const std::vector<SubnetView>& subnets, const std::vector<TaskEntry>& live_tasks)
    : subnets_(subnets) {
    for (const auto& subnet : subnets_) count_in(subnet.availability_zone);
    for (const auto& entry : live_tasks) {
        if (is_active(entry.condition)) ++count_in(entry.task->availability_zone);
    }
}

std::optional<std::size_t> ZoneSpread::slot_of(const std::string& availability_zone) const {
    for (std::size_t i = 0; i < tasks_per_zone_.size(); ++i) {
        if (tasks_per_zone_[i].first == availability_zone) return i;
    }
    return std::nullopt;
}

int& ZoneSpread::count_in(const std::string& availability_zone) {
    if (const auto slot = slot_of(availability_zone)) return tasks_per_zone_[*slot].second;
    return tasks_per_zone_.emplace_back(availability_zone, 0).second;
}

Placement ZoneSpread::place_next_start() {
    if (subnets_.empty()) return Placement{};
    const SubnetView* best = nullptr;
    int best_count = std::numeric_limits<int>::max();
    for (const auto& subnet : subnets_) {
        const int count = tasks_in(subnet.availability_zone);
        const bool better = best == nullptr || count < best_count ||
                            (count == best_count && subnet.availability_zone < best->availability_zone);
        if (better) {
            best = &subnet;
            best_count = count;
        }
    }
    ++count_in(best->availability_zone);
    return Placement{best->availability_zone, best->subnet_id};
}

int ZoneSpread::tasks_in(const std::string& availability_zone) const {
    const auto slot = slot_of(availability_zone);
    return slot ? tasks_per_zone_[*slot].second : 0;
}

void ZoneSpread::remove_task_from(const std::string& availability_zone) {
    const auto slot = slot_of(availability_zone);
    if (slot && tasks_per_zone_[*slot].second > 0) --tasks_per_zone_[*slot].second;
}

std::vector<StopCandidate> pick_tasks_to_stop(std::vector<StopCandidate> candidates, int count,
                                              int& healthy_budget, ZoneSpread& spread,
                                              bool awaiting_counts_as_healthy) {
    auto uses_budget = [&](TaskCondition condition) {
        return condition == TaskCondition::Healthy ||
               (awaiting_counts_as_healthy && condition == TaskCondition::AwaitingHealth);
    };
    std::vector<StopCandidate> picked;
    while (static_cast<int>(picked.size()) < count) {
        auto best = candidates.end();
        for (auto it = candidates.begin(); it != candidates.end(); ++it) {
            const bool allowed = !uses_budget(it->condition) || healthy_budget > 0;
            if (allowed && (best == candidates.end() || stop_before(*it, *best, spread))) best = it;
        }
        if (best == candidates.end()) break;
        if (uses_budget(best->condition)) --healthy_budget;
        spread.remove_task_from(best->task->availability_zone);
        picked.push_back(*best);
        candidates.erase(best);
    }
    return picked;
}

}  // namespace ecsemu::core::scheduler
