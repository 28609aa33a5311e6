#pragma once
// ECS's service utilization metrics from what the task runtimes measured: for each ACTIVE service with
// RUNNING tasks, AWS/ECS CPUUtilization and MemoryUtilization by ClusterName+ServiceName, and by ClusterName
// for the cluster's service tasks together. As ECS defines them, 100 x units used by the tasks / units the
// task definitions reserve; each task's use is capped at its reservation, as Fargate caps it. Minimum and
// Maximum are the least and most utilized task's. Services without RUNNING tasks publish nothing (their
// alarms see missing data).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/metrics/metric_store.hpp"
#include "emulator/core/task_usage.hpp"

namespace ecsemu::core::metrics {

// Fargate's smallest task reservation, used when a task has no task-level size (never on Fargate).
inline constexpr int kDefaultTaskCpuUnits = 256;
inline constexpr int kDefaultTaskMemoryMib = 512;

// A take's usage reports, as the walk over the store finds them: by launch number where the runtime gave one
// (every running task is looked up every minute), otherwise by task id. A task reported twice counts its last
// report. Meant to be kept and refilled every minute: the number index is sized to the highest launch number
// seen and each slot says which take filled it, so a refill costs the reports, not the numbers, and clears
// nothing. The numbered reports' figures are copied into the index, so the walk reads one slot per task
// rather than following a pointer from it to the report as well.
class TaskUsageIndex {
public:
    struct Used {
        double cpu_units = 0;
        double memory_mib = 0;
    };

    // Reports without a launch number (or above the indexed range) are pointed at: `usage` must outlive the
    // lookups until the next refill.
    void refill(const std::vector<TaskUsage>& usage);
    // Inline for the indexed case: it runs for every running task every minute.
    std::optional<Used> find(const ecs::Task& task) const {
        const std::uint64_t number = task.runtime_launch;
        if (number != 0 && number < by_launch_.size()) {
            if (const Slot& slot = by_launch_[number]; slot.take == take_) return slot.used;
        }
        return find_unindexed(task);
    }

private:
    // The task's report by a launch number above the indexed range, or by its id.
    std::optional<Used> find_unindexed(const ecs::Task& task) const;

    // Above this a launch number is hashed rather than indexed (the engine numbers launches from 1).
    static constexpr std::uint64_t kIndexedLaunchesMax = std::uint64_t{1} << 24;
    struct Slot {
        Used used;
        std::uint64_t take = 0;  // the refill that set it; 0: none
    };

    std::vector<Slot> by_launch_;  // by launch number
    std::uint64_t take_ = 0;       // refills so far: a slot of an earlier take is not reported in this one
    std::unordered_map<std::uint64_t, const TaskUsage*> by_high_launch_;
    std::unordered_map<std::string_view, const TaskUsage*> by_id_;
};

// Where the utilization datapoints of one metric store go: each service's and cluster's two series, found
// once rather than hashed at every put. Kept by whoever records every minute (the scaling plane keeps one per
// region), and only ever passed with the same store.
class UtilizationSeries {
public:
    struct Pair {
        SeriesCache cpu;
        SeriesCache memory;
    };
    Pair& of_service(const std::string& cluster_name, const std::string& service_name) {
        return by_service_[cluster_name][service_name];
    }
    Pair& of_cluster(const std::string& cluster_name) { return by_cluster_[cluster_name]; }

private:
    std::unordered_map<std::string, std::unordered_map<std::string, Pair>> by_service_;
    std::unordered_map<std::string, Pair> by_cluster_;
};

// Records the datapoints of the minute holding `at` for the region's services. Tasks without a usage entry
// count as idle. `series`, when given, must be used with `store` alone.
void record_service_utilization(MetricStore& store, const ecs::EcsState& state, const TaskUsageIndex& usage,
                                Instant at, UtilizationSeries* series = nullptr);
// The same from one take's reports.
void record_service_utilization(MetricStore& store, const ecs::EcsState& state,
                                const std::vector<TaskUsage>& usage, Instant at);

}  // namespace ecsemu::core::metrics
