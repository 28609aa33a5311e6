#include <catch2/catch.hpp>

#include "emulator/core/scheduler/task_condition.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::scheduler;

namespace {

constexpr Instant kNow{1'700'000'000'000};

enum class Checks { None, Container, LoadBalancer, Both };

HealthRules rules_for(Checks checks, int grace_seconds) {
    HealthRules rules;
    rules.load_balanced = checks == Checks::LoadBalancer || checks == Checks::Both;
    rules.container_health_checks = checks == Checks::Container || checks == Checks::Both;
    rules.grace_period = Duration::seconds(grace_seconds);
    rules.healthy_after_running_without_checks = Duration::seconds(40);
    return rules;
}

TaskView running_for(int seconds, HealthStatus health, TargetHealth target) {
    TaskView task;
    task.id = "t01";
    task.last_status = TaskStatus::Running;
    task.created_at = kNow - Duration::seconds(seconds + 20);
    task.started_at = kNow - Duration::seconds(seconds);
    task.health_status = health;
    task.target_health = target;
    return task;
}

}  // namespace

TEST_CASE("A RUNNING task's condition follows the service's checks and the grace period",
          "[scheduler][condition]") {
    using H = HealthStatus;
    using T = TargetHealth;
    using C = TaskCondition;
    const auto [checks, running_s, grace_s, health, target, expected] =
        GENERATE(table<Checks, int, int, H, T, C>({
            {Checks::None, 39, 0, H::Unknown, T::None, C::AwaitingHealth},
            {Checks::None, 40, 0, H::Unknown, T::None, C::Healthy},
            {Checks::Container, 300, 0, H::Unknown, T::None, C::AwaitingHealth},
            {Checks::Container, 1, 0, H::Healthy, T::None, C::Healthy},
            {Checks::Container, 10, 0, H::Unhealthy, T::None, C::Unhealthy},
            {Checks::Container, 10, 60, H::Unhealthy, T::None, C::AwaitingHealth},
            {Checks::Container, 60, 60, H::Unhealthy, T::None, C::Unhealthy},
            {Checks::LoadBalancer, 300, 0, H::Unknown, T::Initial, C::AwaitingHealth},
            {Checks::LoadBalancer, 5, 0, H::Unknown, T::Healthy, C::Healthy},
            {Checks::LoadBalancer, 5, 0, H::Healthy, T::Unhealthy, C::Unhealthy},
            {Checks::LoadBalancer, 5, 0, H::Unhealthy, T::Healthy, C::Healthy},  // no container check defined
            {Checks::LoadBalancer, 5, 0, H::Unknown, T::None, C::AwaitingHealth},  // not registered yet
            {Checks::Both, 5, 0, H::Healthy, T::Initial, C::AwaitingHealth},
            {Checks::Both, 5, 0, H::Unknown, T::Healthy, C::AwaitingHealth},
            {Checks::Both, 5, 0, H::Healthy, T::Healthy, C::Healthy},
            {Checks::Both, 5, 0, H::Unhealthy, T::Healthy, C::Unhealthy},
            {Checks::Both, 5, 30, H::Healthy, T::Unhealthy, C::AwaitingHealth},
        }));
    INFO("checks " << int(checks) << ", running " << running_s << " s, grace " << grace_s << " s");
    CHECK(classify_task(running_for(running_s, health, target), rules_for(checks, grace_s), kNow) ==
          expected);
}

TEST_CASE("Starting, leaving and stopped tasks", "[scheduler][condition]") {
    const HealthRules rules = rules_for(Checks::LoadBalancer, 0);
    TaskView task = running_for(100, HealthStatus::Unknown, TargetHealth::Healthy);

    for (const auto status : {TaskStatus::Provisioning, TaskStatus::Pending, TaskStatus::Activating}) {
        task.last_status = status;
        CHECK(classify_task(task, rules, kNow) == TaskCondition::Starting);
    }
    for (const auto status : {TaskStatus::Deactivating, TaskStatus::Stopping, TaskStatus::Deprovisioning}) {
        task.last_status = status;
        CHECK(classify_task(task, rules, kNow) == TaskCondition::Leaving);
    }
    task.last_status = TaskStatus::Running;
    task.desired_status = DesiredStatus::Stopped;
    CHECK(classify_task(task, rules, kNow) == TaskCondition::Leaving);
    task.last_status = TaskStatus::Stopped;
    CHECK(classify_task(task, rules, kNow) == TaskCondition::Stopped);
    CHECK_FALSE(is_active(TaskCondition::Leaving));
    CHECK(is_active(TaskCondition::Unhealthy));
}

TEST_CASE("Deadlines: the no-check delay and the end of the grace period", "[scheduler][condition]") {
    const TaskView fresh = running_for(10, HealthStatus::Unknown, TargetHealth::None);
    CHECK(condition_deadline(fresh, rules_for(Checks::None, 0), kNow) == kNow + Duration::seconds(30));

    const TaskView failing = running_for(10, HealthStatus::Unhealthy, TargetHealth::None);
    CHECK(condition_deadline(failing, rules_for(Checks::Container, 60), kNow) ==
          kNow + Duration::seconds(50));
    CHECK(condition_deadline(failing, rules_for(Checks::Container, 0), kNow) ==
          std::nullopt);  // already Unhealthy

    const TaskView initial = running_for(10, HealthStatus::Unknown, TargetHealth::Initial);
    CHECK(condition_deadline(initial, rules_for(Checks::LoadBalancer, 0), kNow) == std::nullopt);  // observed
}
