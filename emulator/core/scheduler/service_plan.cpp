#include "emulator/core/scheduler/service_plan.hpp"

#include <array>
#include <cstddef>
#include <type_traits>

namespace ecsemu::core::scheduler {

namespace {

using namespace std::string_view_literals;

constexpr std::array kCauseNames{"Rollout"sv,       "DesiredCount"sv,      "UnhealthyTask"sv,
                                 "LaunchFailure"sv, "LaunchThrottled"sv,   "CircuitBreaker"sv,
                                 "Rollback"sv,      "DeploymentDrained"sv, "DeploymentCompleted"sv,
                                 "SteadyState"sv,   "ConfigurationStall"sv};

constexpr std::array kEventKindNames{
    "TasksStarted"sv,     "TasksStopped"sv, "DeploymentCompleted"sv,       "SteadyState"sv,
    "DeploymentFailed"sv, "RollingBack"sv,  "UnableToStartConsistently"sv, "DeploymentConfigurationStall"sv};

std::string str(std::string_view v) {
    return std::string(v);
}

}  // namespace

std::string_view to_string(ActionCause cause) {
    return kCauseNames[std::size_t(cause)];
}
std::string_view to_string(EventKind kind) {
    return kEventKindNames[std::size_t(kind)];
}

std::string describe(const Action& action) {
    return std::visit(
        [](const auto& a) -> std::string {
            using A = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<A, StartTask>) {
                return "StartTask " + a.deployment_id + " az=" + a.availability_zone +
                       " subnet=" + a.subnet_id;
            } else if constexpr (std::is_same_v<A, StopTask>) {
                return "StopTask " + a.task_id + " " + str(to_string(a.stop_code)) + " \"" +
                       a.stopped_reason + "\"";
            } else if constexpr (std::is_same_v<A, DeploymentStateChange>) {
                return "DeploymentStateChange " + a.deployment_id + " " + str(to_string(a.rollout_state)) +
                       " \"" + a.reason + "\"";
            } else if constexpr (std::is_same_v<A, DeploymentStatusChange>) {
                return "DeploymentStatusChange " + a.deployment_id + " " + str(to_string(a.status));
            } else if constexpr (std::is_same_v<A, CreateRollbackDeployment>) {
                return "CreateRollbackDeployment " + a.task_definition_arn + " to " +
                       a.rolled_back_to_deployment_id;
            } else if constexpr (std::is_same_v<A, EmitEvent>) {
                return "EmitEvent " + str(to_string(a.kind)) + " \"" + a.message + "\"";
            } else if constexpr (std::is_same_v<A, EmitStartedTasksEvent>) {
                return "EmitStartedTasksEvent " + std::to_string(a.task_count) +
                       " replaced_unhealthy=" + std::to_string(a.replaced_unhealthy_count);
            } else if constexpr (std::is_same_v<A, RecordStartFailure>) {
                return "RecordStartFailure " + a.task_id;
            } else if constexpr (std::is_same_v<A, SetDeploymentCounters>) {
                return "SetDeploymentCounters " + a.deployment_id +
                       " failed_tasks=" + std::to_string(a.failed_tasks) +
                       " had_running_task=" + (a.had_running_task ? "true" : "false");
            } else {
                static_assert(std::is_same_v<A, SetLaunchBackoff>);
                return "SetLaunchBackoff failures=" + std::to_string(a.state.consecutive_start_failures) +
                       " next_launch_at=" + std::to_string(a.state.next_launch_at.epoch_ms);
            }
        },
        action);
}

}  // namespace ecsemu::core::scheduler
