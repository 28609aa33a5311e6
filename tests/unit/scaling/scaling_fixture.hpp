#pragma once
// A scalable ECS service on a virtual minute clock for the scaling controller's tests: the service's CPU is
// modelled from a demand in vCPU-equivalents spread over its running tasks (capped at 100 %, as Fargate
// caps), RUNNING follows the desired count one minute later, and a target-tracking policy's alarms are made
// as Application Auto Scaling makes them.
#include <algorithm>
#include <map>
#include <string>

#include "emulator/core/autoscaling/scaling_controller.hpp"
#include "emulator/core/cloudwatch/cloudwatch_state.hpp"

namespace ecsemu::test {

inline constexpr const char* kAccount = "000000000000";
inline constexpr const char* kRegion = "ap-southeast-1";
inline constexpr const char* kResource = "service/ielts-prod-cluster/ielts-backend-service";
inline constexpr core::Instant kStart{1'700'000'040'000};  // a minute boundary

class FakeScalableResources : public core::autoscaling::ScalableResources {
public:
    std::optional<core::autoscaling::ResourceCapacity> capacity(
        const std::string&, const std::string&, const std::string& resource_id) const override {
        const auto it = services.find(resource_id);
        if (it == services.end()) return std::nullopt;
        return it->second;
    }
    core::Status set_desired(const std::string&, const std::string&, const std::string& resource_id,
                             int desired, core::Instant) override {
        services[resource_id].desired = desired;
        ++set_calls;
        return core::Ok{};
    }

    std::map<std::string, core::autoscaling::ResourceCapacity> services;
    int set_calls = 0;
};

class ScalingWorld {
public:
    ScalingWorld(int min, int max, int desired) {
        resources.services[kResource] = {desired, desired, false};
        core::autoscaling::ScalableTarget target;
        target.service_namespace = "ecs";
        target.resource_id = kResource;
        target.scalable_dimension = "ecs:service:DesiredCount";
        target.min_capacity = min;
        target.max_capacity = max;
        key = core::autoscaling::target_key("ecs", kResource, "ecs:service:DesiredCount");
        state().targets[key] = target;
    }

    core::autoscaling::AutoScalingState& state() { return autoscaling.region(kAccount, kRegion).state; }
    core::cloudwatch::CloudWatchState& cloudwatch_state() { return cloudwatch.region(kAccount, kRegion); }
    int desired() { return resources.services[kResource].desired; }
    int running() { return resources.services[kResource].running; }

    // A CPU target-tracking policy with its AlarmHigh (3 x 1 min > target) and AlarmLow (15 x 1 min < 90 %).
    void add_cpu_policy(double target, int out_cooldown_s, int in_cooldown_s, bool disable_scale_in = false) {
        core::autoscaling::ScalingPolicy policy;
        policy.name = "backend-cpu-scaling";
        policy.arn = "arn:aws:autoscaling:ap-southeast-1:000000000000:scalingPolicy:p:resource/ecs/" +
                     std::string(kResource) + ":policyName/backend-cpu-scaling";
        policy.service_namespace = "ecs";
        policy.resource_id = kResource;
        policy.scalable_dimension = "ecs:service:DesiredCount";
        policy.policy_type = "TargetTrackingScaling";
        core::autoscaling::TargetTrackingConfig config;
        config.target_value = target;
        config.scale_out_cooldown_seconds = out_cooldown_s;
        config.scale_in_cooldown_seconds = in_cooldown_s;
        config.disable_scale_in = disable_scale_in;
        config.metric.namespace_name = "AWS/ECS";
        config.metric.metric_name = "CPUUtilization";
        config.metric.dimensions = cpu_dimensions();
        policy.target_tracking = config;
        const std::string prefix = "TargetTracking-" + std::string(kResource);
        policy.alarms.push_back({prefix + "-AlarmHigh-1", ""});
        add_alarm(prefix + "-AlarmHigh-1", core::cloudwatch::ComparisonOperator::GreaterThanThreshold, target,
                  3);
        if (!disable_scale_in) {
            policy.alarms.push_back({prefix + "-AlarmLow-2", ""});
            add_alarm(prefix + "-AlarmLow-2", core::cloudwatch::ComparisonOperator::LessThanThreshold,
                      0.9 * target, 15);
        }
        state().policies[key + "|" + policy.name] = policy;
    }

    // Runs `minutes` metric periods at `demand_vcpu` of load (1024-unit tasks): each minute's datapoint is
    // recorded, the controller evaluates at the boundary, and the tasks it asked for run a minute later.
    void run(int minutes, double demand_vcpu) {
        for (int i = 0; i < minutes; ++i) {
            auto& service = resources.services[kResource];
            const int running_now = service.running;
            if (running_now > 0) {
                const double percent = std::min(100.0, 100.0 * demand_vcpu / running_now);
                cloudwatch_state().metrics.put({"AWS/ECS", "CPUUtilization", cpu_dimensions()}, now, percent,
                                               "Percent");
            }
            now = now + core::Duration::minutes(1);
            service.running = service.desired;  // what ECS started during the minute
            controller.update_activities(now);
            for (const auto& change : controller.evaluate(now)) changes.push_back({now, change});
        }
    }

    static core::metrics::Dimensions cpu_dimensions() {
        return {{"ClusterName", "ielts-prod-cluster"}, {"ServiceName", "ielts-backend-service"}};
    }

    struct TimedChange {
        core::Instant at;
        core::autoscaling::CapacityChange change;
    };

    core::autoscaling::AutoScalingWorld autoscaling;
    core::cloudwatch::CloudWatchWorld cloudwatch;
    FakeScalableResources resources;
    core::autoscaling::ScalingController controller{autoscaling, cloudwatch, resources};
    std::string key;
    core::Instant now = kStart;
    std::vector<TimedChange> changes;

private:
    void add_alarm(const std::string& name, core::cloudwatch::ComparisonOperator comparison, double threshold,
                   int periods) {
        core::cloudwatch::MetricAlarm alarm;
        alarm.name = name;
        alarm.namespace_name = "AWS/ECS";
        alarm.metric_name = "CPUUtilization";
        alarm.dimensions = cpu_dimensions();
        alarm.statistic = core::cloudwatch::Statistic::Average;
        alarm.period_seconds = 60;
        alarm.evaluation_periods = periods;
        alarm.threshold = threshold;
        alarm.comparison = comparison;
        alarm.unit = "Percent";
        cloudwatch_state().alarms[name] = alarm;
    }
};

}  // namespace ecsemu::test
