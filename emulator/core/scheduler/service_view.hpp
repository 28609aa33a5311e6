#pragma once
// What plan_service() reads: a read-only snapshot of one REPLICA service with the rolling (ECS) deployment
// controller, its deployments and every one of its tasks. The store fills it by a thin mapping from its own
// model; nothing here points back into the store. Fields the scheduler itself maintains through actions
// (failed_tasks, had_running_task, start_failure_recorded, launch_backoff) are marked "scheduler-owned":
// the store keeps them and hands them back unchanged.
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/scheduler/scheduler_enums.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::scheduler {

struct CircuitBreakerView {
    bool enable = false;
    bool rollback = false;
};

struct DeploymentConfigurationView {
    int minimum_healthy_percent = 100;
    int maximum_percent = 200;
    CircuitBreakerView circuit_breaker;
};

struct SubnetView {
    std::string subnet_id;
    std::string availability_zone;
};

struct DeploymentView {
    std::string id;  // ecs-svc/<19 digits>
    DeploymentStatus status = DeploymentStatus::Primary;
    std::string task_definition_arn;
    Instant created_at;
    RolloutState rollout_state = RolloutState::InProgress;
    int failed_tasks = 0;           // scheduler-owned: the circuit breaker's consecutive failure count
    bool had_running_task = false;  // scheduler-owned: a task of this deployment has reached RUNNING
};

// A deployment that completed, kept by the store even after it drains out of deployments[]: the circuit
// breaker rolls back to it.
struct CompletedDeploymentRef {
    std::string id;
    std::string task_definition_arn;
};

struct TaskView {
    std::string id;             // 32 lowercase hex
    std::string deployment_id;  // startedBy; may name a deployment that has already left deployments[]
    TaskStatus last_status = TaskStatus::Provisioning;
    DesiredStatus desired_status = DesiredStatus::Running;
    HealthStatus health_status = HealthStatus::Unknown;  // container health checks
    // Aggregated over the service's target groups: Healthy only if healthy in all, Unhealthy if unhealthy in
    // any, otherwise the state in the first one.
    TargetHealth target_health = TargetHealth::None;
    Instant created_at;
    std::optional<Instant> started_at;  // set when the task reached RUNNING (the task's startedAt)
    std::string availability_zone;
    std::optional<StopCode> stop_code;
    bool start_failure_recorded = false;  // scheduler-owned: RecordStartFailure was applied to this task

    bool reached_running() const { return started_at.has_value(); }
};

// Throttle state for tasks that stop before RUNNING (see launch_backoff.hpp). Scheduler-owned.
struct LaunchBackoffState {
    int consecutive_start_failures = 0;
    std::string task_definition_arn;  // the revision the failures belong to; another revision resets them
    Instant last_failure_at;
    Instant next_launch_at;
    bool operator==(const LaunchBackoffState&) const = default;
};

struct RecentEvent {
    std::string message;
    Instant created_at;
};

struct ServiceView {
    std::string name;
    int desired_count = 0;
    DeploymentConfigurationView deployment_configuration;
    int health_check_grace_period_seconds = 0;
    std::string target_group_arn;          // first target group of loadBalancers[]; empty when none
    bool container_health_checks = false;  // an essential container of the task definition has a healthCheck
    std::vector<SubnetView> subnets;       // awsvpcConfiguration.subnets, in the order the service lists them
    std::vector<DeploymentView> deployments;  // PRIMARY first
    std::vector<TaskView> tasks;              // every task of the service, STOPPED ones included
    LaunchBackoffState launch_backoff;
    std::optional<CompletedDeploymentRef> last_completed_deployment;
    // The service's events, newest first (as DescribeServices shows them). Only the ones younger than
    // SchedulerKnobs::condition_event_repeat, up to the first that is not a condition event, matter; the
    // store may pass more.
    std::vector<RecentEvent> recent_events;

    bool load_balanced() const { return !target_group_arn.empty(); }
    const DeploymentView* primary_deployment() const;
    const DeploymentView* find_deployment(const std::string& id) const;
};

}  // namespace ecsemu::core::scheduler
