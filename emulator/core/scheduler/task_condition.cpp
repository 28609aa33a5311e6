#include "emulator/core/scheduler/task_condition.hpp"

namespace ecsemu::core::scheduler {

namespace {

bool is_starting_status(TaskStatus s) {
    return s == TaskStatus::Provisioning || s == TaskStatus::Pending || s == TaskStatus::Activating;
}

// A RUNNING task without startedAt is malformed input; its creation time is the safest stand-in (it only
// makes health delays end earlier, never later).
Instant running_since(const TaskView& task) {
    return task.started_at.value_or(task.created_at);
}

bool checks_pass(const TaskView& task, const HealthRules& rules, Instant now) {
    if (!rules.load_balanced && !rules.container_health_checks) {
        return now >= running_since(task) + rules.healthy_after_running_without_checks;
    }
    const bool container_ok = !rules.container_health_checks || task.health_status == HealthStatus::Healthy;
    const bool target_ok = !rules.load_balanced || task.target_health == TargetHealth::Healthy;
    return container_ok && target_ok;
}

bool checks_fail(const TaskView& task, const HealthRules& rules) {
    const bool container_failing =
        rules.container_health_checks && task.health_status == HealthStatus::Unhealthy;
    const bool target_failing = rules.load_balanced && task.target_health == TargetHealth::Unhealthy;
    return container_failing || target_failing;
}

bool in_grace_period(const TaskView& task, const HealthRules& rules, Instant now) {
    return now < running_since(task) + rules.grace_period;
}

}  // namespace

HealthRules HealthRules::for_service(const ServiceView& service, const SchedulerKnobs& knobs) {
    HealthRules rules;
    rules.load_balanced = service.load_balanced();
    rules.container_health_checks = service.container_health_checks;
    rules.grace_period = Duration::seconds(service.health_check_grace_period_seconds);
    rules.healthy_after_running_without_checks = knobs.healthy_after_running_without_checks;
    return rules;
}

TaskCondition classify_task(const TaskView& task, const HealthRules& rules, Instant now) {
    if (task.last_status == TaskStatus::Stopped) return TaskCondition::Stopped;
    if (task.desired_status == DesiredStatus::Stopped) return TaskCondition::Leaving;
    if (is_starting_status(task.last_status)) return TaskCondition::Starting;
    if (task.last_status != TaskStatus::Running) return TaskCondition::Leaving;
    // A failing check outranks a passing one (container HEALTHY but target unhealthy is unhealthy).
    if (checks_fail(task, rules)) {
        return in_grace_period(task, rules, now) ? TaskCondition::AwaitingHealth : TaskCondition::Unhealthy;
    }
    return checks_pass(task, rules, now) ? TaskCondition::Healthy : TaskCondition::AwaitingHealth;
}

std::optional<Instant> condition_deadline(const TaskView& task, const HealthRules& rules, Instant now) {
    if (classify_task(task, rules, now) != TaskCondition::AwaitingHealth) return std::nullopt;
    if (checks_fail(task, rules)) return running_since(task) + rules.grace_period;
    if (!rules.load_balanced && !rules.container_health_checks) {
        return running_since(task) + rules.healthy_after_running_without_checks;
    }
    return std::nullopt;  // waits for a health observation
}

bool failed_load_balancer_check(const TaskView& task, const HealthRules& rules) {
    return rules.load_balanced && task.target_health == TargetHealth::Unhealthy;
}

}  // namespace ecsemu::core::scheduler
