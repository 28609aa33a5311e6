#pragma once
// A region of Application Auto Scaling over fake ECS services, an empty CloudWatch and an ELBv2 state with
// one load balancer forwarding to one target group.
#include <map>
#include <optional>
#include <string>

#include "emulator/core/autoscaling/autoscaling_call.hpp"
#include "emulator/core/autoscaling/scalable_targets.hpp"

namespace ecsemu::test {

class MapScalableResources final : public core::autoscaling::ScalableResources {
public:
    std::optional<core::autoscaling::ResourceCapacity> capacity(
        const std::string&, const std::string&, const std::string& resource_id) const override {
        const auto it = services.find(resource_id);
        if (it == services.end()) return std::nullopt;
        return it->second;
    }
    core::Status set_desired(const std::string&, const std::string&, const std::string& resource_id,
                             int desired, core::Instant) override {
        services.at(resource_id).desired = desired;
        ++set_calls;
        return core::Ok{};
    }
    std::map<std::string, core::autoscaling::ResourceCapacity> services;
    int set_calls = 0;
};

struct AutoScalingFixture {
    static constexpr const char* kAccount = "123456789012";
    static constexpr const char* kRegion = "eu-west-2";
    static constexpr const char* kBackend = "service/ielts-prod-cluster/ielts-backend-service";
    static constexpr const char* kTgArn =
        "arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/backend-tg/0123456789abcdef";
    static constexpr const char* kLbArn =
        "arn:aws:elasticloadbalancing:eu-west-2:123456789012:loadbalancer/app/ielts-alb/fedcba9876543210";

    AutoScalingFixture() {
        resources.services[kBackend] = core::autoscaling::ResourceCapacity{1, 1, false};
        core::elbv2::TargetGroup group;
        group.arn = kTgArn;
        group.name = "backend-tg";
        elbv2.target_groups[group.arn] = group;
        core::elbv2::LoadBalancer lb;
        lb.arn = kLbArn;
        lb.name = "ielts-alb";
        elbv2.load_balancers[lb.arn] = lb;
        core::elbv2::Listener listener;
        listener.arn =
            "arn:aws:elasticloadbalancing:eu-west-2:123456789012:listener/app/ielts-alb/fedcba9876543210/"
            "1111111111111111";
        listener.load_balancer_arn = kLbArn;
        core::elbv2::Action forward;
        forward.type = "forward";
        forward.target_group_arn = kTgArn;
        listener.default_actions = {forward};
        core::elbv2::Rule rule;
        rule.arn = listener.arn + "/default";
        rule.listener_arn = listener.arn;
        rule.is_default = true;
        rule.actions = {forward};
        listener.default_rule_arn = rule.arn;
        elbv2.listeners[listener.arn] = listener;
        elbv2.rules[rule.arn] = rule;
    }

    core::autoscaling::AutoScalingCall call(core::Instant now = core::Instant{1'700'000'000'000}) {
        return core::autoscaling::AutoScalingCall{autoscaling.region(kAccount, kRegion),
                                                  cloudwatch.region(kAccount, kRegion),
                                                  resources,
                                                  &elbv2,
                                                  kAccount,
                                                  kRegion,
                                                  now};
    }
    core::autoscaling::AutoScalingState& state() { return autoscaling.region(kAccount, kRegion).state; }
    core::cloudwatch::CloudWatchState& alarms_region() { return cloudwatch.region(kAccount, kRegion); }

    core::Result<std::string> register_backend(std::optional<int> min, std::optional<int> max) {
        core::autoscaling::RegisterTargetSpec spec;
        spec.service_namespace = "ecs";
        spec.resource_id = kBackend;
        spec.scalable_dimension = "ecs:service:DesiredCount";
        spec.min_capacity = min;
        spec.max_capacity = max;
        auto c = call();
        return core::autoscaling::register_scalable_target(c, spec);
    }

    core::autoscaling::AutoScalingWorld autoscaling;
    core::cloudwatch::CloudWatchWorld cloudwatch;
    core::elbv2::Elbv2State elbv2;
    MapScalableResources resources;
};

}  // namespace ecsemu::test
