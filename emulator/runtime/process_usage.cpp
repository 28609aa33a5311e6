#include "emulator/runtime/process_usage.hpp"

#include <utility>

namespace ecsemu::runtime {

SeenProcesses seen_processes(const std::vector<ProcStat>& processes) {
    SeenProcesses seen;
    for (const auto& process : processes) {
        seen[process.pid] = {process.ppid, process.start_ticks, process.cpu_ticks + process.child_cpu_ticks};
    }
    return seen;
}

std::uint64_t cpu_ticks_between(const SeenProcesses& previous, const SeenProcesses& current) {
    // Signed: taking back a reaped child can exceed what the rest added when its parent reaps without
    // accounting (SIGCHLD ignored), and the window then counts as idle rather than wrapping.
    std::int64_t ticks = 0;
    auto same_process = [](const SeenProcess& a, const SeenProcess& b) {
        return a.start_ticks == b.start_ticks;
    };
    for (const auto& [pid, now] : current) {
        auto before = previous.find(pid);
        const bool seen_before = before != previous.end() && same_process(before->second, now);
        // A process first seen now started after the previous take: all of its ticks are in this window.
        const std::uint64_t base = seen_before ? before->second.total_ticks : 0;
        if (now.total_ticks > base) ticks += static_cast<std::int64_t>(now.total_ticks - base);
    }
    for (const auto& [pid, then] : previous) {
        auto now = current.find(pid);
        if (now != current.end() && same_process(now->second, then)) continue;
        if (current.count(then.ppid) != 0) ticks -= static_cast<std::int64_t>(then.total_ticks);
    }
    return ticks > 0 ? static_cast<std::uint64_t>(ticks) : 0;
}

ProcessUsageMeter::ProcessUsageMeter(double ticks_per_second, std::int64_t page_bytes)
    : ticks_per_second_(ticks_per_second), page_bytes_(page_bytes) {}

void ProcessUsageMeter::begin(const std::string& task_id, TimePoint now) {
    tasks_.try_emplace(task_id, TaskWindow{now, {}});
}

void ProcessUsageMeter::end(const std::string& task_id) {
    tasks_.erase(task_id);
}

std::vector<core::TaskUsage> ProcessUsageMeter::take(TimePoint now,
                                                     const std::map<std::string, std::set<int>>& groups,
                                                     const std::vector<ProcStat>& processes) {
    std::vector<core::TaskUsage> usage;
    usage.reserve(tasks_.size());
    for (auto& [task_id, window] : tasks_) {
        std::vector<ProcStat> mine;
        auto task_groups = groups.find(task_id);
        if (task_groups != groups.end()) {
            for (const auto& process : processes) {
                if (task_groups->second.count(process.pgrp) != 0) mine.push_back(process);
            }
        }
        SeenProcesses seen = seen_processes(mine);
        core::TaskUsage task;
        task.task_id = task_id;
        const double elapsed_seconds = std::chrono::duration<double>(now - window.since).count();
        if (elapsed_seconds > 0) {
            const double cpu_seconds =
                static_cast<double>(cpu_ticks_between(window.seen, seen)) / ticks_per_second_;
            task.cpu_units = 1024.0 * cpu_seconds / elapsed_seconds;
        }
        std::int64_t rss_pages = 0;
        for (const auto& process : mine) rss_pages += process.rss_pages;
        task.memory_mib =
            static_cast<double>(rss_pages) * static_cast<double>(page_bytes_) / (1024.0 * 1024.0);
        usage.push_back(std::move(task));
        window.since = now;
        window.seen = std::move(seen);
    }
    return usage;
}

}  // namespace ecsemu::runtime
