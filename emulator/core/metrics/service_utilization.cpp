#include "emulator/core/metrics/service_utilization.hpp"

#include <algorithm>
#include <cstdint>
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

    // The tasks of `other` as well (a cluster's from its services').
    void merge(const Utilization& other) {
        used += other.used;
        reserved += other.reserved;
        per_task.add(other.per_task);
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

// The usage reports, as the walk over the store finds them: by launch number where the runtime gave one (an
// index over the span of numbers reported, since every running task is looked up every minute), otherwise by
// task id. A task reported twice counts its last report.
class UsageLookup {
public:
    explicit UsageLookup(const std::vector<TaskUsage>& usage) {
        std::uint64_t low = 0;
        std::uint64_t high = 0;
        for (const TaskUsage& entry : usage) {
            if (entry.launch_number == 0) continue;
            low = low == 0 ? entry.launch_number : std::min(low, entry.launch_number);
            high = std::max(high, entry.launch_number);
        }
        first_launch_ = low;
        if (low > 0) by_launch_.assign(high - low + 1, nullptr);
        for (const TaskUsage& entry : usage) {
            if (entry.launch_number > 0) {
                by_launch_[entry.launch_number - low] = &entry;
            } else {
                by_id_[entry.task_id] = &entry;
            }
        }
    }

    const TaskUsage* find(const ecs::Task& task) const {
        if (task.runtime_launch >= first_launch_ && task.runtime_launch - first_launch_ < by_launch_.size()) {
            if (const TaskUsage* entry = by_launch_[task.runtime_launch - first_launch_]) return entry;
        }
        if (by_id_.empty()) return nullptr;
        const auto found = by_id_.find(task.id);
        return found == by_id_.end() ? nullptr : found->second;
    }

private:
    std::uint64_t first_launch_ = 0;
    std::vector<const TaskUsage*> by_launch_;
    std::unordered_map<std::string_view, const TaskUsage*> by_id_;
};

void record(MetricStore& store, const Dimensions& dimensions, const ServiceUtilization& utilization,
            Instant at) {
    store.put({kNamespace, "CPUUtilization", dimensions}, at, utilization.cpu.datapoint(), "Percent");
    store.put({kNamespace, "MemoryUtilization", dimensions}, at, utilization.memory.datapoint(), "Percent");
}

}  // namespace

void record_service_utilization(MetricStore& store, const ecs::EcsState& state,
                                const std::vector<TaskUsage>& usage, Instant at) {
    // Every running task every minute: the lookup and the store's per-service task index keep this to one
    // index or hash lookup per running task.
    const UsageLookup lookup(usage);

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
                const TaskUsage* found = lookup.find(*task);
                const double cpu_used = found == nullptr ? 0 : found->cpu_units;
                const double memory_used = found == nullptr ? 0 : found->memory_mib;
                of_service->cpu.add(cpu_used, cpu_reserved);
                of_service->memory.add(memory_used, memory_reserved);
            }
        }
        if (utilization.empty()) continue;
        // The cluster's tasks are its services' tasks: summed per service, not added task by task again.
        for (const auto& [service_name, of_service] : utilization) {
            cluster.cpu.merge(of_service.cpu);
            cluster.memory.merge(of_service.memory);
        }
        for (const auto& [service_name, of_service] : utilization)
            record(store, {{"ClusterName", cluster_name}, {"ServiceName", service_name}}, of_service, at);
        record(store, {{"ClusterName", cluster_name}}, cluster, at);
    }
}

}  // namespace ecsemu::core::metrics
