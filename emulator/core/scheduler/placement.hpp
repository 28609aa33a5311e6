#pragma once
// Fargate placement for a service: no strategies or constraints, tasks spread over the Availability Zones
// of the service's subnets. New tasks go to the zone with the fewest of the service's active tasks; stopped
// tasks come from the zone with the most (ECS developer guide, "Service scheduler concepts"). Ties go to the
// lexicographically first zone name, so the choice never depends on store order.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/scheduler/census.hpp"
#include "emulator/core/scheduler/service_view.hpp"
#include "emulator/core/scheduler/task_condition.hpp"

namespace ecsemu::core::scheduler {

struct Placement {
    std::string availability_zone;
    std::string subnet_id;  // the first of the service's subnets in that zone
};

// Active tasks per zone, updated as a pass places and stops tasks.
class ZoneSpread {
public:
    ZoneSpread(const std::vector<SubnetView>& subnets, const std::vector<TaskEntry>& live_tasks);

    // The zone with the fewest active tasks among the subnets' zones; counts the new task there. With no
    // subnets, an empty placement (the applier then chooses).
    Placement place_next_start();
    int tasks_in(const std::string& availability_zone) const;
    // By a zone's slot (slot_of), for callers that look one zone up many times; a zone without a slot has no
    // tasks.
    std::optional<std::size_t> slot_of(const std::string& availability_zone) const;
    int tasks_in_slot(std::optional<std::size_t> slot) const;
    void remove_task_from_slot(std::optional<std::size_t> slot);

private:
    // The count of a zone, added at 0 when missing.
    int& count_in(const std::string& availability_zone);

    std::vector<SubnetView> subnets_;
    // Zone -> active tasks. A few zones, looked up once per live task of every plan: a list searched in
    // place, not a tree of strings. Only looked up, so its order decides nothing.
    std::vector<std::pair<std::string, int>> tasks_per_zone_;
};

struct StopCandidate {
    const TaskView* task = nullptr;
    TaskCondition condition = TaskCondition::Starting;
};

// Chooses up to `count` of the candidates to stop, one at a time. Each pick takes, among the candidates still
// allowed, the one in the zone with the most active tasks; ties go to the task least worth keeping
// (Starting, then Unhealthy, then AwaitingHealth, then Healthy), then to the newest (createdAt), then to the
// smallest task id. Healthy candidates are allowed only while healthy_budget > 0 and each one picked spends
// one: that is how the healthy floor is kept. Updates `spread` for every pick.
std::vector<StopCandidate> pick_tasks_to_stop(const std::vector<StopCandidate>& candidates, int count,
                                              int& healthy_budget, ZoneSpread& spread,
                                              bool awaiting_counts_as_healthy = false);

}  // namespace ecsemu::core::scheduler
