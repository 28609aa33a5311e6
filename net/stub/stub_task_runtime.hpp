#pragma once
// The `stub` task runtime: every container is a set of in-process HTTP/1.1 servers, one per container
// port, listening on the task's own private IP (a 127.x.y.z address: Linux routes all of 127.0.0.0/8 to
// lo, so binding needs no setup). What a stub does is set by its environment (stub_behaviour.hpp); how it
// answers is in stub_responses.hpp; its health in stub_health.hpp.
//
// Lifecycle of a container, all on the Clock so it scales with the emulator's time scale:
//   start()                       -> ports open after ECSEMU_STUB_START_DELAY_S, then on_container_running
//   ECSEMU_STUB_EXIT_AFTER_S       -> servers close, on_container_exited(ECSEMU_STUB_EXIT_CODE, "")
//   healthCheck in the definition -> checked every interval; on_container_health when the result changes
//   stop()                        -> in-flight requests (ECSEMU_STUB_UPSTREAM calls included) get up to
//                                    `stop_grace` to finish, then servers close
//                                    and every container still up reports exit code 0 (a clean SIGTERM exit)
// A container that cannot start (malformed ECSEMU_STUB_* value, port already taken) reports
// on_container_exited(kStubCannotStartExitCode, "CannotStartContainerError: ...").
// The reason is empty for the runtime's own exits: the engine words the task's stoppedReason.
//
// Observations are always delivered from Clock callbacks, never from inside start() or stop(), so the
// engine is not re-entered while it is calling the runtime.
//
// Usage (core::TaskUsageSource) is modelled, not measured: stub_usage.hpp. Windows are timed on a real
// monotonic clock, not the emulated one, since CPUUtilization is a share of real CPU time.
//
// Cost per task: one listening socket per port on the shared io_context; no threads and no per-task
// polling (timers only for start, exit and healthCheck).
//
// Threading: every method runs on the io_context's thread, which is also the Clock's thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "emulator/core/ports.hpp"
#include "emulator/core/task_runtime.hpp"
#include "emulator/core/task_usage.hpp"
#include "net/http/http_server.hpp"
#include "net/stub/stub_upstream_client.hpp"

namespace boost::asio {
class io_context;
}

namespace ecsemu::net {

// Exit code reported with a CannotStartContainerError (a container that never ran has no real one; 127
// is what a shell reports when it cannot find the command).
inline constexpr int kStubCannotStartExitCode = 127;

struct StubTaskStats {
    std::uint64_t requests = 0;
    std::int64_t cpu_time_us = 0;  // requests x ECSEMU_STUB_CPU_MS_PER_REQUEST, over all containers
};

struct StubRuntimeOptions {
    core::Duration stop_grace = core::Duration::seconds(2);  // emulated
    HttpServerLimits limits = {};
    // ECSEMU_STUB_UPSTREAM host names with fixed addresses (name -> IPv4), consulted before the resolver.
    std::map<std::string, std::string> upstream_hosts;
    // The real monotonic clock usage windows are timed on; tests put a fake in its place.
    std::function<std::chrono::steady_clock::time_point()> real_now = [] {
        return std::chrono::steady_clock::now();
    };
};

class StubTaskRuntime final : public core::TaskRuntime, public core::TaskUsageSource {
public:
    // REQUIRES: io, clock and observer outlive the runtime; clock runs on io's thread.
    StubTaskRuntime(boost::asio::io_context& io, core::Clock& clock, core::TaskRuntimeObserver& observer,
                    StubRuntimeOptions options = {});
    // Closes every server and cancels every timer; reports nothing.
    ~StubTaskRuntime() override;
    StubTaskRuntime(const StubTaskRuntime&) = delete;
    StubTaskRuntime& operator=(const StubTaskRuntime&) = delete;

    // Starting a task id that is already known does nothing.
    void start(const core::TaskLaunch& launch) override;
    void stop(const std::string& task_id) override;

    // Requests served and modelled CPU time, for a task that is known (started and not yet gone: a task
    // is forgotten once stop() has finished or every container has exited).
    std::optional<StubTaskStats> stats(const std::string& task_id) const;

    // Every known task's modelled use since the previous take (or since the task started), by task id.
    std::vector<core::TaskUsage> take_usage() override;

    // How ECSEMU_STUB_UPSTREAM host names not in upstream_hosts are resolved (the emulator's DNS server);
    // without one they fail with "no DNS resolver configured". Calls its callback on the io_context thread.
    void set_upstream_resolver(StubNameResolver resolver);
    std::size_t task_count() const;

    struct Impl;  // defined in stub_task_runtime.cpp

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace ecsemu::net
