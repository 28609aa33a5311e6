#include "emulator/core/metrics/service_utilization.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "emulator/core/ecs/services.hpp"
#include "emulator/core/ecs/tasks.hpp"

namespace ecsemu::core::metrics {

namespace {

constexpr const char* kNamespace = "AWS/ECS";

// Utilization of the tasks grouped under one set of dimensions.
struct Utilization {
    double used = 0;
    double reserved = 0;
    StatisticSet per_task;  // each task's percentage: its minimum and maximum

    void add(double task_used, double task_reserved) {
        const double capped = std::clamp(task_used, 0.0, task_reserved);
        used += capped;
        reserved += task_reserved;
        const double percent = 100.0 * capped / task_reserved;
        per_task.add(StatisticSet{1, percent, percent, percent});
    }

    // A service's one datapoint: the average is units used over units reserved.
    StatisticSet datapoint() const {
        const double average = 100.0 * used / reserved;
        return StatisticSet{per_task.sample_count, average * per_task.sample_count, per_task.minimum,
                            per_task.maximum};
    }
};

struct ServiceUtilization {
    Utilization cpu;
    Utilization memory;
};

void record(MetricStore& store, const Dimensions& dimensions, const ServiceUtilization& utilization,
            Instant at) {
    store.put({kNamespace, "CPUUtilization", dimensions}, at, utilization.cpu.datapoint(), "Percent");
    store.put({kNamespace, "MemoryUtilization", dimensions}, at, utilization.memory.datapoint(), "Percent");
}

}  // namespace

void record_service_utilization(MetricStore& store, const ecs::EcsState& state,
                                const std::vector<TaskUsage>& usage, Instant at) {
    // Every running task every minute: a hashed view of the usage and the store's per-service task index
    // keep this to one lookup per running task. A task id reported twice counts its last report.
    std::unordered_map<std::string_view, const TaskUsage*> by_task;
    by_task.reserve(usage.size());
    for (const TaskUsage& entry : usage) by_task[entry.task_id] = &entry;

    for (const auto& [cluster_name, services] : state.services) {
        std::map<std::string, ServiceUtilization> utilization;
        ServiceUtilization cluster;
        for (const auto& [service_name, service] : services) {
            if (service.status != ecs::ServiceStatus::Active) continue;
            ServiceUtilization* of_service = nullptr;  // made at the service's first RUNNING task
            for (const ecs::Task* task : ecs::tasks_launched_for(state, cluster_name, service_name)) {
                if (task->last_status != ecs::TaskStatus::Running) continue;
                if (of_service == nullptr) of_service = &utilization[service_name];
                const double cpu_reserved = task->cpu_units.value_or(kDefaultTaskCpuUnits);
                const double memory_reserved = task->memory_mib.value_or(kDefaultTaskMemoryMib);
                const auto found = by_task.find(task->id);
                const double cpu_used = found == by_task.end() ? 0 : found->second->cpu_units;
                const double memory_used = found == by_task.end() ? 0 : found->second->memory_mib;
                for (ServiceUtilization* group : {of_service, &cluster}) {
                    group->cpu.add(cpu_used, cpu_reserved);
                    group->memory.add(memory_used, memory_reserved);
                }
            }
        }
        if (utilization.empty()) continue;
        for (const auto& [service_name, of_service] : utilization)
            record(store, {{"ClusterName", cluster_name}, {"ServiceName", service_name}}, of_service, at);
        record(store, {{"ClusterName", cluster_name}}, cluster, at);
    }
}

}  // namespace ecsemu::core::metrics
