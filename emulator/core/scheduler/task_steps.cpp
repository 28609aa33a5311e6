#include "emulator/core/scheduler/task_steps.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/scheduler/event_text.hpp"
#include "emulator/core/scheduler/launch_accounting.hpp"
#include "emulator/core/scheduler/placement.hpp"

namespace ecsemu::core::scheduler {

namespace {

// The pass's zone spread, counted the first time a start is placed or a stop is picked: most passes do
// neither (a task turned RUNNING, a plan re-checked after it was applied), and counting walks every live
// task.
class SpreadOnDemand {
public:
    explicit SpreadOnDemand(const PlanPass& pass) : pass_(pass) {}
    ZoneSpread& get() {
        if (!spread_) spread_.emplace(pass_.service.subnets, pass_.census.live);
        return *spread_;
    }

private:
    const PlanPass& pass_;
    std::optional<ZoneSpread> spread_;
};

struct StartNeed {
    int base = 0;         // PRIMARY tasks missing to reach desiredCount
    int replacement = 0;  // further starts that replace Unhealthy PRIMARY tasks
    int headroom = 0;     // free slots under maximumPercent
    int total() const { return base + replacement; }
};

// Worked examples:
//   example A, first pass: desired 2, 100/200, 2 healthy old tasks, no PRIMARY task:
//     base = 2 - 0 = 2, replacement = 0, headroom = 4 - 2 = 2 -> start 2.
//   unhealthy replacement: desired 2, 100/200, PRIMARY has 1 healthy + 1 Unhealthy:
//     base = 2 - 2 = 0, replacement = (2 - (2 - 1)) - 0 = 1, headroom = 4 - 2 = 2 -> start 1.
//   same with 100/100: headroom = 2 - 2 = 0 -> start none; the Unhealthy task is stopped first.
StartNeed start_need(const PlanPass& pass) {
    const int desired = pass.service.desired_count;
    const Tally& primary = pass.census.primary;
    StartNeed need;
    need.base = std::max(0, desired - primary.active());
    need.replacement = std::max(0, desired - (primary.active() - primary.unhealthy)) - need.base;
    need.headroom = std::max(0, pass.bounds.maximum_tasks - pass.census.counted_against_maximum(pass.knobs));
    return need;
}

void plan_starts(PlanPass& pass, SpreadOnDemand& spread, const StartNeed& need) {
    const int count = std::min(need.total(), need.headroom);
    if (count <= 0) return;
    if (launches_throttled(pass)) {
        pass.launches_deferred = true;
        pass.emit_condition_event(EventKind::UnableToStartConsistently,
                                  unable_to_start_consistently_message(pass.service.name),
                                  ActionCause::LaunchThrottled);
        return;
    }
    const DeploymentView& primary = *pass.primary;
    const ActionCause base_cause =
        primary.rollout_state == RolloutState::InProgress ? ActionCause::Rollout : ActionCause::DesiredCount;
    const int base_starts = std::min(count, need.base);
    for (int i = 0; i < count; ++i) {
        const Placement placement = spread.get().place_next_start();
        pass.add(StartTask{primary.id, primary.task_definition_arn, placement.availability_zone,
                           placement.subnet_id},
                 i < base_starts ? base_cause : ActionCause::UnhealthyTask);
    }
    pass.add(EmitStartedTasksEvent{count, count - base_starts},
             base_starts > 0 ? base_cause : ActionCause::UnhealthyTask);
    pass.tasks_started = count;
}

// Collects the stops of a pass so that they are announced in one event each for running and pending tasks,
// as ECS groups them.
class StopBatch {
public:
    void stop(PlanPass& pass, const StopCandidate& victim, ActionCause cause) {
        const TaskView& task = *victim.task;
        pass.add(StopTask{task.id, StopCode::ServiceSchedulerInitiated, stopped_reason(pass, victim)}, cause);
        ++pass.tasks_stopped;
        if (task.last_status == TaskStatus::Running) {
            running_ids_.push_back(task.id);
            running_cause_ = running_ids_.size() == 1 ? cause : running_cause_;
        } else {
            pending_cause_ = pending_count_ == 0 ? cause : pending_cause_;
            ++pending_count_;
        }
    }

    void emit_events(PlanPass& pass) const {
        if (!running_ids_.empty()) {
            pass.add(EmitEvent{EventKind::TasksStopped,
                               stopped_running_tasks_message(pass.service.name, running_ids_)},
                     running_cause_);
        }
        if (pending_count_ > 0) {
            pass.add(EmitEvent{EventKind::TasksStopped,
                               stopped_pending_tasks_message(pass.service.name, pending_count_)},
                     pending_cause_);
        }
    }

private:
    static std::string stopped_reason(const PlanPass& pass, const StopCandidate& victim) {
        if (victim.condition != TaskCondition::Unhealthy)
            return scaling_activity_reason(victim.task->deployment_id);
        if (failed_load_balancer_check(*victim.task, pass.rules)) {
            return elb_health_check_failure_reason(pass.service.target_group_arn);
        }
        return container_health_check_failure_reason();
    }

