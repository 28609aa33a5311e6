// build_service_view: what the scheduler reads of a service. It copies only what can change a plan, so
// these cases pin down what must still be there.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "emulator/core/ecs/tasks.hpp"
#include "emulator/core/engine/service_view_builder.hpp"
#include "emulator/core/scheduler/event_text.hpp"
#include "support/guide_ec2_directory.hpp"

namespace ecsemu::test {
namespace {

using core::Instant;
using core::ecs::EcsState;
using core::scheduler::TargetHealth;

core::ecs::Service& add_service(EcsState& state) {
    core::ecs::Service& service = state.services["prod"]["api"];
    service.name = "api";
    service.cluster_name = "prod";
    service.status = core::ecs::ServiceStatus::Active;
    return service;
}

void add_task(EcsState& state, const std::string& id) {
    core::ecs::Task task;
    task.id = id;
    task.cluster_name = "prod";
    task.service_name = "api";
    task.group = "service:api";
    task.last_status = core::ecs::TaskStatus::Running;
    core::ecs::store_task(state, std::move(task));
}

// Every field of every task record, and what else a reused view could carry over.
void check_same(const core::scheduler::ServiceView& a, const core::scheduler::ServiceView& b) {
    CHECK(a.name == b.name);
    CHECK(a.desired_count == b.desired_count);
    CHECK(a.deployment_configuration.minimum_healthy_percent ==
          b.deployment_configuration.minimum_healthy_percent);
    CHECK(a.deployment_configuration.maximum_percent == b.deployment_configuration.maximum_percent);
    CHECK(a.deployment_configuration.circuit_breaker.enable ==
          b.deployment_configuration.circuit_breaker.enable);
    CHECK(a.deployment_configuration.circuit_breaker.rollback ==
          b.deployment_configuration.circuit_breaker.rollback);
    CHECK(a.health_check_grace_period_seconds == b.health_check_grace_period_seconds);
    CHECK(a.target_group_arn == b.target_group_arn);
    CHECK(a.container_health_checks == b.container_health_checks);
    REQUIRE(a.subnets.size() == b.subnets.size());
    for (std::size_t i = 0; i < a.subnets.size(); ++i) {
        CHECK(a.subnets[i].subnet_id == b.subnets[i].subnet_id);
        CHECK(a.subnets[i].availability_zone == b.subnets[i].availability_zone);
    }
    REQUIRE(a.deployments.size() == b.deployments.size());
    for (std::size_t i = 0; i < a.deployments.size(); ++i) {
        const auto& x = a.deployments[i];
        const auto& y = b.deployments[i];
        CHECK(x.id == y.id);
        CHECK(x.status == y.status);
        CHECK(x.task_definition_arn == y.task_definition_arn);
        CHECK(x.created_at == y.created_at);
        CHECK(x.rollout_state == y.rollout_state);
        CHECK(x.failed_tasks == y.failed_tasks);
        CHECK(x.had_running_task == y.had_running_task);
    }
    CHECK(a.launch_backoff == b.launch_backoff);
    REQUIRE(a.last_completed_deployment.has_value() == b.last_completed_deployment.has_value());
    if (a.last_completed_deployment) {
        CHECK(a.last_completed_deployment->id == b.last_completed_deployment->id);
        CHECK(a.last_completed_deployment->task_definition_arn ==
              b.last_completed_deployment->task_definition_arn);
    }
    REQUIRE(a.recent_events.size() == b.recent_events.size());
    for (std::size_t i = 0; i < a.recent_events.size(); ++i) {
        CHECK(a.recent_events[i].message == b.recent_events[i].message);
        CHECK(a.recent_events[i].created_at == b.recent_events[i].created_at);
    }
    REQUIRE(a.tasks.size() == b.tasks.size());
    for (std::size_t i = 0; i < a.tasks.size(); ++i) {
        const auto& x = a.tasks[i];
        const auto& y = b.tasks[i];
        CHECK(x.id == y.id);
        CHECK(x.deployment_id == y.deployment_id);
        CHECK(x.last_status == y.last_status);
        CHECK(x.desired_status == y.desired_status);
        CHECK(x.health_status == y.health_status);
        CHECK(x.target_health == y.target_health);
        CHECK(x.created_at == y.created_at);
        CHECK(x.started_at == y.started_at);
        CHECK(x.availability_zone == y.availability_zone);
        CHECK(x.stop_code == y.stop_code);
        CHECK(x.start_failure_recorded == y.start_failure_recorded);
    }
}

}  // namespace

TEST_CASE("A view built into one that held another service is what a fresh build gives", "[engine][view]") {
    EcsState state(core::ecs::ArnScope{"ap-southeast-1", "000000000000"});
    core::ecs::Service& api = add_service(state);
    api.events = {{"e1", Instant{1000}, core::scheduler::steady_state_message("api")}};
    // Everything a service without them must not inherit from a reused view.
    api.desired_count = 3;
    api.deployment_configuration.minimum_healthy_percent = 50;
    api.deployment_configuration.maximum_percent = 150;
    api.deployment_configuration.circuit_breaker.enable = true;
    api.deployment_configuration.circuit_breaker.rollback = true;
    api.health_check_grace_period_seconds = 60;
    api.load_balancers.push_back(
        {"arn:aws:elasticloadbalancing:ap-southeast-1:000000000000:targetgroup/api/1", "", "api", 8000});
    core::ecs::AwsVpcConfiguration awsvpc;
    awsvpc.subnets = {kSubnetA, kSubnetB, "subnet-0123456789abcdef0"};  // the last one EC2 does not know
    api.network_configuration = core::ecs::NetworkConfiguration{awsvpc};
    core::ecs::Deployment primary;
    primary.id = "ecs-svc/1234567890123456789";
    primary.task_definition_arn = "arn:aws:ecs:ap-southeast-1:000000000000:task-definition/api:2";
    primary.failed_tasks = 2;
    primary.had_running_task = true;
    primary.created_at = Instant{300};
    api.deployments.push_back(primary);
    core::ecs::TaskDefinition definition;  // with a container health check
    definition.arn = primary.task_definition_arn;
    definition.family = "api";
    definition.revision = 2;
    core::ecs::ContainerDefinition container;
    container.name = "api";
    container.essential = true;
    container.health_check = core::ecs::HealthCheck{};
    definition.container_definitions.push_back(container);
    state.task_definitions["api"].last_revision = 2;
    state.task_definitions["api"].revisions[2] = definition;
    api.last_completed_deployment = core::ecs::CompletedDeployment{
        "ecs-svc/1111111111111111111", "arn:aws:ecs:ap-southeast-1:000000000000:task-definition/api:1"};
    api.launch_backoff.consecutive_start_failures = 2;
    api.launch_backoff.task_definition_arn = primary.task_definition_arn;
    for (const char* id : {"a1", "b2", "c3"}) add_task(state, id);
    core::ecs::Task* failed = core::ecs::find_task(state, "prod", "b2");
    failed->last_status = core::ecs::TaskStatus::Stopped;
    failed->stop_code = core::ecs::TaskStopCode::TaskFailedToStart;
    failed->start_failure_recorded = true;
    failed->started_at = Instant{500};
    failed->deployment_id = "ecs-svc/1234567890123456789";
    failed->availability_zone = "ap-southeast-1b";
    core::ecs::Service& web = state.services["prod"]["web"];
    web.name = "web";
    web.cluster_name = "prod";
    web.status = core::ecs::ServiceStatus::Active;
    for (const char* id : {"e5", "f6"}) {
        core::ecs::Task task;
        task.id = id;
        task.cluster_name = "prod";
        task.service_name = "web";
        task.group = "service:web";
        core::ecs::store_task(state, std::move(task));
    }
    GuideEc2Directory ec2;
    core::engine::TargetHealthInput health;
    health.connected = true;
    health.by_task_id = {{"a1", TargetHealth::Healthy}, {"b2", TargetHealth::Unhealthy}};

    core::scheduler::ServiceView reused;
    core::engine::build_service_view(state, ec2, api, health, reused);
    check_same(reused, core::engine::build_service_view(state, ec2, api, health));
    CHECK(reused.subnets.size() == 3);
    CHECK(reused.container_health_checks);
    CHECK(reused.subnets[2].availability_zone.rfind("ap-southeast-1", 0) == 0);
    core::engine::build_service_view(state, ec2, web, {}, reused);
    check_same(reused, core::engine::build_service_view(state, ec2, web, {}));
    CHECK(reused.recent_events.empty());
    CHECK(reused.subnets.empty());
    CHECK(reused.deployments.empty());
    CHECK(reused.target_group_arn.empty());
    CHECK_FALSE(reused.last_completed_deployment.has_value());
    REQUIRE(reused.tasks.size() == 2);
    CHECK_FALSE(reused.tasks[1].stop_code.has_value());  // b2's record, reused for f6
    // Growing again after shrinking.
    core::engine::build_service_view(state, ec2, api, health, reused);
    check_same(reused, core::engine::build_service_view(state, ec2, api, health));
    CHECK(reused.tasks[1].stop_code.has_value());
}

TEST_CASE("The view's events run up to the first one that is not a condition event", "[engine][view]") {
    EcsState state(core::ecs::ArnScope{"ap-southeast-1", "000000000000"});
    core::ecs::Service& service = add_service(state);
    const std::string steady = core::scheduler::steady_state_message("api");
    const std::string stall = core::scheduler::deployment_configuration_stall_message("api");
    const std::string started = "(service api) has started 1 tasks: (task a1).";
    // Newest first, as the store keeps them.
    service.events = {{"e5", Instant{5000}, steady},
                      {"e4", Instant{4000}, stall},
                      {"e3", Instant{3000}, started},
                      {"e2", Instant{2000}, steady},
                      {"e1", Instant{1000}, started}};
    GuideEc2Directory ec2;

    const auto view = core::engine::build_service_view(state, ec2, service, {});

    std::vector<std::string> messages;
    for (const auto& event : view.recent_events) messages.push_back(event.message);
    CHECK(messages == std::vector<std::string>{steady, stall, started});
    REQUIRE(view.recent_events.size() == 3);
    CHECK(view.recent_events[1].created_at == Instant{4000});

    SECTION("a service whose newest event is not a condition passes just that one") {
        service.events.erase(service.events.begin(), service.events.begin() + 2);
        const auto trimmed = core::engine::build_service_view(state, ec2, service, {});
        REQUIRE(trimmed.recent_events.size() == 1);
        CHECK(trimmed.recent_events[0].message == started);
    }
}

TEST_CASE("Each task in the view carries its own target health, None when unregistered", "[engine][view]") {
    EcsState state(core::ecs::ArnScope{"ap-southeast-1", "000000000000"});
    core::ecs::Service& service = add_service(state);
    for (const char* id : {"d4", "a1", "c3", "b2"}) add_task(state, id);
    GuideEc2Directory ec2;
    core::engine::TargetHealthInput health;
    health.connected = true;
    // "0" sorts before every task and "z9" after; neither belongs to the service.
    health.by_task_id = {{"0", TargetHealth::Unhealthy},
                         {"b2", TargetHealth::Healthy},
                         {"c3", TargetHealth::Draining},
                         {"z9", TargetHealth::Unhealthy}};

    const auto view = core::engine::build_service_view(state, ec2, service, health);

    REQUIRE(view.tasks.size() == 4);
    CHECK(view.tasks[0].id == "a1");
    CHECK(view.tasks[0].target_health == TargetHealth::None);
    CHECK(view.tasks[1].target_health == TargetHealth::Healthy);
    CHECK(view.tasks[2].target_health == TargetHealth::Draining);
    CHECK(view.tasks[3].id == "d4");
    CHECK(view.tasks[3].target_health == TargetHealth::None);
}

}  // namespace ecsemu::test
