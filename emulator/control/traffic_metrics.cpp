#include "emulator/control/traffic_metrics.hpp"

#include <string_view>
#include <utility>

#include "emulator/core/elbv2/usage.hpp"
#include "emulator/core/region_key.hpp"

namespace ecsemu::control {

namespace {

using core::metrics::Dimensions;
using core::metrics::StatisticSet;

constexpr const char* kEcs = "AWS/ECS";
constexpr const char* kAlb = "AWS/ApplicationELB";
// A load balancer or target group's series are forgotten after this many samples without a datapoint
// (deleted, or a load balancer without requests for an hour; found again by key when it has one).
constexpr std::uint64_t kForgetAfterSamples = 60;

// "app/<name>/<id>" and "targetgroup/<name>/<id>": the ARN's resource part, as CloudWatch's dimensions use
// it.
std::string arn_resource(const std::string& arn, std::string_view after) {
    const auto at = arn.find(after);
    return at == std::string::npos ? arn : arn.substr(at + after.size());
}

std::string target_group_dimension(const std::string& arn) {
    return arn.substr(arn.rfind(':') + 1);
}

StatisticSet count(double n) {
    return StatisticSet{1, n, n, n};
}

// The proxies count total response time; minimum and maximum are not kept, so both are the average.
StatisticSet response_times(std::uint64_t responses, std::uint64_t sum_us, double per_unit_us) {
    const double total = static_cast<double>(sum_us) / per_unit_us;
    const double average = responses == 0 ? 0 : total / static_cast<double>(responses);
    return StatisticSet{static_cast<double>(responses), total, average, average};
}

}  // namespace

TrafficMetrics::TrafficMetrics(core::cloudwatch::CloudWatchWorld& cloudwatch,
                               const core::elbv2::Elbv2World& elbv2, TrafficSources sources,
                               std::string account_id, std::string region)
    : cloudwatch_(cloudwatch),
      elbv2_(elbv2),
      sources_(std::move(sources)),
      account_id_(std::move(account_id)),
      region_(std::move(region)) {}

void TrafficMetrics::sample(core::Instant now) {
    const core::Instant in_last_minute = now - core::Duration::milliseconds(1);
    record_service_connect(in_last_minute);
    record_load_balancers(in_last_minute);
}

void TrafficMetrics::record_service_connect(core::Instant at) {
    if (!sources_.service_connect) return;
    // Service Connect's counters are kept by discovery name only; they go to the default region.
    core::metrics::MetricStore& store = cloudwatch_.region(account_id_, region_).metrics;
    for (const auto& [discovery_name, t] : sources_.service_connect()) {
        const Dimensions client{{"DiscoveryName", discovery_name}};
        const Dimensions target{{"TargetDiscoveryName", discovery_name}};
        store.put({kEcs, "ActiveConnectionCount", client}, at, static_cast<double>(t.active_connections),
                  "Count");
        if (t.requests == 0 && t.new_connections == 0) continue;
        store.put({kEcs, "RequestCount", client}, at, count(static_cast<double>(t.requests)), "Count");
        store.put({kEcs, "NewConnectionCount", client}, at, count(static_cast<double>(t.new_connections)),
                  "Count");
        store.put({kEcs, "HTTPCode_Target_2XX_Count", target}, at, count(static_cast<double>(t.target_2xx)),
                  "Count");
        store.put({kEcs, "HTTPCode_Target_3XX_Count", target}, at, count(static_cast<double>(t.target_3xx)),
                  "Count");
        store.put({kEcs, "HTTPCode_Target_4XX_Count", target}, at, count(static_cast<double>(t.target_4xx)),
                  "Count");
        store.put({kEcs, "HTTPCode_Target_5XX_Count", target}, at, count(static_cast<double>(t.target_5xx)),
                  "Count");
        if (t.responses > 0) {
            store.put({kEcs, "TargetResponseTime", target}, at,
                      response_times(t.responses, t.response_time_sum_us, 1000.0), "Milliseconds");
        }
    }
}

void TrafficMetrics::record_load_balancers(core::Instant at) {
    static const std::string kCount = "Count";
    static const std::string kSeconds = "Seconds";
    const core::alb::TrafficSample sample =
        sources_.load_balancers ? sources_.load_balancers() : core::alb::TrafficSample{};
    ++samples_;
    for (const auto& [key, region] : elbv2_.regions()) {
        const core::RegionKey where = core::split_region_key(key);
        core::metrics::MetricStore& store = cloudwatch_.region(where.account_id, where.region).metrics;
        for (const auto& [lb_arn, balancer] : region.state.load_balancers) {
            const auto traffic = sample.by_load_balancer.find(lb_arn);
            if (traffic == sample.by_load_balancer.end() || traffic->second.requests == 0) continue;
            const auto& t = traffic->second;
            BalancerSeries& series = balancer_series(lb_arn);
            const Dimensions& lb = series.dimensions;
            store.put({kAlb, "RequestCount", lb}, series.requests, at, count(static_cast<double>(t.requests)),
                      kCount);
            store.put({kAlb, "HTTPCode_ELB_4XX_Count", lb}, series.elb_4xx, at,
                      count(static_cast<double>(t.elb_4xx)), kCount);
            store.put({kAlb, "HTTPCode_ELB_5XX_Count", lb}, series.elb_5xx, at,
                      count(static_cast<double>(t.elb_5xx)), kCount);
        }
        const auto balancers_of = core::elbv2::load_balancers_by_target_group(region.state);
        for (const auto& [tg_arn, group] : region.state.target_groups) {
            const auto routed = balancers_of.find(tg_arn);
            if (routed == balancers_of.end()) continue;
            const std::vector<std::string>& load_balancers = routed->second;
            int healthy = 0;
            int unhealthy = 0;
            for (const auto& target : group.targets) {
                healthy += target.health.state == core::elbv2::TargetState::Healthy;
                unhealthy += target.health.state == core::elbv2::TargetState::Unhealthy;
            }
            const auto traffic = sample.by_target_group.find(tg_arn);
            GroupSeries& of_group = group_series(tg_arn);
            for (const auto& lb_arn : load_balancers) {
                PairSeries& series = pair_series(of_group, tg_arn, lb_arn);
                const Dimensions& dims = series.dimensions;
                store.put({kAlb, "HealthyHostCount", dims}, series.healthy, at,
                          count(static_cast<double>(healthy)), kCount);
                store.put({kAlb, "UnHealthyHostCount", dims}, series.unhealthy, at,
                          count(static_cast<double>(unhealthy)), kCount);
                if (traffic == sample.by_target_group.end() || traffic->second.requests == 0) continue;
                const auto& t = traffic->second;
                const double requests = static_cast<double>(t.requests);
                store.put({kAlb, "RequestCount", dims}, series.requests, at, count(requests), kCount);
                // ALBRequestCountPerTarget divides by the healthy targets (all registered when none is
                // healthy).
                const int targets = healthy > 0 ? healthy : static_cast<int>(group.targets.size());
                const StatisticSet per_target = count(targets > 0 ? requests / targets : requests);
                store.put({kAlb, "RequestCountPerTarget", of_group.dimensions}, of_group.per_target, at,
                          per_target, kCount);
                store.put({kAlb, "RequestCountPerTarget", dims}, series.per_target, at, per_target, kCount);
                store.put({kAlb, "HTTPCode_Target_2XX_Count", dims}, series.target_2xx, at,
                          count(static_cast<double>(t.target_2xx)), kCount);
                store.put({kAlb, "HTTPCode_Target_5XX_Count", dims}, series.target_5xx, at,
                          count(static_cast<double>(t.target_5xx)), kCount);
                if (t.responses > 0) {
                    store.put({kAlb, "TargetResponseTime", dims}, series.response_time, at,
                              response_times(t.responses, t.response_time_sum_us, 1e6), kSeconds);
                }
            }
        }
    }
    forget_unsampled();
}

TrafficMetrics::BalancerSeries& TrafficMetrics::balancer_series(const std::string& lb_arn) {
    auto [it, made] = balancer_series_.try_emplace(lb_arn);
    if (made) it->second.dimensions = {{"LoadBalancer", arn_resource(lb_arn, "loadbalancer/")}};
    it->second.sample = samples_;
    return it->second;
}

TrafficMetrics::GroupSeries& TrafficMetrics::group_series(const std::string& tg_arn) {
    auto [it, made] = group_series_.try_emplace(tg_arn);
    if (made) it->second.dimensions = {{"TargetGroup", target_group_dimension(tg_arn)}};
    it->second.sample = samples_;
    return it->second;
}

TrafficMetrics::PairSeries& TrafficMetrics::pair_series(GroupSeries& group, const std::string& tg_arn,
                                                        const std::string& lb_arn) {
    auto [it, made] = group.behind.try_emplace(lb_arn);
    if (made) {
        it->second.dimensions = {{"LoadBalancer", arn_resource(lb_arn, "loadbalancer/")},
                                 {"TargetGroup", target_group_dimension(tg_arn)}};
    }
    it->second.sample = samples_;
    return it->second;
}

void TrafficMetrics::forget_unsampled() {
    const auto stale = [this](std::uint64_t sample) { return samples_ - sample > kForgetAfterSamples; };
    std::erase_if(balancer_series_, [&stale](const auto& entry) { return stale(entry.second.sample); });
    for (auto& [arn, group] : group_series_)
        std::erase_if(group.behind, [&stale](const auto& pair) { return stale(pair.second.sample); });
    std::erase_if(group_series_, [&stale](const auto& entry) { return stale(entry.second.sample); });
}

nlohmann::json TrafficMetrics::recent(core::Instant now, int minutes) const {
    const core::Instant end = core::metrics::MetricStore::minute_of(now) + core::Duration::minutes(1);
    const core::Instant start = end - core::Duration::minutes(minutes);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [region_key, state] : cloudwatch_.regions()) {
        const auto& store = state.metrics;
        for (const auto& key : store.list()) {
            nlohmann::json datapoints = nlohmann::json::array();
            for (const auto& point : store.query(key, start, end)) {
                datapoints.push_back({{"timestamp", point.minute.epoch_seconds()},
                                      {"sampleCount", point.statistics.sample_count},
                                      {"sum", point.statistics.sum},
                                      {"minimum", point.statistics.minimum},
                                      {"maximum", point.statistics.maximum},
                                      {"unit", point.unit}});
            }
            if (datapoints.empty()) continue;
            out.push_back({{"region", core::split_region_key(region_key).region},
                           {"namespace", key.namespace_name},
                           {"metricName", key.metric_name},
                           {"dimensions", key.dimensions},
                           {"datapoints", std::move(datapoints)}});
        }
    }
    return out;
}

}  // namespace ecsemu::control
