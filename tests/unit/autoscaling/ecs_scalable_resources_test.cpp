#include <catch2/catch.hpp>

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
