#pragma once
// The emulator's metric period and Application Auto Scaling, on the control plane's clock. At each minute
// boundary, in this order: the data planes' counters (TrafficMetrics) and the tasks' CPU and memory use
// become the minute's datapoints, then CloudWatch evaluates every alarm and the scaling controller acts on
// them; the engine hears of every desired count it changed. Every few seconds scaling activities whose
// change ECS fulfilled are finished. The simulator drives the same core pieces from its virtual clock.
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

#include "emulator/control/traffic_metrics.hpp"
#include "emulator/core/autoscaling/scaling_controller.hpp"
#include "emulator/core/ecs/ecs_world.hpp"
#include "emulator/core/metrics/service_utilization.hpp"
#include "emulator/core/ports.hpp"
#include "emulator/core/task_usage.hpp"

namespace ecsemu::control {

struct ScalingPlaneParts {
    core::ecs::EcsWorld& ecs;
    core::cloudwatch::CloudWatchWorld& cloudwatch;
    core::autoscaling::AutoScalingWorld& autoscaling;
    core::autoscaling::ScalableResources& resources;
    TrafficMetrics& traffic;
    core::TaskUsageSource& usage;
};

class ScalingPlane {
public:
    // Everything passed must outlive the plane. `on_change` runs for each desired count the controller set.
    ScalingPlane(core::Clock& clock, ScalingPlaneParts parts,
                 std::function<void(const core::autoscaling::CapacityChange&)> on_change);
    ~ScalingPlane();
    ScalingPlane(const ScalingPlane&) = delete;
    ScalingPlane& operator=(const ScalingPlane&) = delete;

    // One metric period ending at `now` (a minute boundary); the timer calls it.
    void on_minute(core::Instant now);

private:
    void schedule_minute();
    void schedule_activity_check();

    core::Clock& clock_;
    ScalingPlaneParts parts_;
    core::autoscaling::ScalingController controller_;
    std::function<void(const core::autoscaling::CapacityChange&)> on_change_;
    // Each minute's usage take and its index, kept between minutes so neither is reallocated.
    std::vector<core::TaskUsage> usage_;
    core::metrics::TaskUsageIndex usage_index_;
    // By region key: each region's metric store has its own.
    std::unordered_map<std::string, core::metrics::UtilizationSeries> utilization_series_;
    std::optional<core::TimerId> minute_timer_;
    std::optional<core::TimerId> activity_timer_;
};

}  // namespace ecsemu::control
