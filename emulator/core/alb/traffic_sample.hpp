#pragma once
// Request counts and latencies the ALB data plane observed, handed back to the control logic (they feed
// CloudWatch's ALB metrics and ALBRequestCountPerTarget). The proxy accumulates; the control thread
// takes and resets the totals periodically.
#include <cstdint>
#include <map>
#include <string>

namespace ecsemu::core::alb {

struct TargetGroupTraffic {
    std::uint64_t requests = 0;  // requests forwarded to a target of the group
    std::uint64_t target_2xx = 0, target_3xx = 0, target_4xx = 0, target_5xx = 0;
    std::uint64_t response_time_sum_us = 0;  // over forwarded requests that got a response
    std::uint64_t responses = 0;
};

struct LoadBalancerTraffic {
    std::uint64_t requests = 0;              // every request the listeners received
    std::uint64_t elb_4xx = 0, elb_5xx = 0;  // answered by the load balancer itself
    std::uint64_t elb_502 = 0, elb_503 = 0, elb_504 = 0;
};

struct TrafficSample {
    std::map<std::string, LoadBalancerTraffic> by_load_balancer;  // by load balancer ARN
    std::map<std::string, TargetGroupTraffic> by_target_group;    // by target group ARN
};

}  // namespace ecsemu::core::alb
