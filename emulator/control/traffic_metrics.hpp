#pragma once
// Once a minute of the emulated clock (MinuteTick calls sample()), the data planes' counters become
// CloudWatch datapoints of the minute that just ended: Service Connect's (AWS/ECS by DiscoveryName /
// TargetDiscoveryName) and the ALB's (AWS/ApplicationELB by LoadBalancer and TargetGroup, with
// HealthyHostCount/UnHealthyHostCount from target health). GET /_ecsemu/metrics shows what was recorded.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

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

    core::cloudwatch::CloudWatchWorld& cloudwatch_;
    const core::elbv2::Elbv2World& elbv2_;
    TrafficSources sources_;
    std::string account_id_;
    std::string region_;
};

}  // namespace ecsemu::control
