#include "emulator/core/metrics/service_utilization.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
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
    // Each task's percentage: how many, the lowest and the highest. Kept in place rather than added up as
    // StatisticSets: every running task adds two every minute.
    double tasks = 0;
    double lowest = 0;
    double highest = 0;

    void add(double task_used, double task_reserved) {
        const double capped = std::clamp(task_used, 0.0, task_reserved);
        used += capped;
        reserved += task_reserved;
        const double percent = 100.0 * capped / task_reserved;
        lowest = tasks == 0 ? percent : std::min(lowest, percent);
        highest = tasks == 0 ? percent : std::max(highest, percent);
        ++tasks;
    }

    // The tasks of `other` as well (a cluster's from its services').
    void merge(const Utilization& other) {
        used += other.used;
        reserved += other.reserved;
        if (other.tasks == 0) return;
        lowest = tasks == 0 ? other.lowest : std::min(lowest, other.lowest);
        highest = tasks == 0 ? other.highest : std::max(highest, other.highest);
        tasks += other.tasks;
    }

    // A service's one datapoint: the average is units used over units reserved.
    StatisticSet datapoint() const {
        const double average = 100.0 * used / reserved;
        return StatisticSet{tasks, average * tasks, lowest, highest};
    }
};

struct ServiceUtilization {
    Utilization cpu;
    Utilization memory;
};

// `series`: the caches of these dimensions' two series, or null.
void record(MetricStore& store, const Dimensions& dimensions, const ServiceUtilization& utilization,
            Instant at, UtilizationSeries::Pair* series) {
    static const std::string kPercent = "Percent";
    const MetricKeyRef cpu{kNamespace, "CPUUtilization", dimensions};
    const MetricKeyRef memory{kNamespace, "MemoryUtilization", dimensions};
    if (series == nullptr) {
        store.put(cpu, at, utilization.cpu.datapoint(), kPercent);
        store.put(memory, at, utilization.memory.datapoint(), kPercent);
        return;
    }
    store.put(cpu, series->cpu, at, utilization.cpu.datapoint(), kPercent);
    store.put(memory, series->memory, at, utilization.memory.datapoint(), kPercent);
}

// A report's figures, as the index keeps and returns them.
TaskUsageIndex::Used used_of(const TaskUsage& report) {
    return TaskUsageIndex::Used{report.cpu_units, report.memory_mib};
}

}  // namespace

void TaskUsageIndex::refill(const std::vector<TaskUsage>& usage) {
    ++take_;
    by_high_launch_.clear();
    by_id_.clear();
    for (const TaskUsage& entry : usage) {
        const std::uint64_t number = entry.launch_number;
        if (number == 0) {
            by_id_[entry.task_id] = &entry;
        } else if (number >= kIndexedLaunchesMax) {
            by_high_launch_[number] = &entry;
        } else {
            // Doubled as numbers grow, never past the indexed range (number < kIndexedLaunchesMax here).
            if (number >= by_launch_.size())
                by_launch_.resize(
                    std::clamp<std::uint64_t>(2 * by_launch_.size(), number + 1, kIndexedLaunchesMax));
            by_launch_[number] = Slot{used_of(entry), take_};
        }
    }
}

std::optional<TaskUsageIndex::Used> TaskUsageIndex::find_unindexed(const ecs::Task& task) const {
    const std::uint64_t number = task.runtime_launch;
    if (number >= by_launch_.size() && !by_high_launch_.empty()) {
        if (const auto found = by_high_launch_.find(number); found != by_high_launch_.end())
            return used_of(*found->second);
    }
    if (by_id_.empty()) return std::nullopt;
    const auto found = by_id_.find(task.id);
    if (found == by_id_.end()) return std::nullopt;
    return used_of(*found->second);
}

void record_service_utilization(MetricStore& store, const ecs::EcsState& state,
                                const std::vector<TaskUsage>& usage, Instant at) {
    TaskUsageIndex index;
    index.refill(usage);
    record_service_utilization(store, state, index, at);
}

void record_service_utilization(MetricStore& store, const ecs::EcsState& state, const TaskUsageIndex& usage,
                                Instant at, UtilizationSeries* series) {
    // Every running task every minute: the usage index and the store's per-service task index keep this to
    // one index lookup per running task.
    std::vector<std::pair<const std::string*, ServiceUtilization>> utilization;  // in service name order
    for (const auto& [cluster_name, services] : state.services) {
        utilization.clear();
        for (const auto& [service_name, service] : services) {
            if (service.status != ecs::ServiceStatus::Active) continue;
            // Added up in a local, not in place in `utilization`: the compiler keeps a local's sums in
            // registers across the walk, where it must store and reload an element's at every task.
            ServiceUtilization of_service;
            for (const ecs::Task* task : ecs::tasks_launched_for(state, cluster_name, service_name)) {
                if (task->last_status != ecs::TaskStatus::Running) continue;
                const double cpu_reserved = task->cpu_units.value_or(kDefaultTaskCpuUnits);
                const double memory_reserved = task->memory_mib.value_or(kDefaultTaskMemoryMib);
                const TaskUsageIndex::Used used = usage.find(*task).value_or(TaskUsageIndex::Used{});
                of_service.cpu.add(used.cpu_units, cpu_reserved);
                of_service.memory.add(used.memory_mib, memory_reserved);
            }
            // Only services with a RUNNING task publish.
            if (of_service.cpu.tasks > 0) utilization.emplace_back(&service_name, of_service);
        }
        if (utilization.empty()) continue;
        // The cluster's tasks are its services' tasks: summed per service, not added task by task again.
        ServiceUtilization cluster;
        for (const auto& [service_name, of_service] : utilization) {
            cluster.cpu.merge(of_service.cpu);
            cluster.memory.merge(of_service.memory);
        }
        // One set of dimensions, its service name reassigned: every service publishes every minute.
        Dimensions dimensions{{"ClusterName", cluster_name}, {"ServiceName", ""}};
        std::string& service_dimension = dimensions.at("ServiceName");
        for (const auto& [service_name, of_service] : utilization) {
            service_dimension = *service_name;
            record(store, dimensions, of_service, at,
                   series == nullptr ? nullptr : &series->of_service(cluster_name, *service_name));
        }
        record(store, {{"ClusterName", cluster_name}}, cluster, at,
               series == nullptr ? nullptr : &series->of_cluster(cluster_name));
    }
}

}  // namespace ecsemu::core::metrics
