#pragma once
// Once a minute of the emulated clock, the data planes' counters become CloudWatch datapoints of the minute
// that just ended: Service Connect's (AWS/ECS by DiscoveryName / TargetDiscoveryName) and the ALB's
// (AWS/ApplicationELB by LoadBalancer and TargetGroup, with HealthyHostCount/UnHealthyHostCount from target
// health). GET /_ecsemu/metrics shows what was recorded.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "emulator/core/alb/traffic_sample.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/metrics/metric_store.hpp"
#include "emulator/core/ports.hpp"
#include "emulator/core/service_connect/service_connect_snapshot.hpp"

namespace ecsemu::app {

struct TrafficSources {
    std::function<std::map<std::string, core::service_connect::ScTraffic>()> service_connect;
    std::function<core::alb::TrafficSample()> load_balancers;
};

class TrafficMetrics {
public:
    // Everything passed must outlive this object; the first sample is taken at the next minute boundary.
    TrafficMetrics(core::Clock& clock, core::metrics::MetricStore& store,
                   const core::elbv2::Elbv2World& elbv2, TrafficSources sources);
    ~TrafficMetrics();
    TrafficMetrics(const TrafficMetrics&) = delete;
    TrafficMetrics& operator=(const TrafficMetrics&) = delete;

    // Records the counters of the minute before `now` (the timer calls this; tests may too).
    void sample(core::Instant now);

    // The last `minutes` of every metric, as JSON for GET /_ecsemu/metrics.
    nlohmann::json recent(int minutes) const;

private:
    void schedule_next();
    void record_service_connect(core::Instant at);
    void record_load_balancers(core::Instant at);

    core::Clock& clock_;
    core::metrics::MetricStore& store_;
    const core::elbv2::Elbv2World& elbv2_;
    TrafficSources sources_;
    std::optional<core::TimerId> timer_;
};

}  // namespace ecsemu::app
