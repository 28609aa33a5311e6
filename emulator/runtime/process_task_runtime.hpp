#pragma once
// The `process` task runtime: each container of a task runs as a local process, chosen by the first
// ProcessMapping whose glob matches its image (argv and environment: process_launch.hpp). Output goes to
// <log_dir>/<task id>/<container>.log.
//
//   start()  -> spawn; on_container_running once spawned (from a Clock callback, never inside start())
//   exit     -> noticed at once (SIGCHLD), on_container_exited(code or 128 + signal, "")
//   stop()   -> SIGTERM to each container's process group, SIGKILL after its stop_timeout on the Clock
//               (so it scales with the time scale); a killed process reports 137
// A container that cannot start (no mapping for its image, nothing to run, spawn failure) reports
// on_container_exited(kProcessCannotStartExitCode, "CannotStartContainerError: ...").
//
// Usage (core::TaskUsageSource) is measured from /proc: the CPU time and resident memory of every process
// in the task's containers' process groups (process_usage.hpp), over real time between takes. healthCheck
// commands run in groups of their own and are not counted.
//
// Threading: every method runs on the io_context's thread, which is also the Clock's thread.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "emulator/core/ports.hpp"
#include "emulator/core/task_runtime.hpp"
#include "emulator/core/task_usage.hpp"
#include "emulator/runtime/process_launch.hpp"

namespace boost::asio {
class io_context;
}

namespace ecsemu::runtime {

// Exit code reported with a CannotStartContainerError (127: what a shell reports for a missing command).
inline constexpr int kProcessCannotStartExitCode = 127;

struct ProcessRuntimeConfig {
    std::vector<ProcessMapping> mappings;  // first match wins
    std::string log_dir;
    // Host variables a process gets before its task's own (a program needs PATH to find its interpreter).
    std::vector<std::string> inherited_variables = {"PATH", "HOME", "LANG", "TMPDIR", "TZ"};
    // The real monotonic clock usage windows are timed on; tests may put a fake in its place.
    std::function<std::chrono::steady_clock::time_point()> real_now = [] {
        return std::chrono::steady_clock::now();
    };
};

class ProcessTaskRuntime final : public core::TaskRuntime, public core::TaskUsageSource {
public:
    // REQUIRES: io, clock and observer outlive the runtime; clock runs on io's thread.
    ProcessTaskRuntime(boost::asio::io_context& io, core::Clock& clock, core::TaskRuntimeObserver& observer,
                       ProcessRuntimeConfig config);
    // Kills every process group it started (SIGKILL) and cancels its timers; reports nothing.
    ~ProcessTaskRuntime() override;
    ProcessTaskRuntime(const ProcessTaskRuntime&) = delete;
    ProcessTaskRuntime& operator=(const ProcessTaskRuntime&) = delete;

    // Starting a task id that is already known does nothing.
    void start(const core::TaskLaunch& launch) override;
    void stop(const std::string& task_id) override;

    // Every known task's measured use since the previous take (or since the task started), by task id.
    // Reads /proc once per call.
    std::vector<core::TaskUsage> take_usage() override;

    std::string log_path(const std::string& task_id, const std::string& container) const;
    std::size_t live_process_count() const;
    std::size_t task_count() const;

    struct Impl;  // defined in process_task_runtime.cpp

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace ecsemu::runtime
