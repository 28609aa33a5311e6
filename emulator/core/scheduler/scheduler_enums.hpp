#pragma once
// The scheduler's own copies of the ECS and ELB states it reads and writes. They mirror the store's model
// one to one (same names, same order) so the mapping layer is a cast-free switch, but the planner does not
// include the model: it stays buildable and testable while the store changes.
#include <array>
#include <cstddef>
#include <string_view>

namespace ecsemu::core::scheduler {

// Task lastStatus, in lifecycle order.
enum class TaskStatus {
    Provisioning,
    Pending,
    Activating,
    Running,
    Deactivating,
    Stopping,
    Deprovisioning,
    Stopped
};
// A task's desiredStatus is only ever RUNNING or STOPPED.
enum class DesiredStatus { Running, Stopped };
// Task healthStatus: HEALTHY only when every essential container with a health check is HEALTHY.
enum class HealthStatus { Healthy, Unhealthy, Unknown };
// The task's target in the service's target group. None: no load balancer, or not registered yet.
enum class TargetHealth { None, Initial, Healthy, Unhealthy, Draining };
enum class DeploymentStatus { Primary, Active, Inactive };
enum class RolloutState { InProgress, Completed, Failed };
enum class StopCode {
    TaskFailedToStart,
    EssentialContainerExited,
    UserInitiated,
    ServiceSchedulerInitiated,
    SpotInterruption,
    TerminationNotice
};

namespace detail {
using namespace std::string_view_literals;
inline constexpr std::array kTaskStatusNames{"PROVISIONING"sv, "PENDING"sv,  "ACTIVATING"sv,     "RUNNING"sv,
                                             "DEACTIVATING"sv, "STOPPING"sv, "DEPROVISIONING"sv, "STOPPED"sv};
inline constexpr std::array kTargetHealthNames{"none"sv, "initial"sv, "healthy"sv, "unhealthy"sv,
                                               "draining"sv};
inline constexpr std::array kDeploymentStatusNames{"PRIMARY"sv, "ACTIVE"sv, "INACTIVE"sv};
inline constexpr std::array kRolloutStateNames{"IN_PROGRESS"sv, "COMPLETED"sv, "FAILED"sv};
inline constexpr std::array kStopCodeNames{"TaskFailedToStart"sv, "EssentialContainerExited"sv,
                                           "UserInitiated"sv,     "ServiceSchedulerInitiated"sv,
                                           "SpotInterruption"sv,  "TerminationNotice"sv};
}  // namespace detail

// Wire spellings, for messages and test traces.
constexpr std::string_view to_string(TaskStatus s) {
    return detail::kTaskStatusNames[std::size_t(s)];
}
constexpr std::string_view to_string(TargetHealth s) {
    return detail::kTargetHealthNames[std::size_t(s)];
}
constexpr std::string_view to_string(DeploymentStatus s) {
    return detail::kDeploymentStatusNames[std::size_t(s)];
}
constexpr std::string_view to_string(RolloutState s) {
    return detail::kRolloutStateNames[std::size_t(s)];
}
constexpr std::string_view to_string(StopCode s) {
    return detail::kStopCodeNames[std::size_t(s)];
}

}  // namespace ecsemu::core::scheduler
