#pragma once
// Turns what /proc shows of a task's processes at each take into core::TaskUsage: the CPU time its
// processes used since the previous take over the real time between, and the resident memory at the take.
// Pure: the runtime scans /proc (proc_scan.hpp) and reads the clock, and passes both in.
//
// CPU time of a process is its own ticks plus those of the children it has reaped (cutime), so short-lived
// children (a shell's commands) between two takes are counted through their parent. A process that was
// seen at the previous take and is gone now counts what was last seen of it; when it was reaped by a
// parent still in the task, the parent's reaped-children ticks already hold its whole life, so what was
// counted of it before is taken back out.
#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "emulator/core/task_usage.hpp"
#include "emulator/runtime/proc_stat.hpp"

namespace ecsemu::runtime {

// What one take saw of one process, kept for the next.
struct SeenProcess {
    int ppid = 0;
    std::uint64_t start_ticks = 0;
    std::uint64_t total_ticks = 0;  // own + reaped children
};
using SeenProcesses = std::map<int, SeenProcess>;  // by pid

SeenProcesses seen_processes(const std::vector<ProcStat>& processes);

// Ticks used between the take that saw `previous` and the one that sees `current` (never negative).
std::uint64_t cpu_ticks_between(const SeenProcesses& previous, const SeenProcesses& current);

class ProcessUsageMeter {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    ProcessUsageMeter(double ticks_per_second, std::int64_t page_bytes);

    // The task's first window starts when it starts. Beginning a known task does nothing.
    void begin(const std::string& task_id, TimePoint now);
    void end(const std::string& task_id);

    // groups: each begun task's live process groups; processes: the /proc scan of those groups. Tasks
    // begun but missing from `groups` report their memory as 0 and no CPU.
    std::vector<core::TaskUsage> take(TimePoint now, const std::map<std::string, std::set<int>>& groups,
                                      const std::vector<ProcStat>& processes);

private:
    struct TaskWindow {
        TimePoint since;
        SeenProcesses seen;
    };
    double ticks_per_second_;
    std::int64_t page_bytes_;
    std::map<std::string, TaskWindow> tasks_;
};

}  // namespace ecsemu::runtime
