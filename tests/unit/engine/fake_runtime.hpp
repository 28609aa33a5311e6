#pragma once
// A TaskRuntime for engine tests: records every start and stop, and plays each task's containers by a
// script chosen by image, reporting through the clock as a real runtime would report from its own thread
// (never from inside start()/stop()). Tests can also report by hand through the engine (it is the observer).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/ports.hpp"
#include "emulator/core/task_runtime.hpp"

namespace ecsemu::test {

struct ContainerScript {
    bool reports_running = true;
    core::Duration to_running = core::Duration::milliseconds(500);  // from start()
    // Reports HEALTHY this long after running (containers with a healthCheck only).
    core::Duration to_healthy = core::Duration::seconds(2);
    bool becomes_healthy = true;                // false: reports UNHEALTHY instead
    std::optional<core::Duration> exits_after;  // on its own, after running (or after start if it never runs)
    int exit_code = 1;
    std::string exit_reason;
    core::Duration stop_delay = core::Duration::milliseconds(300);  // from stop() to the exit report
    int stop_exit_code = 0;
};

class FakeRuntime final : public core::TaskRuntime {
public:
    explicit FakeRuntime(core::Clock& clock) : clock_(clock) {}

    void set_observer(core::TaskRuntimeObserver& observer) { observer_ = &observer; }
    // Containers whose image contains `image_part` follow `script`; others the default script.
    void script(const std::string& image_part, ContainerScript script) { scripts_[image_part] = script; }

    void start(const core::TaskLaunch& launch) override;
    void stop(const std::string& task_id) override;

    // Makes a running container exit now (as if it crashed).
    void crash(const std::string& task_id, const std::string& container, int exit_code,
               const std::string& reason = "");

    std::vector<core::TaskLaunch> starts;
    std::vector<std::string> stops;
    std::map<std::string, core::TaskLaunch> live;  // started and not every container exited

private:
    struct ContainerState {
        bool running = false;
        bool exited = false;
    };
    const ContainerScript& script_for(const std::string& image) const;
    void report_running(const std::string& task_id, const std::string& container);
    void report_exit(const std::string& task_id, const std::string& container, int code,
                     const std::string& reason);
    void after(core::Duration delay, std::function<void()> action);

    core::Clock& clock_;
    core::TaskRuntimeObserver* observer_ = nullptr;
    std::map<std::string, ContainerScript> scripts_;
    ContainerScript default_script_;
    std::map<std::string, std::map<std::string, ContainerState>> containers_;  // task -> container -> state
};

}  // namespace ecsemu::test
