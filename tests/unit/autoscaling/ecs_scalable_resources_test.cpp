#include <catch2/catch.hpp>

#include "emulator/core/ecs/tasks.hpp"
#include "emulator/core/engine/ecs_scalable_resources.hpp"

using namespace ecsemu;

namespace {

constexpr const char* kAccount = "123456789012";
constexpr const char* kRegion = "ap-southeast-1";

core::ecs::Service& add_service(core::ecs::EcsWorld& world, int desired) {
    core::ecs::Service service;
    service.name = "ielts-backend-service";
    service.cluster_name = "ielts-prod-cluster";
    service.desired_count = desired;
    core::ecs::Deployment primary;
    primary.id = "ecs-svc/1234567890123456789";
    primary.desired_count = desired;
    primary.rollout_state = core::ecs::RolloutState::Completed;
    service.deployments.push_back(primary);
    auto& services = world.region(kAccount, kRegion).state.services["ielts-prod-cluster"];
    return services.insert_or_assign(service.name, service).first->second;
}

TEST_CASE("the desired capacity is the capacity without counting RUNNING tasks", "[autoscaling][ecs]") {
    core::ecs::EcsWorld world;
    core::engine::EcsScalableResources resources(world);
    const std::string id = "service/ielts-prod-cluster/ielts-backend-service";
    CHECK_FALSE(resources.desired_capacity(kAccount, kRegion, id).has_value());
    core::ecs::Service& service = add_service(world, 2);
    auto& state = world.region(kAccount, kRegion).state;
    for (const char* task_id : {"t1", "t2"}) {
        core::ecs::Task task;
        task.id = task_id;
        task.cluster_name = "ielts-prod-cluster";
        task.service_name = service.name;
        task.group = "service:" + service.name;
        task.deployment_id = service.deployments.front().id;
        task.last_status = core::ecs::TaskStatus::Running;
        core::ecs::store_task(state, std::move(task));
    }
    service.deployments.front().rollout_state = core::ecs::RolloutState::InProgress;

    const auto full = resources.capacity(kAccount, kRegion, id);
    const auto desired = resources.desired_capacity(kAccount, kRegion, id);
    REQUIRE(full.has_value());
    REQUIRE(desired.has_value());
    CHECK(full->running == 2);
    CHECK(desired->running == 0);
    CHECK(desired->desired == full->desired);
    CHECK(desired->deployment_in_progress == full->deployment_in_progress);
    CHECK(desired->deployment_in_progress);
    service.status = core::ecs::ServiceStatus::Draining;
    CHECK_FALSE(resources.desired_capacity(kAccount, kRegion, id).has_value());
}

}  // namespace

TEST_CASE("ECS services as scalable resources", "[autoscaling][ecs]") {
    core::ecs::EcsWorld world;
    core::engine::EcsScalableResources resources(world);
    const std::string id = "service/ielts-prod-cluster/ielts-backend-service";
    CHECK_FALSE(resources.capacity(kAccount, kRegion, id).has_value());
    core::ecs::Service& service = add_service(world, 1);

    const auto capacity = resources.capacity(kAccount, kRegion, id);
    REQUIRE(capacity.has_value());
    CHECK(capacity->desired == 1);
    CHECK(capacity->running == 0);
    CHECK_FALSE(capacity->deployment_in_progress);

    REQUIRE(resources.set_desired(kAccount, kRegion, id, 3, core::Instant{42'000}).ok());
    CHECK(service.desired_count == 3);
    CHECK(service.deployments.front().desired_count == 3);
    CHECK(service.deployments.front().updated_at == core::Instant{42'000});
    CHECK(service.deployments.size() == 1);
    CHECK(service.events.empty());

    service.deployments.front().rollout_state = core::ecs::RolloutState::InProgress;
    CHECK(resources.capacity(kAccount, kRegion, id)->deployment_in_progress);

    CHECK_FALSE(resources.capacity(kAccount, kRegion, "service/ielts-prod-cluster").has_value());
    CHECK(resources.set_desired(kAccount, kRegion, "service/ielts-prod-cluster/nope", 1, {}).error().code ==
          "ServiceNotFoundException");
    service.status = core::ecs::ServiceStatus::Draining;
    CHECK_FALSE(resources.capacity(kAccount, kRegion, id).has_value());
    CHECK(resources.set_desired(kAccount, kRegion, id, 1, {}).error().code == "ServiceNotActiveException");
}

TEST_CASE("what a resource id was found as is kept only for its account, region and world",
          "[autoscaling][ecs]") {
    core::ecs::EcsWorld world;
    core::engine::EcsScalableResources resources(world);
    const std::string id = "service/ielts-prod-cluster/ielts-backend-service";
    add_service(world, 2);
    REQUIRE(resources.capacity(kAccount, kRegion, id)->desired == 2);

    // The same resource id in another region and another account: other services, or none.
    CHECK_FALSE(resources.capacity(kAccount, "us-east-1", id).has_value());
    CHECK_FALSE(resources.capacity("210987654321", kRegion, id).has_value());
    core::ecs::Service elsewhere;
    elsewhere.name = "ielts-backend-service";
    elsewhere.cluster_name = "ielts-prod-cluster";
    elsewhere.desired_count = 5;
    world.region(kAccount, "us-east-1")
        .state.services["ielts-prod-cluster"]
        .emplace(elsewhere.name, elsewhere);
    CHECK(resources.capacity(kAccount, "us-east-1", id)->desired == 5);
    CHECK(resources.capacity(kAccount, kRegion, id)->desired == 2);

    // A reset drops every service: nothing is answered from before it, and a new service is found.
    world.reset();
    CHECK_FALSE(resources.capacity(kAccount, kRegion, id).has_value());
    CHECK(resources.set_desired(kAccount, kRegion, id, 1, {}).error().code == "ServiceNotFoundException");
    core::ecs::Service& again = add_service(world, 4);
    CHECK(resources.desired_capacity(kAccount, kRegion, id)->desired == 4);
    REQUIRE(resources.set_desired(kAccount, kRegion, id, 6, {}).ok());
    CHECK(again.desired_count == 6);
}
