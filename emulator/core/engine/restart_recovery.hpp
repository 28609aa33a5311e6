#pragma once
// After a restart the journal replay rebuilds what the API was told, but no task survives: the runtime that
// ran them is gone (service tasks, started by the engine, are not journaled at all; RunTask tasks are). Every
// task replay left short of STOPPED is therefore marked STOPPED at once, as ECS shows a task whose host died:
//   stopCode EssentialContainerExited, stoppedReason "Task stopped because ecsemu restarted",
//   containers STOPPED without an exit code, stoppedAt = executionStoppedAt = the restart instant.
// EssentialContainerExited rather than TaskFailedToStart: the task did start (or was starting) in the run
// that ended, and a restart says nothing about whether its image can start. The tasks are also marked as
// already counted (start_failure_recorded), so a restart never trips a circuit breaker or a launch back-off.
// The engine then reconciles every service, which starts replacements.
#include <string>
#include <vector>

#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::engine {

inline constexpr const char* kStoppedByRestartReason = "Task stopped because ecsemu restarted";

// Returns the ids of the tasks it stopped, in (cluster, id) order.
std::vector<std::string> stop_tasks_left_by_previous_run(ecs::EcsState& state, Instant now);

}  // namespace ecsemu::core::engine
