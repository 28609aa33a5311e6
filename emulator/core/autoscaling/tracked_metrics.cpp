#include "emulator/core/autoscaling/tracked_metrics.hpp"

#include <algorithm>

#include "emulator/core/autoscaling/autoscaling_errors.hpp"
#include "emulator/core/autoscaling/policy_alarms.hpp"
#include "emulator/core/elbv2/usage.hpp"

namespace ecsemu::core::autoscaling {

namespace {

// service/<cluster>/<service> -> {cluster, service}; registration has checked the form for ECS targets.
std::pair<std::string, std::string> ecs_names(const std::string& resource_id) {
    const auto first = resource_id.find('/');
    const auto second = resource_id.find('/', first + 1);
    if (first == std::string::npos || second == std::string::npos) return {"", ""};
    return {resource_id.substr(first + 1, second - first - 1), resource_id.substr(second + 1)};
}

Result<TrackedMetric> ecs_utilization(const MetricSpecRequest& request, const ScalableTarget& target,
                                      const char* metric_name) {
    if (target.service_namespace != "ecs") {
        return validation_error(request.metric.predefined_type + " is only valid for ECS services.");
    }
    TrackedMetric metric = request.metric;
    const auto [cluster, service] = ecs_names(target.resource_id);
    metric.namespace_name = "AWS/ECS";
    metric.metric_name = metric_name;
    metric.dimensions = {{"ClusterName", cluster}, {"ServiceName", service}};
    metric.statistic = "Average";
    metric.unit = "Percent";
    return metric;
}

// app/<lb name>/<lb id>/targetgroup/<tg name>/<tg id>
Result<TrackedMetric> alb_request_count(const MetricSpecRequest& request, const elbv2::Elbv2State* elbv2,
                                        const std::string& account_id, const std::string& region) {
    const std::string& label = request.metric.resource_label;
    if (label.empty()) {
        return validation_error(
            "ResourceLabel is required for the predefined metric type ALBRequestCountPerTarget.");
    }
    const auto split = label.find("/targetgroup/");
    const std::string lb_part = split == std::string::npos ? "" : label.substr(0, split);
    const std::string tg_part = split == std::string::npos ? "" : label.substr(split + 1);
    const bool lb_shaped =
        lb_part.rfind("app/", 0) == 0 && std::count(lb_part.begin(), lb_part.end(), '/') == 2;
    const bool tg_shaped = std::count(tg_part.begin(), tg_part.end(), '/') == 2;
    if (!lb_shaped || !tg_shaped) {
        return validation_error("Invalid ResourceLabel " + label +
                                ". Expected app/<load-balancer-name>/<load-balancer-id>/targetgroup/"
                                "<target-group-name>/<target-group-id>");
    }
    const std::string arn_prefix = "arn:aws:elasticloadbalancing:" + region + ":" + account_id + ":";
    const std::string tg_arn = arn_prefix + tg_part;
    const std::string lb_arn = arn_prefix + "loadbalancer/" + lb_part;
    if (elbv2 == nullptr || elbv2->target_groups.find(tg_arn) == elbv2->target_groups.end()) {
        return validation_error("Target group " + tg_arn + " does not exist. Check the ResourceLabel " +
                                label + ".");
    }
    const auto lbs = elbv2::load_balancers_of_target_group(*elbv2, tg_arn);
    if (std::find(lbs.begin(), lbs.end(), lb_arn) == lbs.end()) {
        return validation_error("Target group " + tg_arn + " is not associated with load balancer " + lb_arn +
                                ". Check the ResourceLabel " + label + ".");
    }
    TrackedMetric metric = request.metric;
    metric.namespace_name = "AWS/ApplicationELB";
    metric.metric_name = "RequestCountPerTarget";
    metric.dimensions = {{"TargetGroup", tg_part}, {"LoadBalancer", lb_part}};
    metric.statistic = "Sum";
    metric.unit = "Count";
    return metric;
}

Result<TrackedMetric> customized(const MetricSpecRequest& request) {
    if (request.customized_uses_metrics) {
        return validation_error(
            "ecsemu does not support metric math (Metrics) in CustomizedMetricSpecification; "
            "give MetricName, Namespace, Dimensions and Statistic.");
    }
    const TrackedMetric& metric = request.metric;
    if (metric.metric_name.empty() || metric.namespace_name.empty() || metric.statistic.empty()) {
        return validation_error(
            "CustomizedMetricSpecification requires MetricName, Namespace and Statistic.");
    }
    if (!parse_statistic(metric.statistic)) {
        return validation_error("Invalid statistic " + metric.statistic +
                                ". Valid values: Average, Minimum, Maximum, SampleCount, Sum");
    }
    TrackedMetric out = metric;
    out.predefined_type.clear();
    out.resource_label.clear();
    return out;
}

}  // namespace

Result<TrackedMetric> resolve_tracked_metric(const MetricSpecRequest& request, const ScalableTarget& target,
                                             const elbv2::Elbv2State* elbv2, const std::string& account_id,
                                             const std::string& region) {
    if (request.predefined == request.customized) {
        return validation_error(
            "Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be given.");
    }
    if (request.customized) return customized(request);
    const std::string& type = request.metric.predefined_type;
    if (type == "ECSServiceAverageCPUUtilization") return ecs_utilization(request, target, "CPUUtilization");
    if (type == "ECSServiceAverageMemoryUtilization")
        return ecs_utilization(request, target, "MemoryUtilization");
    if (type == "ALBRequestCountPerTarget") return alb_request_count(request, elbv2, account_id, region);
    return validation_error("Unsupported predefined metric type " + type + " for service namespace " +
                            target.service_namespace + ".");
}

}  // namespace ecsemu::core::autoscaling
