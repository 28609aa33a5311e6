#pragma once
// Resolves a target-tracking policy's PredefinedMetricSpecification or CustomizedMetricSpecification to the
// CloudWatch metric its alarms watch:
//   ECSServiceAverageCPUUtilization    AWS/ECS CPUUtilization, ClusterName + ServiceName, Average, Percent
//   ECSServiceAverageMemoryUtilization AWS/ECS MemoryUtilization, ClusterName + ServiceName, Average, Percent
//   ALBRequestCountPerTarget           AWS/ApplicationELB RequestCountPerTarget, TargetGroup (+
//   LoadBalancer),
//                                      Sum, Count; ResourceLabel app/<lb>/<id>/targetgroup/<tg>/<id> must
//                                      name a target group the load balancer forwards to
//   customized                         as given (MetricName, Namespace, Dimensions, Statistic, Unit); the
//                                      metric-math `Metrics` form is refused
#include <string>

#include "emulator/core/autoscaling/autoscaling_model.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/errors.hpp"

namespace ecsemu::core::autoscaling {

struct MetricSpecRequest {
    bool predefined = false;
    bool customized = false;
    bool customized_uses_metrics = false;  // CustomizedMetricSpecification.Metrics was given
    TrackedMetric
        metric;  // predefined: type and label; customized: namespace, name, dimensions, statistic, unit
};

// `elbv2` is the region's ELBv2 objects (null when none exist).
Result<TrackedMetric> resolve_tracked_metric(const MetricSpecRequest& request, const ScalableTarget& target,
                                             const elbv2::Elbv2State* elbv2, const std::string& account_id,
                                             const std::string& region);

}  // namespace ecsemu::core::autoscaling
