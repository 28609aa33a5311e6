#include <catch2/catch.hpp>

#include "emulator/core/autoscaling/scaling_policies.hpp"
#include "emulator/core/autoscaling/scheduled_actions.hpp"
#include "unit/autoscaling/autoscaling_fixture.hpp"

using namespace ecsemu;
using core::autoscaling::ActivityStatus;
using test::AutoScalingFixture;

TEST_CASE("first registration clamps the desired count and records the activity", "[autoscaling]") {
    AutoScalingFixture f;
    auto arn = f.register_backend(2, 10);
    REQUIRE(arn.ok());
    CHECK(arn.value().rfind("arn:aws:application-autoscaling:eu-west-2:123456789012:scalable-target/0ec5",
                            0) == 0);
    CHECK(arn.value().size() == std::string("arn:aws:application-autoscaling:eu-west-2:123456789012:"
                                            "scalable-target/")
                                        .size() +
                                    32);
    CHECK(f.resources.services.at(AutoScalingFixture::kBackend).desired == 2);
    REQUIRE(f.state().activities.size() == 1);
    const auto& activity = f.state().activities.back();
    CHECK(activity.description == "Setting desired count to 2.");
    CHECK(activity.cause == "minimum capacity was set to 2");
    CHECK(activity.status == ActivityStatus::Successful);
    CHECK(activity.status_message ==
          "Successfully set desired count to 2. Change successfully fulfilled by ecs.");
    const auto& target = f.state().targets.begin()->second;
    CHECK(target.min_capacity == 2);
    CHECK(target.max_capacity == 10);
    CHECK(target.role_arn.find("AWSServiceRoleForApplicationAutoScaling_ECSService") != std::string::npos);
}

TEST_CASE("a count already inside the range records nothing; a later registration changes only what it gives",
          "[autoscaling]") {
    AutoScalingFixture f;
    REQUIRE(f.register_backend(0, 4).ok());
    CHECK(f.state().activities.empty());
    CHECK(f.resources.set_calls == 0);
    f.resources.services.at(AutoScalingFixture::kBackend).desired = 4;
    const auto again = f.register_backend(std::nullopt, 3);
    REQUIRE(again.ok());
    CHECK(again.value() == f.state().targets.begin()->second.arn);
    CHECK(f.state().targets.begin()->second.min_capacity == 0);
    CHECK(f.resources.services.at(AutoScalingFixture::kBackend).desired == 3);
    REQUIRE(f.state().activities.size() == 1);
    CHECK(f.state().activities.back().cause == "maximum capacity was set to 3");
}

TEST_CASE("registration refusals leave everything as it was", "[autoscaling]") {
    AutoScalingFixture f;
    SECTION("min > max") {
        const auto result = f.register_backend(5, 2);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == "ValidationException");
    }
    SECTION("first registration without capacities") {
        const auto result = f.register_backend(2, std::nullopt);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == "ValidationException");
    }
    SECTION("an update that would make min > max") {
        REQUIRE(f.register_backend(1, 10).ok());
        const auto result = f.register_backend(std::nullopt, 0);
        REQUIRE_FALSE(result.ok());
        CHECK(f.state().targets.begin()->second.max_capacity == 10);
    }
    SECTION("a service that does not exist") {
        core::autoscaling::RegisterTargetSpec spec;
        spec.service_namespace = "ecs";
        spec.resource_id = "service/c/s";
        spec.scalable_dimension = "ecs:service:DesiredCount";
        spec.min_capacity = 1;
        spec.max_capacity = 2;
        auto c = f.call();
        const auto result = core::autoscaling::register_scalable_target(c, spec);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == "ValidationException");
        CHECK(result.error().message == "ECS service doesn't exist: service/c/s");
    }
    SECTION("another ECS dimension") {
        core::autoscaling::RegisterTargetSpec spec;
        spec.service_namespace = "ecs";
        spec.resource_id = AutoScalingFixture::kBackend;
        spec.scalable_dimension = "dynamodb:table:ReadCapacityUnits";
        spec.min_capacity = 1;
        spec.max_capacity = 2;
        auto c = f.call();
        REQUIRE_FALSE(core::autoscaling::register_scalable_target(c, spec).ok());
    }
    CHECK(f.state().activities.empty());
    CHECK(f.resources.services.at(AutoScalingFixture::kBackend).desired == 1);
}

TEST_CASE("deregistering removes the policies, their alarms and the scheduled actions", "[autoscaling]") {
    AutoScalingFixture f;
    REQUIRE(f.register_backend(1, 4).ok());
    core::autoscaling::PutPolicySpec policy;
    policy.policy_name = "cpu";
    policy.service_namespace = "ecs";
    policy.resource_id = AutoScalingFixture::kBackend;
    policy.scalable_dimension = "ecs:service:DesiredCount";
    policy.policy_type = "TargetTrackingScaling";
    policy.target_tracking = core::autoscaling::TargetTrackingRequest{};
    policy.target_tracking->target_value = 70;
    policy.target_tracking->metric.predefined = true;
    policy.target_tracking->metric.metric.predefined_type = "ECSServiceAverageCPUUtilization";
    auto c = f.call();
    REQUIRE(core::autoscaling::put_scaling_policy(c, policy).ok());
    core::autoscaling::PutScheduledActionSpec action;
    action.name = "night";
    action.service_namespace = "ecs";
    action.resource_id = AutoScalingFixture::kBackend;
    action.scalable_dimension = "ecs:service:DesiredCount";
    action.schedule = "cron(0 22 * * ? *)";
    action.action = core::autoscaling::ScalableTargetAction{0, 1};
    REQUIRE(core::autoscaling::put_scheduled_action(c, action).ok());
    CHECK(f.alarms_region().alarms.size() == 2);

    REQUIRE(core::autoscaling::deregister_scalable_target(c, "ecs", AutoScalingFixture::kBackend,
                                                          "ecs:service:DesiredCount")
                .ok());
    CHECK(f.state().targets.empty());
    CHECK(f.state().policies.empty());
    CHECK(f.state().scheduled.empty());
    CHECK(f.alarms_region().alarms.empty());

    const auto again = core::autoscaling::deregister_scalable_target(c, "ecs", AutoScalingFixture::kBackend,
                                                                     "ecs:service:DesiredCount");
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == "ObjectNotFoundException");
    CHECK(again.error().message ==
          "No scalable target registered for service namespace: ecs, resource ID: "
          "service/ielts-prod-cluster/ielts-backend-service, scalable dimension: ecs:service:DesiredCount");
}

TEST_CASE("targets are tagged by ARN", "[autoscaling]") {
    AutoScalingFixture f;
    const auto arn = f.register_backend(1, 4);
    REQUIRE(arn.ok());
    REQUIRE(core::autoscaling::tag_target(f.state(), arn.value(), {{"team", "web"}, {"env", "prod"}}).ok());
    REQUIRE(core::autoscaling::untag_target(f.state(), arn.value(), {"env"}).ok());
    const auto tags = core::autoscaling::target_tags(f.state(), arn.value());
    REQUIRE(tags.ok());
    CHECK(tags.value() == std::map<std::string, std::string>{{"team", "web"}});
    const auto missing = core::autoscaling::target_tags(f.state(), arn.value() + "0");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "ResourceNotFoundException");
}
