#include "net/stub/stub_usage.hpp"

namespace ecsemu::net {

core::TaskUsage model_stub_usage(const std::string& task_id, const StubUsageWindow& window) {
    core::TaskUsage usage;
    usage.task_id = task_id;
    if (window.elapsed_seconds > 0) {
        const double cpu_seconds = static_cast<double>(window.request_cpu_us) / 1e6;
        usage.cpu_units = 1024.0 * cpu_seconds / window.elapsed_seconds;
    }
    if (window.containers.empty()) return usage;
    // Shared equally so that the default baseline is the same for a task of one container or of five.
    const double share_units =
        static_cast<double>(window.cpu_reservation_units) / static_cast<double>(window.containers.size());
    for (const auto& container : window.containers) {
        if (!container.running) continue;
        usage.cpu_units += share_units * container.idle_cpu_percent / 100.0;
        usage.memory_mib += container.memory_mib;
    }
    return usage;
}

}  // namespace ecsemu::net
