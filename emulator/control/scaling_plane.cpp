#include "emulator/control/scaling_plane.hpp"

#include <utility>

#include "emulator/core/metrics/metric_store.hpp"
#include "emulator/core/metrics/service_utilization.hpp"
#include "emulator/core/region_key.hpp"

namespace ecsemu::control {

namespace {

// How often finished scaling activities are noticed, in emulated time.
constexpr core::Duration kActivityCheck = core::Duration::seconds(5);

}  // namespace

ScalingPlane::ScalingPlane(core::Clock& clock, ScalingPlaneParts parts,
                           std::function<void(const core::autoscaling::CapacityChange&)> on_change)
    : clock_(clock),
      parts_(parts),
      controller_(parts.autoscaling, parts.cloudwatch, parts.resources),
      on_change_(std::move(on_change)) {
    // Starts the usage window now, so the first minute's datapoints do not cover the time before.
    parts_.usage.take_usage_into(usage_);
    schedule_minute();
    schedule_activity_check();
}

ScalingPlane::~ScalingPlane() {
    if (minute_timer_) clock_.cancel(*minute_timer_);
    if (activity_timer_) clock_.cancel(*activity_timer_);
}

void ScalingPlane::schedule_minute() {
    const core::Instant next =
        core::metrics::MetricStore::minute_of(clock_.now()) + core::Duration::minutes(1);
    minute_timer_ = clock_.schedule_at(next, [this, next] {
        minute_timer_.reset();
        on_minute(next);
        schedule_minute();
    });
}

void ScalingPlane::schedule_activity_check() {
    activity_timer_ = clock_.schedule_at(clock_.now() + kActivityCheck, [this] {
        activity_timer_.reset();
        controller_.update_activities(clock_.now());
        schedule_activity_check();
    });
}

void ScalingPlane::on_minute(core::Instant now) {
    parts_.traffic.sample(now);
    const core::Instant in_last_minute = now - core::Duration::milliseconds(1);
    parts_.usage.take_usage_into(usage_);
    usage_index_.refill(usage_);
    for (const auto& [key, region] : parts_.ecs.regions()) {
        const core::RegionKey where = core::split_region_key(key);
        auto& cloudwatch = parts_.cloudwatch.region(where.account_id, where.region);
        core::metrics::record_service_utilization(cloudwatch.metrics, region.state, usage_index_,
                                                  in_last_minute, &utilization_series_[key]);
    }
    for (const auto& change : controller_.evaluate(now)) {
        if (on_change_) on_change_(change);
    }
}

}  // namespace ecsemu::control
