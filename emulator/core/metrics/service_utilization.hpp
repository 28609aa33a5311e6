#pragma once
// ECS's service utilization metrics from what the task runtimes measured: for each ACTIVE service with
// RUNNING tasks, AWS/ECS CPUUtilization and MemoryUtilization by ClusterName+ServiceName, and by ClusterName
// for the cluster's service tasks together. As ECS defines them, 100 x units used by the tasks / units the
// task definitions reserve; each task's use is capped at its reservation, as Fargate caps it. Minimum and
// Maximum are the least and most utilized task's. Services without RUNNING tasks publish nothing (their
// alarms see missing data).
#include <string>
#include <vector>

#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/metrics/metric_store.hpp"
#include "emulator/core/task_usage.hpp"

namespace ecsemu::core::metrics {

// Fargate's smallest task reservation, used when a task has no task-level size (never on Fargate).
inline constexpr int kDefaultTaskCpuUnits = 256;
inline constexpr int kDefaultTaskMemoryMib = 512;

// Records the datapoints of the minute holding `at` for the region's services. Tasks without a usage entry
// count as idle.
void record_service_utilization(MetricStore& store, const ecs::EcsState& state,
                                const std::vector<TaskUsage>& usage, Instant at);

}  // namespace ecsemu::core::metrics
