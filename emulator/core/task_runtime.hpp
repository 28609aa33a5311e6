#pragma once
// The task runtime port: how the engine asks for containers to run and stop, and how it hears back.
// The emulator implements it with in-process stub servers and real processes (emulator/runtime, net/stub);
// the simulator with modelled start-up times and failures. Everything the runtime reports arrives as an
// observation on the control thread; the runtime never touches engine state.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/time.hpp"

namespace ecsemu::core {

struct ContainerHealthCheckSpec {
    std::vector<std::string> command;  // ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"]
    Duration interval = Duration::seconds(30);
    Duration timeout = Duration::seconds(5);
    int retries = 3;
    Duration start_period = Duration::seconds(0);
};

struct ContainerLaunch {
    std::string name;
    std::string image;
    bool essential = true;
    std::vector<int> container_ports;  // awsvpc: the task listens on these at its private IP
    std::vector<std::pair<std::string, std::string>> environment;  // task definition env + ECS-injected vars
    std::vector<std::string> entry_point;
    std::vector<std::string> command;
    std::string working_directory;
    std::optional<ContainerHealthCheckSpec> health_check;
    Duration stop_timeout = Duration::seconds(30);
};

struct TaskLaunch {
    std::string task_arn;
    std::string task_id;
    std::string cluster_arn;
    std::string family;
    int revision = 0;
    std::string private_ip;  // a distinct 127.0.0.0/8 address per task
    // The engine's number for this launch, from 1 up, never reused while the engine lives; the store keeps it
    // on the task (Task::runtime_launch), so a runtime can index its tasks by it instead of by id.
    std::uint64_t launch_number = 0;
    std::string availability_zone;
    int cpu_units = 0;
    int memory_mib = 0;
    std::vector<ContainerLaunch> containers;
};

enum class ContainerHealth { Unknown, Healthy, Unhealthy };

// Observations from a runtime, delivered on the control thread in the order they happened.
class TaskRuntimeObserver {
public:
    virtual ~TaskRuntimeObserver() = default;
    // The container's process or stub is up (its ports are open, for stubs).
    virtual void on_container_running(const std::string& task_id, const std::string& container) = 0;
    // The container ended; reason is ECS-worded text for the container's `reason`, empty if none.
    virtual void on_container_exited(const std::string& task_id, const std::string& container, int exit_code,
                                     const std::string& reason) = 0;
    // Result of the container healthCheck after it changed (only for containers with a healthCheck).
    virtual void on_container_health(const std::string& task_id, const std::string& container,
                                     ContainerHealth health) = 0;
};

class TaskRuntime {
public:
    virtual ~TaskRuntime() = default;
    // Starts every container of the task. Failures are reported as on_container_exited, never thrown.
    virtual void start(const TaskLaunch& launch) = 0;
    // Stops every container: SIGTERM (or the stub's equivalent), then SIGKILL after each container's
    // stop_timeout. Each exit is reported through the observer. Stopping an unknown task does nothing.
    virtual void stop(const std::string& task_id) = 0;
};

}  // namespace ecsemu::core
