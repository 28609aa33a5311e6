#include <catch2/catch.hpp>

#include "emulator/core/scheduler/condition_events.hpp"
#include "emulator/core/scheduler/event_text.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::scheduler;

TEST_CASE("Service event messages are worded as ECS words them", "[scheduler][events]") {
    const std::string a = "0123456789abcdef0123456789abcdef";
    const std::string b = "fedcba9876543210fedcba9876543210";
    CHECK(started_tasks_message("web", {a, b}) ==
          "(service web) has started 2 tasks: (task " + a + ") (task " + b + ").");
    CHECK(started_tasks_message("web", {a}, 1) ==
          "(service web) has started 1 tasks: (task " + a +
              "). Amazon ECS replaced 1 tasks due to an unhealthy status.");
    CHECK(stopped_running_tasks_message("web", {a}) ==
          "(service web) has stopped 1 running tasks: (task " + a + ").");
    CHECK(stopped_pending_tasks_message("web", 2) == "(service web) stopped 2 pending tasks.");
    CHECK(deployment_completed_message("web", "ecs-svc/1234567890123456789") ==
          "(service web) (deployment ecs-svc/1234567890123456789) deployment completed.");
    CHECK(steady_state_message("web") == "(service web) has reached a steady state.");
    CHECK(deployment_failed_message("web", "ecs-svc/2") ==
          "(service web) (deployment ecs-svc/2) deployment failed: tasks failed to start.");
    CHECK(rolling_back_message("web", "ecs-svc/1") == "(service web) rolling back to deployment ecs-svc/1.");
    CHECK(unable_to_start_consistently_message("web") ==
          "(service web) is unable to consistently start tasks successfully.");
    CHECK(deployment_configuration_stall_message("web") ==
          "(service web) was unable to stop or start tasks during a deployment because of the service "
          "deployment "
          "configuration. Update the minimumHealthyPercent or maximumPercent value and try again.");
}

TEST_CASE("Stop and rollout reasons", "[scheduler][events]") {
    CHECK(scaling_activity_reason("ecs-svc/1") == "Scaling activity initiated by (deployment ecs-svc/1)");
    CHECK(elb_health_check_failure_reason("arn:tg") ==
          "Task failed ELB health checks in (target-group arn:tg)");
    CHECK(container_health_check_failure_reason() == "Task failed container health checks");
    CHECK(rollout_in_progress_reason("ecs-svc/1") == "ECS deployment ecs-svc/1 in progress.");
    CHECK(rollout_completed_reason("ecs-svc/1") == "ECS deployment ecs-svc/1 completed.");
    CHECK(circuit_breaker_failed_reason() == "ECS deployment circuit breaker: tasks failed to start.");
    CHECK(circuit_breaker_rollback_reason("ecs-svc/1") ==
          "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1.");
}

TEST_CASE("A condition event is news again after other news or after the repeat interval",
          "[scheduler][events]") {
    constexpr Instant now{1'700'000'000'000};
    const Duration repeat = Duration::minutes(360);
    const std::string steady = steady_state_message("web");
    const std::string stall = deployment_configuration_stall_message("web");

    CHECK(condition_reported_at({}, steady, "web", now, repeat) == std::nullopt);
    CHECK(condition_reported_at({{steady, now - Duration::minutes(10)}}, steady, "web", now, repeat) ==
          now - Duration::minutes(10));
    CHECK(condition_reported_at({{steady, now - repeat}}, steady, "web", now, repeat) == std::nullopt);
    // Another condition in between does not make it news again ...
    CHECK(condition_reported_at({{stall, now}, {steady, now - Duration::minutes(10)}}, steady, "web", now,
                                repeat) == now - Duration::minutes(10));
    // ... any other event does.
    CHECK(condition_reported_at(
              {{"(service web) has started 1 tasks: (task t).", now}, {steady, now - Duration::minutes(10)}},
              steady, "web", now, repeat) == std::nullopt);
}

TEST_CASE("A service's condition messages are recognised without being built", "[scheduler][events]") {
    for (const std::string& message :
         {steady_state_message("web"), deployment_configuration_stall_message("web"),
          unable_to_start_consistently_message("web")}) {
        INFO(message);
        CHECK(is_condition_message("web", message));
        // Another service's, or a service whose name is a prefix or an extension of this one's.
        CHECK_FALSE(is_condition_message("we", message));
        CHECK_FALSE(is_condition_message("webs", message));
        CHECK_FALSE(is_condition_message("api", message));
        // Cut short or run on.
        CHECK_FALSE(is_condition_message("web", message.substr(0, message.size() - 1)));
        CHECK_FALSE(is_condition_message("web", message + " "));
    }
    CHECK_FALSE(is_condition_message("web", "(service web) has started 1 tasks: (task t)."));
    CHECK_FALSE(is_condition_message("web", deployment_completed_message("web", "ecs-svc/1")));
    CHECK_FALSE(is_condition_message("web", "(service web)"));
    CHECK_FALSE(is_condition_message("web", ""));
    // The name itself, not a look-alike, between the parentheses.
    CHECK_FALSE(is_condition_message("web", "(service wex) has reached a steady state."));
    CHECK_FALSE(is_condition_message("web", "(service web] has reached a steady state."));
}
