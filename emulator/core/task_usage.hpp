#pragma once
// What a running task uses, reported by the task runtimes: measured for process tasks (/proc), modelled for
// stub tasks (CPU time per request served). The per-minute sampler turns it into the AWS/ECS CPUUtilization
// and MemoryUtilization datapoints target tracking reads.
#include <cstdint>
#include <string>
#include <vector>

#include "emulator/core/time.hpp"

namespace ecsemu::core {

struct TaskUsage {
    // Empty when launch_number identifies the task: the simulator reports every running task every minute,
    // and copying ten thousand ids a minute was a tenth of a week's run.
    std::string task_id;
    // Average CPU used since the previous take, in ECS CPU units (1024 = one vCPU), not capped.
    double cpu_units = 0;
    // Memory in use at the take, MiB.
    double memory_mib = 0;
    // The TaskLaunch::launch_number the task was started with, when the runtime keeps it (0: not given); the
    // store knows it too (Task::runtime_launch), so consumers can find a task's use without hashing its id.
    std::uint64_t launch_number = 0;
};

class TaskUsageSource {
public:
    virtual ~TaskUsageSource() = default;
    // Every running task's use since the previous call (real elapsed time for the emulator's runtimes),
    // then starts a new window.
    virtual std::vector<TaskUsage> take_usage() = 0;
    // The same into `usage`, replacing what it held. A source reporting thousands of tasks a minute (the
    // simulator's) overrides it to reuse the caller's buffer rather than allocate one every minute.
    virtual void take_usage_into(std::vector<TaskUsage>& usage) { usage = take_usage(); }
};

}  // namespace ecsemu::core
