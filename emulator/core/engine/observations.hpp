#pragma once
// What the task runtime reports, as values. The engine queues them as they arrive and records them in the
// store at the start of its next pass, in arrival order; the lifecycle and the scheduler then react to the
// recorded container states, never to the reports themselves.
#include <string>
#include <variant>

#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/ids.hpp"
#include "emulator/core/task_runtime.hpp"

namespace ecsemu::core::engine {

struct ContainerRunning {
    std::string task_id;
    std::string container;
};

struct ContainerExited {
    std::string task_id;
    std::string container;
    int exit_code = 0;
    std::string reason;
};

struct ContainerHealthChanged {
    std::string task_id;
    std::string container;
    ContainerHealth health = ContainerHealth::Unknown;
};

using Observation = std::variant<ContainerRunning, ContainerExited, ContainerHealthChanged>;

const std::string& task_id_of(const Observation& observation);
// "web running", "web exited 3 (reason)", "web HEALTHY", for the change log.
std::string describe(const Observation& observation);

// Records the observation on the task's container: lastStatus RUNNING with a runtimeId "<task id>-<digits>"
// (drawn from `ids`), STOPPED with exitCode and reason, or healthStatus (and the task's healthStatus
// recomputed). Reports about STOPPED tasks, unknown containers, or that change nothing are ignored.
// Returns true when the task changed (its version is bumped once).
bool record_observation(const ecs::EcsState& state, ecs::Task& task, const Observation& observation,
                        IdSource& ids);

}  // namespace ecsemu::core::engine
