#include <catch2/catch.hpp>

#include "emulator/core/autoscaling/scaling_policies.hpp"
#include "unit/autoscaling/autoscaling_fixture.hpp"

using namespace ecsemu;
using core::autoscaling::PutPolicySpec;
using test::AutoScalingFixture;

namespace {

PutPolicySpec cpu_policy(double target = 70) {
    PutPolicySpec spec;
    spec.policy_name = "backend-cpu-scaling";
    spec.service_namespace = "ecs";
    spec.resource_id = AutoScalingFixture::kBackend;
    spec.scalable_dimension = "ecs:service:DesiredCount";
    spec.policy_type = "TargetTrackingScaling";
    spec.target_tracking = core::autoscaling::TargetTrackingRequest{};
    spec.target_tracking->target_value = target;
    spec.target_tracking->metric.predefined = true;
    spec.target_tracking->metric.metric.predefined_type = "ECSServiceAverageCPUUtilization";
    spec.target_tracking->scale_out_cooldown_seconds = 60;
    spec.target_tracking->scale_in_cooldown_seconds = 120;
    return spec;
}

core::Result<core::autoscaling::ScalingPolicy> put(AutoScalingFixture& f, const PutPolicySpec& spec) {
    auto c = f.call();
    return core::autoscaling::put_scaling_policy(c, spec);
}

bool starts_with(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

TEST_CASE("a target-tracking policy makes the High and Low alarms of reference 6.2", "[autoscaling]") {
    AutoScalingFixture f;
    REQUIRE(f.register_backend(2, 10).ok());
    const auto policy = put(f, cpu_policy());
    REQUIRE(policy.ok());
    const std::string arn_prefix = "arn:aws:autoscaling:eu-west-2:123456789012:scalingPolicy:";
    CHECK(starts_with(policy->arn, arn_prefix));
    CHECK(policy->arn.size() ==
          arn_prefix.size() + 36 +
              std::string(":resource/ecs/service/ielts-prod-cluster/ielts-backend-service:"
                          "policyName/backend-cpu-scaling")
                  .size());
    REQUIRE(policy->alarms.size() == 2);
    const auto& alarms = f.alarms_region().alarms;
    REQUIRE(alarms.size() == 2);

    const auto& high = alarms.at(policy->alarms[0].name);
    const std::string high_prefix =
        "TargetTracking-service/ielts-prod-cluster/ielts-backend-service-AlarmHigh-";
    CHECK(starts_with(high.name, high_prefix));
    CHECK(high.name.size() == high_prefix.size() + 36);
    CHECK(high.arn == "arn:aws:cloudwatch:eu-west-2:123456789012:alarm:" + high.name);
    CHECK(high.namespace_name == "AWS/ECS");
    CHECK(high.metric_name == "CPUUtilization");
    CHECK(high.dimensions == core::metrics::Dimensions{{"ClusterName", "ielts-prod-cluster"},
                                                       {"ServiceName", "ielts-backend-service"}});
    CHECK(high.statistic == core::cloudwatch::Statistic::Average);
    CHECK(high.unit == "Percent");
    CHECK(high.period_seconds == 60);
    CHECK(high.evaluation_periods == 3);
    CHECK(high.comparison == core::cloudwatch::ComparisonOperator::GreaterThanThreshold);
    CHECK(high.threshold == 70);
    CHECK(high.treat_missing_data == core::cloudwatch::MissingData::Missing);
    CHECK(high.state == core::cloudwatch::AlarmState::InsufficientData);
    REQUIRE(high.alarm_actions.size() == 1);
    CHECK(starts_with(high.alarm_actions[0], policy->arn + ":createdBy/"));
    CHECK(high.description ==
          "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + high.alarm_actions[0] + ".");

    const auto& low = alarms.at(policy->alarms[1].name);
    CHECK(starts_with(low.name, "TargetTracking-service/ielts-prod-cluster/ielts-backend-service-AlarmLow-"));
    CHECK(low.evaluation_periods == 15);
    CHECK(low.comparison == core::cloudwatch::ComparisonOperator::LessThanThreshold);
    CHECK(low.threshold == 63);
    CHECK(low.alarm_actions != high.alarm_actions);
    CHECK(low.name.substr(low.name.size() - 36) != high.name.substr(high.name.size() - 36));
}

TEST_CASE("putting a policy again keeps its ARN and replaces its alarms; deleting removes them",
          "[autoscaling]") {
    AutoScalingFixture f;
    REQUIRE(f.register_backend(2, 10).ok());
    const auto first = put(f, cpu_policy(70));
    REQUIRE(first.ok());
    const auto second = put(f, cpu_policy(50));
    REQUIRE(second.ok());
    CHECK(second->arn == first->arn);
    const auto& alarms = f.alarms_region().alarms;
    REQUIRE(alarms.size() == 2);
    CHECK(alarms.count(first->alarms[0].name) == 0);
    CHECK(alarms.at(second->alarms[1].name).threshold == 45);

    SECTION("DisableScaleIn makes no Low alarm") {
        auto spec = cpu_policy();
        spec.target_tracking->disable_scale_in = true;
        const auto third = put(f, spec);
        REQUIRE(third.ok());
        CHECK(third->alarms.size() == 1);
        CHECK(alarms.size() == 1);
    }
    SECTION("delete") {
        auto c = f.call();
        REQUIRE(core::autoscaling::delete_scaling_policy(
                    c, "backend-cpu-scaling", "ecs", AutoScalingFixture::kBackend, "ecs:service:DesiredCount")
                    .ok());
        CHECK(alarms.empty());
        CHECK(f.state().policies.empty());
        const auto again = core::autoscaling::delete_scaling_policy(
            c, "backend-cpu-scaling", "ecs", AutoScalingFixture::kBackend, "ecs:service:DesiredCount");
        REQUIRE_FALSE(again.ok());
        CHECK(again.error().code == "ObjectNotFoundException");
    }
}

TEST_CASE("refused policies leave targets, policies and alarms unchanged", "[autoscaling]") {
    AutoScalingFixture f;
    std::string code;
    SECTION("unregistered target") {
        code = "ObjectNotFoundException";
        const auto result = put(f, cpu_policy());
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == code);
    }
    SECTION("with a registered target") {
        REQUIRE(f.register_backend(1, 4).ok());
        auto spec = cpu_policy();
        SECTION("unknown predefined metric") {
            spec.target_tracking->metric.metric.predefined_type = "Bogus";
        }
        SECTION("ALBRequestCountPerTarget without a label") {
            spec.target_tracking->metric.metric.predefined_type = "ALBRequestCountPerTarget";
        }
        SECTION("ALBRequestCountPerTarget naming no target group") {
            spec.target_tracking->metric.metric.predefined_type = "ALBRequestCountPerTarget";
            spec.target_tracking->metric.metric.resource_label =
                "app/ielts-alb/fedcba9876543210/targetgroup/nope/0000000000000000";
        }
        SECTION("ALBRequestCountPerTarget with another load balancer") {
            spec.target_tracking->metric.metric.predefined_type = "ALBRequestCountPerTarget";
            spec.target_tracking->metric.metric.resource_label =
                "app/other/1111111111111111/targetgroup/backend-tg/0123456789abcdef";
        }
        SECTION("no metric specification") {
            spec.target_tracking->metric.predefined = false;
        }
        SECTION("metric math") {
            spec.target_tracking->metric.predefined = false;
            spec.target_tracking->metric.customized = true;
            spec.target_tracking->metric.customized_uses_metrics = true;
        }
        SECTION("negative cooldown") {
            spec.target_tracking->scale_in_cooldown_seconds = -1;
        }
        SECTION("target tracking without its configuration") {
            spec.target_tracking.reset();
        }
        const auto result = put(f, spec);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == "ValidationException");
    }
    CHECK(f.state().policies.empty());
    CHECK(f.alarms_region().alarms.empty());
}

TEST_CASE("ALBRequestCountPerTarget watches the target group's RequestCountPerTarget", "[autoscaling]") {
    AutoScalingFixture f;
    REQUIRE(f.register_backend(1, 4).ok());
    auto spec = cpu_policy(1000);
    spec.target_tracking->metric.metric.predefined_type = "ALBRequestCountPerTarget";
    spec.target_tracking->metric.metric.resource_label =
        "app/ielts-alb/fedcba9876543210/targetgroup/backend-tg/0123456789abcdef";
    const auto policy = put(f, spec);
    REQUIRE(policy.ok());
    const auto& high = f.alarms_region().alarms.at(policy->alarms[0].name);
    CHECK(high.namespace_name == "AWS/ApplicationELB");
    CHECK(high.metric_name == "RequestCountPerTarget");
    CHECK(high.dimensions ==
          core::metrics::Dimensions{{"LoadBalancer", "app/ielts-alb/fedcba9876543210"},
                                    {"TargetGroup", "targetgroup/backend-tg/0123456789abcdef"}});
    CHECK(high.statistic == core::cloudwatch::Statistic::Sum);
}

TEST_CASE("customized metrics are watched as given", "[autoscaling]") {
    AutoScalingFixture f;
    REQUIRE(f.register_backend(1, 4).ok());
    auto spec = cpu_policy(10);
    spec.target_tracking->metric.predefined = false;
    spec.target_tracking->metric.customized = true;
    spec.target_tracking->metric.metric.namespace_name = "MyApp";
    spec.target_tracking->metric.metric.metric_name = "QueueDepth";
    spec.target_tracking->metric.metric.statistic = "Maximum";
    spec.target_tracking->metric.metric.dimensions = {{"Queue", "jobs"}};
    const auto policy = put(f, spec);
    REQUIRE(policy.ok());
    const auto& high = f.alarms_region().alarms.at(policy->alarms[0].name);
    CHECK(high.namespace_name == "MyApp");
    CHECK(high.statistic == core::cloudwatch::Statistic::Maximum);
    CHECK(high.dimensions == core::metrics::Dimensions{{"Queue", "jobs"}});
}

TEST_CASE("step scaling configurations are checked", "[autoscaling]") {
    using core::autoscaling::StepAdjustment;
    core::autoscaling::StepScalingConfig config;
    config.adjustment_type = "ChangeInCapacity";
    config.step_adjustments = {StepAdjustment{0.0, 10.0, 1}, StepAdjustment{10.0, std::nullopt, 2}};
    CHECK(core::autoscaling::check_step_scaling(config).ok());

    auto gap = config;
    gap.step_adjustments[1].lower_bound = 15.0;
    CHECK_FALSE(core::autoscaling::check_step_scaling(gap).ok());
    auto both_open = config;
    both_open.step_adjustments.push_back(StepAdjustment{});
    CHECK_FALSE(core::autoscaling::check_step_scaling(both_open).ok());
    auto no_open_upper = config;
    no_open_upper.step_adjustments[1].upper_bound = 20.0;
    CHECK_FALSE(core::autoscaling::check_step_scaling(no_open_upper).ok());
    auto bad_type = config;
    bad_type.adjustment_type = "Bogus";
    CHECK_FALSE(core::autoscaling::check_step_scaling(bad_type).ok());
    auto magnitude = config;
    magnitude.min_adjustment_magnitude = 2;
    CHECK_FALSE(core::autoscaling::check_step_scaling(magnitude).ok());
    magnitude.adjustment_type = "PercentChangeInCapacity";
    CHECK(core::autoscaling::check_step_scaling(magnitude).ok());
    auto scale_in = config;
    scale_in.step_adjustments = {StepAdjustment{std::nullopt, 0.0, -1}};
    CHECK(core::autoscaling::check_step_scaling(scale_in).ok());
}
