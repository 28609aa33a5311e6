#pragma once
// Turns a run into its record (report/sim_result.hpp): at every minute boundary, after the minute's metrics
// were recorded and Application Auto Scaling acted, one timeline row per service; and the event log from
// the engine's change log (task starts and stops, deployments), the scaling decisions and the injections.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/autoscaling/scaling_controller.hpp"
#include "emulator/core/cloudwatch/cloudwatch_state.hpp"
#include "emulator/core/ecs/ecs_world.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/engine/change_log.hpp"
#include "emulator/core/metrics/metric_store.hpp"
#include "emulator/core/ports.hpp"
#include "sim/report/sim_result.hpp"
#include "sim/run/service_binding.hpp"

namespace ecsemu::sim {

struct RecorderSources {
    const core::ecs::EcsWorld& ecs;
    const core::elbv2::Elbv2World& elbv2;
    const core::cloudwatch::CloudWatchWorld& cloudwatch;
    core::engine::ChangeLog& change_log;  // consumed (cleared) each minute to bound memory
};

class TimelineRecorder {
public:
    // Everything passed must outlive the recorder. Schedules itself at every minute boundary from now on:
    // construct it after the ScalingPlane so that, at equal instants, it runs after the plane.
    TimelineRecorder(core::Clock& clock, RecorderSources sources, std::vector<ServiceBinding>& bindings,
                     SimResult& result);
    ~TimelineRecorder();
    TimelineRecorder(const TimelineRecorder&) = delete;
    TimelineRecorder& operator=(const TimelineRecorder&) = delete;

    // A desired count Application Auto Scaling set.
    void on_capacity_change(const core::autoscaling::CapacityChange& change, core::Instant now);
    void add_event(SimEvent event);
    // Takes what is left of the change log (at the end of the run).
    void flush();

    std::size_t events_recorded() const { return result_.events.size(); }

private:
    struct TaskCounts {
        int running = 0;
        int pending = 0;
    };

    void on_minute(core::Instant minute_end);
    // The service's RUNNING and pending tasks, from the store's per-service index.
    TaskCounts count_tasks(const ServiceBinding& binding) const;
    // A service's two utilization series, read every row: their dimensions, made once, and where the metric
    // store keeps them.
    struct ServiceSeries {
        core::metrics::Dimensions dimensions;  // ClusterName, ServiceName
        core::metrics::SeriesCache cpu;
        core::metrics::SeriesCache memory;
    };
    void record_row(ServiceBinding& binding, ServiceSeries& series, ServiceTimeline& timeline,
                    core::Instant minute_end);
    void consume_change_log();
    std::string label_of(const std::string& cluster_slash_service) const;
    std::string stopped_reason(const std::string& task_id) const;

    core::Clock& clock_;
    RecorderSources sources_;
    std::vector<ServiceBinding>& bindings_;
    SimResult& result_;
    std::map<std::string, std::string> label_by_service_;  // "<cluster>/<service>" and resource id -> label
    std::vector<ServiceSeries> series_;                    // by binding
    std::optional<core::TimerId> timer_;
};

}  // namespace ecsemu::sim