    std::vector<std::string> running_ids_;
    ActionCause running_cause_ = ActionCause::Rollout;
    int pending_count_ = 0;
    ActionCause pending_cause_ = ActionCause::Rollout;
};

template <class Predicate>
std::vector<StopCandidate> stop_candidates(const Census& census, Predicate wanted) {
    std::vector<StopCandidate> candidates;
    for (const auto& entry : census.live) {
        if (is_active(entry.condition) && wanted(entry)) candidates.push_back({entry.task, entry.condition});
    }
    return candidates;
}

// RUNNING tasks of older deployments still in their health wait (no checks: 40 s after RUNNING) have been
// serving all along: they count towards the minimum like healthy ones, so a deployment right after another
// does not stop them before their replacements are healthy.
void plan_older_stops(PlanPass& pass, SpreadOnDemand& spread, int& healthy_budget, StopBatch& batch) {
    auto candidates = stop_candidates(pass.census, [](const TaskEntry& entry) { return !entry.primary; });
    const int count = static_cast<int>(candidates.size());
    if (count == 0) return;
    int budget = healthy_budget + pass.census.older.awaiting_health;
    const int budget_before = budget;
    for (const auto& victim : pick_tasks_to_stop(candidates, count, budget, spread.get(),
                                                 /*awaiting_counts_as_healthy=*/true)) {
        batch.stop(pass, victim, ActionCause::Rollout);
    }
    healthy_budget -= budget_before - budget;
}

bool stop_one_unhealthy_without_headroom(const PlanPass& pass, const StartNeed& need) {
    const Tally& primary = pass.census.primary;
    return pass.tasks_started == 0 && !pass.launches_deferred && need.replacement > 0 && need.headroom == 0 &&
           primary.in_flight() == 0 && primary.leaving == 0;
}

// Stage 2 of the circuit breaker: a task of the deployment in progress stopped for failing health checks.
void count_health_check_failure(PlanPass& pass) {
    if (pass.primary->rollout_state != RolloutState::InProgress) return;
    DeploymentCounters& counters = pass.counters_of(pass.primary->id);
    ++counters.failed_tasks;
    counters.cause = ActionCause::UnhealthyTask;
}

void plan_unhealthy_stops(PlanPass& pass, SpreadOnDemand& spread, const StartNeed& need, StopBatch& batch) {
    const Tally& primary = pass.census.primary;
    if (primary.unhealthy == 0) return;
    const int replaced = primary.healthy + primary.unhealthy - pass.service.desired_count;
    int count = std::clamp(replaced, 0, primary.unhealthy);
    if (count == 0 && stop_one_unhealthy_without_headroom(pass, need)) count = 1;
    if (count == 0) return;
    auto candidates = stop_candidates(pass.census, [](const TaskEntry& entry) {
        return entry.primary && entry.condition == TaskCondition::Unhealthy;
    });
    int no_healthy_budget = 0;
    for (const auto& victim : pick_tasks_to_stop(candidates, count, no_healthy_budget, spread.get())) {
        batch.stop(pass, victim, ActionCause::UnhealthyTask);
        count_health_check_failure(pass);
    }
}

void plan_surplus_stops(PlanPass& pass, SpreadOnDemand& spread, int& healthy_budget, StopBatch& batch) {
    const Tally& primary = pass.census.primary;
    const int surplus = primary.active() - primary.unhealthy - pass.service.desired_count;
    if (surplus <= 0) return;
    auto candidates = stop_candidates(pass.census, [](const TaskEntry& entry) {
        return entry.primary && entry.condition != TaskCondition::Unhealthy;
    });
    for (const auto& victim : pick_tasks_to_stop(candidates, surplus, healthy_budget, spread.get())) {
        batch.stop(pass, victim, ActionCause::DesiredCount);
    }
}

void plan_stall_event(PlanPass& pass, const StartNeed& need) {
    const Tally all = pass.census.total();
    const bool work_left = need.total() > 0 || pass.census.older.active() > 0;
    const bool nothing_in_flight = all.in_flight() == 0 && all.leaving == 0;
    if (!work_left || !nothing_in_flight || pass.tasks_started > 0 || pass.tasks_stopped > 0 ||
        pass.launches_deferred) {
        return;
    }
    pass.emit_condition_event(EventKind::DeploymentConfigurationStall,
                              deployment_configuration_stall_message(pass.service.name),
                              ActionCause::ConfigurationStall);
}

}  // namespace

void plan_task_steps(PlanPass& pass) {
    SpreadOnDemand spread(pass);
    const StartNeed need = start_need(pass);
    plan_starts(pass, spread, need);

    // Example A after one new task turned healthy: 3 healthy - floor 2 = 1 old task may stop.
    // Example B first pass: 2 healthy old tasks - floor 1 = 1 may stop before anything starts.
    int healthy_budget = pass.census.total().healthy - pass.bounds.minimum_healthy_tasks;
    StopBatch batch;
    plan_older_stops(pass, spread, healthy_budget, batch);
    plan_unhealthy_stops(pass, spread, need, batch);
    plan_surplus_stops(pass, spread, healthy_budget, batch);
    batch.emit_events(pass);
    plan_stall_event(pass, need);
}

}  // namespace ecsemu::core::scheduler
