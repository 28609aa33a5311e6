#pragma once
// ECS enumerations and their wire spellings. Each enum's values are numbered from 0 in the order of its
// EnumNames table, so to_string is an index and parse a scan of a handful of strings.
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace ecsemu::core::ecs {

enum class LaunchType { Ec2, Fargate, External, ManagedInstances };  // also the model's Compatibility
enum class NetworkMode { Bridge, Host, Awsvpc, None };
enum class ClusterStatus { Active, Provisioning, Deprovisioning, Failed, Inactive };
enum class TaskDefinitionStatus { Active, Inactive, DeleteInProgress };
enum class ServiceStatus { Active, Draining, Inactive };
enum class DeploymentStatus { Primary, Active, Inactive };
enum class RolloutState { InProgress, Completed, Failed };
enum class SchedulingStrategy { Replica, Daemon };
enum class PropagateTags { TaskDefinition, Service, None };
enum class DeploymentControllerType { Ecs, CodeDeploy, External };
enum class DeploymentStrategy { Rolling, BlueGreen, Linear, Canary };
enum class AssignPublicIp { Enabled, Disabled };
enum class AvailabilityZoneRebalancing { Enabled, Disabled };
// Task lastStatus, in lifecycle order (PROVISIONING -> ... -> STOPPED).
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
// ListTasks accepts PENDING as a filter value, but a task's desiredStatus is only ever RUNNING or STOPPED.
enum class DesiredStatus { Running, Pending, Stopped };
enum class TaskStopCode {
    TaskFailedToStart,
    EssentialContainerExited,
    UserInitiated,
    ServiceSchedulerInitiated,
    SpotInterruption,
    TerminationNotice
};
enum class HealthStatus { Healthy, Unhealthy, Unknown };
enum class ContainerStatus { Pending, Running, Stopped };
enum class AttachmentStatus {
    Precreated,
    Created,
    Attaching,
    Attached,
    Detaching,
    Detached,
    Deleted,
    Failed
};
enum class TransportProtocol { Tcp, Udp };
enum class ApplicationProtocol { Http, Http2, Grpc };
enum class TaskDefinitionFamilyStatus { Active, Inactive, All };
enum class SortOrder { Asc, Desc };

template <class E>
struct EnumNames;

#define ECSEMU_ECS_ENUM_NAMES(E, ...)                              \
    template <>                                                    \
    struct EnumNames<E> {                                          \
        static constexpr std::string_view names[] = {__VA_ARGS__}; \
    }

ECSEMU_ECS_ENUM_NAMES(LaunchType, "EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES");
ECSEMU_ECS_ENUM_NAMES(NetworkMode, "bridge", "host", "awsvpc", "none");
ECSEMU_ECS_ENUM_NAMES(ClusterStatus, "ACTIVE", "PROVISIONING", "DEPROVISIONING", "FAILED", "INACTIVE");
ECSEMU_ECS_ENUM_NAMES(TaskDefinitionStatus, "ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS");
ECSEMU_ECS_ENUM_NAMES(ServiceStatus, "ACTIVE", "DRAINING", "INACTIVE");
ECSEMU_ECS_ENUM_NAMES(DeploymentStatus, "PRIMARY", "ACTIVE", "INACTIVE");
ECSEMU_ECS_ENUM_NAMES(RolloutState, "IN_PROGRESS", "COMPLETED", "FAILED");
ECSEMU_ECS_ENUM_NAMES(SchedulingStrategy, "REPLICA", "DAEMON");
ECSEMU_ECS_ENUM_NAMES(PropagateTags, "TASK_DEFINITION", "SERVICE", "NONE");
ECSEMU_ECS_ENUM_NAMES(DeploymentControllerType, "ECS", "CODE_DEPLOY", "EXTERNAL");
ECSEMU_ECS_ENUM_NAMES(DeploymentStrategy, "ROLLING", "BLUE_GREEN", "LINEAR", "CANARY");
ECSEMU_ECS_ENUM_NAMES(AssignPublicIp, "ENABLED", "DISABLED");
ECSEMU_ECS_ENUM_NAMES(AvailabilityZoneRebalancing, "ENABLED", "DISABLED");
ECSEMU_ECS_ENUM_NAMES(TaskStatus, "PROVISIONING", "PENDING", "ACTIVATING", "RUNNING", "DEACTIVATING",
                      "STOPPING", "DEPROVISIONING", "STOPPED");
ECSEMU_ECS_ENUM_NAMES(DesiredStatus, "RUNNING", "PENDING", "STOPPED");
ECSEMU_ECS_ENUM_NAMES(TaskStopCode, "TaskFailedToStart", "EssentialContainerExited", "UserInitiated",
                      "ServiceSchedulerInitiated", "SpotInterruption", "TerminationNotice");
ECSEMU_ECS_ENUM_NAMES(HealthStatus, "HEALTHY", "UNHEALTHY", "UNKNOWN");
ECSEMU_ECS_ENUM_NAMES(ContainerStatus, "PENDING", "RUNNING", "STOPPED");
ECSEMU_ECS_ENUM_NAMES(AttachmentStatus, "PRECREATED", "CREATED", "ATTACHING", "ATTACHED", "DETACHING",
                      "DETACHED", "DELETED", "FAILED");
ECSEMU_ECS_ENUM_NAMES(TransportProtocol, "tcp", "udp");
ECSEMU_ECS_ENUM_NAMES(ApplicationProtocol, "http", "http2", "grpc");
ECSEMU_ECS_ENUM_NAMES(TaskDefinitionFamilyStatus, "ACTIVE", "INACTIVE", "ALL");
ECSEMU_ECS_ENUM_NAMES(SortOrder, "ASC", "DESC");

#undef ECSEMU_ECS_ENUM_NAMES

template <class E>
constexpr std::string_view to_string(E value) {
    return EnumNames<E>::names[static_cast<std::size_t>(value)];
}

// Exact, case-sensitive match of the wire spelling, as ECS matches enum values.
template <class E>
constexpr std::optional<E> parse_enum(std::string_view text) {
    const auto& names = EnumNames<E>::names;
    for (std::size_t i = 0; i < std::size(names); ++i) {
        if (names[i] == text) return static_cast<E>(i);
    }
    return std::nullopt;
}

// "[EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES]", the form Coral lists allowed values in.
template <class E>
std::string enum_value_list() {
    std::string out = "[";
    for (const auto name : EnumNames<E>::names) {
        if (out.size() > 1) out += ", ";
        out += name;
    }
    return out + "]";
}

// A task counts against its cluster and service until it has fully stopped.
constexpr bool is_live(TaskStatus s) {
    return s != TaskStatus::Stopped;
}
// ECS reports these as pendingCount / pendingTasksCount.
constexpr bool is_pending(TaskStatus s) {
    return s == TaskStatus::Provisioning || s == TaskStatus::Pending || s == TaskStatus::Activating;
}

}  // namespace ecsemu::core::ecs
