#include "emulator/core/scheduler/placement.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <vector>

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

// A candidate with its zone resolved once: the picks compare every candidate with the best so far, once per
// task stopped, and comparing zone names there was most of a scale-in's plan.
struct RankedCandidate {
    StopCandidate candidate;
    std::optional<std::size_t> zone_slot;  // its zone's place in the spread, if the spread counts the zone
    std::size_t zone_order = 0;            // its zone's place among the candidates' zones, by name
};

// True when `a` should be stopped before `b`: the fuller zone first, then the zone first by name, then the
// task least worth keeping, then the newest, then the smallest id.
bool stop_before(const RankedCandidate& a, const RankedCandidate& b, const ZoneSpread& spread) {
    const int zone_a = spread.tasks_in_slot(a.zone_slot);
    const int zone_b = spread.tasks_in_slot(b.zone_slot);
    if (zone_a != zone_b) return zone_a > zone_b;
    if (a.zone_order != b.zone_order) return a.zone_order < b.zone_order;
    const int rank_a = keep_rank(a.candidate.condition);
    const int rank_b = keep_rank(b.candidate.condition);
    if (rank_a != rank_b) return rank_a < rank_b;
    const TaskView& task_a = *a.candidate.task;
    const TaskView& task_b = *b.candidate.task;
    if (task_a.created_at != task_b.created_at) return task_a.created_at > task_b.created_at;
    return task_a.id < task_b.id;
}

std::vector<RankedCandidate> ranked(const std::vector<StopCandidate>& candidates, const ZoneSpread& spread) {
    std::vector<const std::string*> zones;
    zones.reserve(candidates.size());
    for (const StopCandidate& candidate : candidates) zones.push_back(&candidate.task->availability_zone);
    const auto by_name = [](const std::string* a, const std::string* b) { return *a < *b; };
    std::sort(zones.begin(), zones.end(), by_name);
    zones.erase(std::unique(zones.begin(), zones.end(),
                            [](const std::string* a, const std::string* b) { return *a == *b; }),
                zones.end());
    std::vector<RankedCandidate> out;
    out.reserve(candidates.size());
    for (const StopCandidate& candidate : candidates) {
        const std::string& zone = candidate.task->availability_zone;
        const auto order = std::lower_bound(zones.begin(), zones.end(), &zone, by_name) - zones.begin();
        out.push_back({candidate, spread.slot_of(zone), static_cast<std::size_t>(order)});
    }
    return out;
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
        const std::string& zone = tasks_per_zone_[i].first;
        // Zones of a region differ in their last letter: checked first, before the whole name.
        if (zone.size() == availability_zone.size() &&
            (zone.empty() || zone.back() == availability_zone.back()) && zone == availability_zone)
            return i;
    }
    return std::nullopt;
}

int ZoneSpread::tasks_in_slot(std::optional<std::size_t> slot) const {
    return slot ? tasks_per_zone_[*slot].second : 0;
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
    return tasks_in_slot(slot_of(availability_zone));
}

void ZoneSpread::remove_task_from_slot(std::optional<std::size_t> slot) {
    if (slot && tasks_per_zone_[*slot].second > 0) --tasks_per_zone_[*slot].second;
}

std::vector<StopCandidate> pick_tasks_to_stop(const std::vector<StopCandidate>& candidates, int count,
                                              int& healthy_budget, ZoneSpread& spread,
                                              bool awaiting_counts_as_healthy) {
    auto uses_budget = [&](TaskCondition condition) {
        return condition == TaskCondition::Healthy ||
               (awaiting_counts_as_healthy && condition == TaskCondition::AwaitingHealth);
    };
    std::vector<RankedCandidate> remaining = ranked(candidates, spread);
    std::vector<StopCandidate> picked;
    while (static_cast<int>(picked.size()) < count) {
        auto best = remaining.end();
        for (auto it = remaining.begin(); it != remaining.end(); ++it) {
            const bool allowed = !uses_budget(it->candidate.condition) || healthy_budget > 0;
            if (allowed && (best == remaining.end() || stop_before(*it, *best, spread))) best = it;
        }
        if (best == remaining.end()) break;
        if (uses_budget(best->candidate.condition)) --healthy_budget;
        spread.remove_task_from_slot(best->zone_slot);
        picked.push_back(best->candidate);
        remaining.erase(best);
    }
    return picked;
}

}  // namespace ecsemu::core::scheduler
