#include <catch2/catch.hpp>

#include "emulator/api/autoscaling/autoscaling_service.hpp"
#include "unit/autoscaling/autoscaling_fixture.hpp"

using namespace ecsemu;
using nlohmann::json;
using test::AutoScalingFixture;

namespace {

struct ServiceFixture {
    AutoScalingFixture core;
    core::elbv2::Elbv2World elbv2;
    api::autoscaling::AutoScalingService service{core.autoscaling, core.cloudwatch, core.resources, elbv2};

    api::ApiResult call(const std::string& operation, json params) {
        api::ApiCall c;
        c.service = "application-autoscaling";
        c.operation = operation;
        c.region = AutoScalingFixture::kRegion;
        c.account_id = AutoScalingFixture::kAccount;
        c.params = std::move(params);
        c.now = core::Instant{1'764'152'400'000};
        c.request_id = "r";
        return service.call(c);
    }
};

const json kTarget = {{"ServiceNamespace", "ecs"},
                      {"ResourceId", AutoScalingFixture::kBackend},
                      {"ScalableDimension", "ecs:service:DesiredCount"}};

}  // namespace

TEST_CASE("the guide's register and put-scaling-policy through the service", "[autoscaling][api]") {
    ServiceFixture f;
    json reg = kTarget;
    reg["MinCapacity"] = 2;
    reg["MaxCapacity"] = 10;
    const auto registered = f.call("RegisterScalableTarget", reg);
    REQUIRE(registered.ok());
    CHECK(registered.value()["ScalableTargetARN"].get<std::string>().find(":scalable-target/0ec5") !=
          std::string::npos);

    json policy = kTarget;
    policy["PolicyName"] = "backend-cpu-scaling";
    policy["PolicyType"] = "TargetTrackingScaling";
    policy["TargetTrackingScalingPolicyConfiguration"] = {
        {"TargetValue", 70.0},
        {"PredefinedMetricSpecification", {{"PredefinedMetricType", "ECSServiceAverageCPUUtilization"}}},
        {"ScaleOutCooldown", 60},
        {"ScaleInCooldown", 120}};
    const auto put = f.call("PutScalingPolicy", policy);
    REQUIRE(put.ok());
    CHECK(put.value()["Alarms"].size() == 2);

    const auto described = f.call("DescribeScalingPolicies", {{"ServiceNamespace", "ecs"}});
    REQUIRE(described.ok());
    const json& item = described.value()["ScalingPolicies"][0];
    CHECK(item["PolicyName"] == "backend-cpu-scaling");
    CHECK(item["TargetTrackingScalingPolicyConfiguration"]["ScaleInCooldown"] == 120);
    CHECK(item["CreationTime"] == 1'764'152'400.0);

    const auto targets = f.call("DescribeScalableTargets", {{"ServiceNamespace", "ecs"}});
    REQUIRE(targets.ok());
    CHECK(targets.value()["ScalableTargets"][0]["MinCapacity"] == 2);
    CHECK(targets.value()["ScalableTargets"][0]["SuspendedState"]["DynamicScalingInSuspended"] == false);

    const auto activities = f.call("DescribeScalingActivities", {{"ServiceNamespace", "ecs"}});
    REQUIRE(activities.ok());
    CHECK(activities.value()["ScalingActivities"][0]["StatusCode"] == "Successful");
    CHECK(activities.value()["ScalingActivities"][0]["Description"] == "Setting desired count to 2.");
}

TEST_CASE("service errors: model validation, unknown operations, paging", "[autoscaling][api]") {
    ServiceFixture f;
    const auto missing = f.call("RegisterScalableTarget", {{"ServiceNamespace", "ecs"}});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "ValidationException");
    const auto unknown = f.call("GetPredictiveScalingForecast", json::object());
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == "UnknownOperationException");
    const auto token = f.call("DescribeScalableTargets", {{"ServiceNamespace", "ecs"}, {"NextToken", "zz"}});
    REQUIRE_FALSE(token.ok());
    CHECK(token.error().code == "InvalidNextTokenException");
    CHECK(f.service.mutates("PutScalingPolicy"));
    CHECK_FALSE(f.service.mutates("DescribeScalingPolicies"));
}
