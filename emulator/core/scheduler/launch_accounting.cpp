#include "emulator/core/scheduler/launch_accounting.hpp"

#include <algorithm>
#include <vector>

namespace ecsemu::core::scheduler {

namespace {

bool is_unrecorded_start_failure(const TaskView& task) {
    if (task.last_status != TaskStatus::Stopped || task.reached_running() || task.start_failure_recorded) {
        return false;
    }
    return task.stop_code == StopCode::TaskFailedToStart ||
           task.stop_code == StopCode::EssentialContainerExited;
}

// Store order must not matter: failures are handled in task id order.
std::vector<const TaskView*> unrecorded_start_failures(const ServiceView& service) {
    std::vector<const TaskView*> failures;
    for (const auto& task : service.tasks) {
        if (is_unrecorded_start_failure(task)) failures.push_back(&task);
    }
    std::sort(failures.begin(), failures.end(),
              [](const TaskView* a, const TaskView* b) { return a->id < b->id; });
    return failures;
}

void note_running_deployments(PlanPass& pass) {
    for (const auto& deployment : pass.service.deployments) {
        DeploymentCounters& counters = pass.counters_of(deployment.id);
        if (counters.had_running_task) continue;
        const bool reached_running =
            std::any_of(pass.service.tasks.begin(), pass.service.tasks.end(), [&](const TaskView& task) {
                return task.deployment_id == deployment.id && task.reached_running();
            });
        if (!reached_running) continue;
        counters.had_running_task = true;
        counters.failed_tasks = 0;
        counters.cause = ActionCause::LaunchFailure;
    }
}

void reset_backoff_after_success(PlanPass& pass) {
    if (pass.backoff.consecutive_start_failures == 0) return;
    const bool started_since_failure =
        std::any_of(pass.service.tasks.begin(), pass.service.tasks.end(), [&](const TaskView& task) {
            return task.deployment_id == pass.primary->id && task.started_at &&
                   *task.started_at >= pass.backoff.last_failure_at;
        });
    if (started_since_failure) pass.backoff = LaunchBackoffState{};
}

void count_backoff_failure(PlanPass& pass) {
    LaunchBackoffState& backoff = pass.backoff;
    if (backoff.task_definition_arn != pass.primary->task_definition_arn) {
        backoff = LaunchBackoffState{};
        backoff.task_definition_arn = pass.primary->task_definition_arn;
    }
    ++backoff.consecutive_start_failures;
    backoff.last_failure_at = pass.now;
    backoff.next_launch_at = pass.now + launch_backoff_delay(backoff.consecutive_start_failures, pass.knobs);
}

void count_breaker_failure(PlanPass& pass, const DeploymentView& deployment) {
    if (deployment.rollout_state != RolloutState::InProgress) return;
    DeploymentCounters& counters = pass.counters_of(deployment.id);
    if (counters.had_running_task) return;
    ++counters.failed_tasks;
    counters.cause = ActionCause::LaunchFailure;
}

}  // namespace

void plan_launch_accounting(PlanPass& pass) {
    note_running_deployments(pass);
    if (pass.primary != nullptr) reset_backoff_after_success(pass);
    for (const TaskView* task : unrecorded_start_failures(pass.service)) {
        pass.add_bookkeeping(RecordStartFailure{task->id}, ActionCause::LaunchFailure);
        const DeploymentView* deployment = pass.service.find_deployment(task->deployment_id);
        if (deployment == nullptr) continue;
        count_breaker_failure(pass, *deployment);
        if (deployment == pass.primary) count_backoff_failure(pass);
    }
}

bool launches_throttled(PlanPass& pass) {
    const LaunchBackoffState& backoff = pass.backoff;
    const bool throttled = backoff.consecutive_start_failures > 0 &&
                           backoff.task_definition_arn == pass.primary->task_definition_arn &&
                           pass.now < backoff.next_launch_at;
    if (throttled) pass.wake_at(backoff.next_launch_at);
    return throttled;
}

}  // namespace ecsemu::core::scheduler
