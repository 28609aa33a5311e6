#pragma once
// Once a minute of the emulated clock (MinuteTick calls sample()), the data planes' counters become
// CloudWatch datapoints of the minute that just ended: Service Connect's (AWS/ECS by DiscoveryName /
// TargetDiscoveryName) and the ALB's (AWS/ApplicationELB by LoadBalancer and TargetGroup, with
// HealthyHostCount/UnHealthyHostCount from target health). GET /_ecsemu/metrics shows what was recorded.
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "emulator/core/alb/traffic_sample.hpp"
#include "emulator/core/cloudwatch/cloudwatch_state.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/metrics/metric_store.hpp"
#include "emulator/core/service_connect/service_connect_snapshot.hpp"

namespace ecsemu::control {

struct TrafficSources {
    std::function<std::map<std::string, core::service_connect::ScTraffic>()> service_connect;
    std::function<core::alb::TrafficSample()> load_balancers;
};

class TrafficMetrics {
public:
    // Everything passed must outlive this object. Load balancers' metrics go to their region's store,
    // Service Connect's to (account_id, region).
    TrafficMetrics(core::cloudwatch::CloudWatchWorld& cloudwatch, const core::elbv2::Elbv2World& elbv2,
                   TrafficSources sources, std::string account_id, std::string region);
    TrafficMetrics(const TrafficMetrics&) = delete;
    TrafficMetrics& operator=(const TrafficMetrics&) = delete;

    // Records the counters of the minute before `now` (a minute boundary).
    void sample(core::Instant now);

    // The last `minutes` before `now` of every metric of every region, as JSON for GET /_ecsemu/metrics.
    nlohmann::json recent(core::Instant now, int minutes) const;

private:
    void record_service_connect(core::Instant at);
    void record_load_balancers(core::Instant at);

    // Where one load balancer's datapoints go, and under what dimensions.
    struct BalancerSeries {
        core::metrics::Dimensions dimensions;
        core::metrics::SeriesCache requests, elb_4xx, elb_5xx;
        std::uint64_t sample = 0;  // the last sample that put to them
    };
    // Where one target group's datapoints behind one load balancer go.
    struct PairSeries {
        core::metrics::Dimensions dimensions;
        core::metrics::SeriesCache healthy, unhealthy, requests, per_target, target_2xx, target_5xx,
            response_time;
        std::uint64_t sample = 0;
    };
    struct GroupSeries {
        core::metrics::Dimensions dimensions;  // the target group alone
        core::metrics::SeriesCache per_target;
        std::unordered_map<std::string, PairSeries> behind;  // by load balancer ARN
        std::uint64_t sample = 0;
    };
    BalancerSeries& balancer_series(const std::string& lb_arn);
    PairSeries& pair_series(GroupSeries& group, const std::string& tg_arn, const std::string& lb_arn);
    GroupSeries& group_series(const std::string& tg_arn);
    // Drops the series of load balancers and target groups no sample has put to for a while.
    void forget_unsampled();

    core::cloudwatch::CloudWatchWorld& cloudwatch_;
    const core::elbv2::Elbv2World& elbv2_;
    TrafficSources sources_;
    std::string account_id_;
    std::string region_;
    // By ARN (an ARN names its region, so each is only ever put to one store). Every minute puts a dozen
    // datapoints for each target group: found once, the dimensions are not rebuilt nor the keys hashed.
    std::unordered_map<std::string, BalancerSeries> balancer_series_;
    std::unordered_map<std::string, GroupSeries> group_series_;
    std::uint64_t samples_ = 0;
};

}  // namespace ecsemu::control
