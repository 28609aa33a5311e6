#include "emulator/core/cloudwatch/cloudwatch_state.hpp"

namespace ecsemu::core::cloudwatch {

const MetricAlarm* CloudWatchState::find_alarm(const std::string& name) const {
    const auto it = alarms.find(name);
    return it == alarms.end() ? nullptr : &it->second;
}

MetricAlarm* CloudWatchState::find_alarm(const std::string& name) {
    const auto it = alarms.find(name);
    return it == alarms.end() ? nullptr : &it->second;
}

std::string CloudWatchWorld::region_key(const std::string& account_id, const std::string& region) {
    return join_region_key(account_id, region);
}

CloudWatchState& CloudWatchWorld::region(const std::string& account_id, const std::string& region) {
    if (const auto found = regions_.find(RegionKeyRef{account_id, region}); found != regions_.end())
        return found->second;
    CloudWatchState& created = regions_[region_key(account_id, region)];
    if (metric_retention_) created.metrics.set_retention(*metric_retention_);
    return created;
}

CloudWatchState* CloudWatchWorld::find_region(const std::string& account_id, const std::string& region) {
    const auto it = regions_.find(RegionKeyRef{account_id, region});
    return it == regions_.end() ? nullptr : &it->second;
}

const CloudWatchState* CloudWatchWorld::find_region(const std::string& account_id,
                                                    const std::string& region) const {
    const auto it = regions_.find(RegionKeyRef{account_id, region});
    return it == regions_.end() ? nullptr : &it->second;
}

std::string alarm_arn(const std::string& account_id, const std::string& region, const std::string& name) {
    return "arn:aws:cloudwatch:" + region + ":" + account_id + ":alarm:" + name;
}

}  // namespace ecsemu::core::cloudwatch
