#pragma once
// Where a task stands for the scheduler, from its status, its health and the time. The five live
// conditions partition the tasks the scheduler counts:
//   Starting        PROVISIONING, PENDING or ACTIVATING with desiredStatus RUNNING. Counts against
//                   maximumPercent: ECS's "PENDING" covers every pre-RUNNING state, and these tasks hold an
//                   ENI and capacity already.
//   AwaitingHealth  RUNNING, not yet healthy (or failing checks inside the grace period).
//   Healthy         RUNNING and healthy; only these count toward minimumHealthyPercent.
//   Unhealthy       RUNNING and failing its checks after the grace period: to be replaced.
//   Leaving         told to stop (desiredStatus STOPPED) or already past RUNNING, not yet STOPPED.
#include <optional>

#include "emulator/core/scheduler/scheduler_knobs.hpp"
#include "emulator/core/scheduler/service_view.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::scheduler {

enum class TaskCondition { Starting, AwaitingHealth, Healthy, Unhealthy, Leaving, Stopped };

// How health is judged for one service (reference §3.1):
//   no load balancer, no container health check -> healthy `healthy_after_running_without_checks` after
//   RUNNING container health check                       -> healthy when healthStatus is HEALTHY load
//   balancer                                -> healthy when the target is `healthy` both -> both
// Failing results (UNHEALTHY, target `unhealthy`) are ignored for healthCheckGracePeriodSeconds after the
// task reached RUNNING.
struct HealthRules {
    bool load_balanced = false;
    bool container_health_checks = false;
    Duration grace_period;
    Duration healthy_after_running_without_checks;

    static HealthRules for_service(const ServiceView& service, const SchedulerKnobs& knobs);
};

TaskCondition classify_task(const TaskView& task, const HealthRules& rules, Instant now);

// Starting, AwaitingHealth, Healthy and Unhealthy tasks are the service's active tasks: they hold a slot of
// desiredCount and count against maximumPercent.
constexpr bool is_active(TaskCondition c) {
    return c == TaskCondition::Starting || c == TaskCondition::AwaitingHealth ||
           c == TaskCondition::Healthy || c == TaskCondition::Unhealthy;
}

// The instant at which the task's condition changes with no new observation: the end of the no-check delay
// of an AwaitingHealth task, or the end of the grace period of a task already reporting failing checks.
std::optional<Instant> condition_deadline(const TaskView& task, const HealthRules& rules, Instant now);

// The failing check named in a stop reason: the load balancer's when the target is unhealthy, else the
// container's. REQUIRES: classify_task(...) == Unhealthy.
bool failed_load_balancer_check(const TaskView& task, const HealthRules& rules);

}  // namespace ecsemu::core::scheduler
