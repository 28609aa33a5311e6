#include "emulator/core/engine/restart_recovery.hpp"

#include "emulator/core/ecs/tasks.hpp"

namespace ecsemu::core::engine {

std::vector<std::string> stop_tasks_left_by_previous_run(ecs::EcsState& state, Instant now) {
    std::vector<std::string> stopped;
    for (auto& [cluster, tasks] : state.tasks) {
        for (auto& [id, task] : tasks) {
            if (!task.is_live()) continue;
            if (task.desired_status != ecs::DesiredStatus::Stopped || !task.stop_code) {
                task.desired_status = ecs::DesiredStatus::Stopped;
                task.stop_code = ecs::TaskStopCode::EssentialContainerExited;
                task.stopped_reason = kStoppedByRestartReason;
            }
            task.start_failure_recorded = true;
            ecs::settle_stopped_task(task, now);
            stopped.push_back(id);
        }
    }
    return stopped;
}

}  // namespace ecsemu::core::engine
