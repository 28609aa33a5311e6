#pragma once
// CloudWatch's objects for one (account, region): the one-minute metric store every data plane records into
// and the metric alarms, by name. The world holds every region. Ordered containers throughout, so whatever
// iterates them (alarm evaluation, listing) decides the same way every run.
#include <map>
#include <optional>
#include <string>

#include "emulator/core/cloudwatch/alarm_model.hpp"
#include "emulator/core/metrics/metric_store.hpp"
#include "emulator/core/region_key.hpp"

namespace ecsemu::core::cloudwatch {

struct CloudWatchState {
    metrics::MetricStore metrics;
    std::map<std::string, MetricAlarm> alarms;  // by name

    const MetricAlarm* find_alarm(const std::string& name) const;
    MetricAlarm* find_alarm(const std::string& name);
};

class CloudWatchWorld {
public:
    // The region, created empty on first use.
    CloudWatchState& region(const std::string& account_id, const std::string& region);
    CloudWatchState* find_region(const std::string& account_id, const std::string& region);
    const CloudWatchState* find_region(const std::string& account_id, const std::string& region) const;

    // Regions by "<account>/<region>", in key order.
    RegionMap<CloudWatchState>& regions() { return regions_; }
    const RegionMap<CloudWatchState>& regions() const { return regions_; }

    void reset() { regions_.clear(); }
    // Metric retention of the regions created from now on (MetricStore::set_retention).
    void set_metric_retention(Duration retention) { metric_retention_ = retention; }

    static std::string region_key(const std::string& account_id, const std::string& region);

private:
    RegionMap<CloudWatchState> regions_;
    std::optional<Duration> metric_retention_;
};

std::string alarm_arn(const std::string& account_id, const std::string& region, const std::string& name);

}  // namespace ecsemu::core::cloudwatch
