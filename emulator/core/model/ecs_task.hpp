#pragma once
// ECS tasks. A task belongs to a cluster and, when a service's scheduler started it, to one deployment of
// that service (deployment_id; startedBy shows the same id). Status changes after launch are the
// scheduler's and the runtime's business; the control plane only creates tasks and asks them to stop.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/model/ecs_common.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::ecs {

// The elastic network interface of an awsvpc task, shown as its ElasticNetworkInterface attachment.
struct TaskEni {
    std::string attachment_id;  // uuid
    AttachmentStatus status = AttachmentStatus::Precreated;
    std::string subnet_id;
    std::string network_interface_id;  // eni-<17 hex>
    std::string mac_address;           // 0e:xx:xx:xx:xx:xx
    std::string private_dns_name;      // ip-10-0-1-23.<region>.compute.internal
    std::string private_ipv4_address;
};

struct Container {
    std::string arn;  // container/<cluster>/<task id>/<uuid>
    std::string name;
    std::string image;
    std::string runtime_id;  // empty until the runtime creates the container
    ContainerStatus last_status = ContainerStatus::Pending;
    std::optional<int> exit_code;
    std::string reason;  // empty when absent
    HealthStatus health_status = HealthStatus::Unknown;
    int cpu_units = 0;
    std::optional<int> memory_mib;
    std::optional<int> memory_reservation_mib;
    bool essential = true;
    // ECS's Service Connect proxy (ecs-service-connect-<5 chars>): not from the task definition, and not
    // started by a task runtime; the engine moves it with the task. Not AWS-visible.
    bool service_connect_agent = false;
};

struct ContainerOverride {
    std::string name;
    std::optional<std::vector<std::string>> command;
    std::vector<KeyValuePair> environment;
    std::optional<int> cpu_units;
    std::optional<int> memory_mib;
    std::optional<int> memory_reservation_mib;
    std::string raw_json;  // the override as sent (environmentFiles, resourceRequirements, ...); may be empty
};

struct TaskOverride {
    std::vector<ContainerOverride> container_overrides;  // after launch: one per container, in order
    std::optional<std::string> cpu;
    std::optional<std::string> memory;
    std::string task_role_arn;       // empty when absent
    std::string execution_role_arn;  // empty when absent
    std::optional<int> ephemeral_storage_gib;
};

// A (target group, IP, port) registration made for a task (ECS registers the task's ENI address on the
// containerPort of each of its service's loadBalancers).
struct TaskTarget {
    std::string target_group_arn;
    std::string ip;
    int port = 0;
    bool operator==(const TaskTarget&) const = default;
};

struct Task {
    std::string arn;
    std::string id;  // 32 lowercase hex
    std::string cluster_arn;
    std::string cluster_name;
    std::string task_definition_arn;
    std::string family;  // of the task definition, for ListTasks --family
    std::optional<TaskEni> eni;
    std::string availability_zone;
    std::vector<Container> containers;
    std::optional<int> cpu_units;   // task level, as a string on the wire
    std::optional<int> memory_mib;  // task level, as a string on the wire
    TaskStatus last_status = TaskStatus::Provisioning;
    // The engine's launch_number of the task's run in the runtime (core::TaskLaunch); 0 until handed to one.
    // Not AWS-visible and not kept across restarts. Beside the status and the task size, which the per-minute
    // utilization walk reads of every running task too.
    std::uint64_t runtime_launch = 0;
    DesiredStatus desired_status = DesiredStatus::Running;
    HealthStatus health_status = HealthStatus::Unknown;
    Instant created_at;
    std::optional<Instant> connectivity_at;  // connectivity is CONNECTED once set
    std::optional<Instant> pull_started_at;
    std::optional<Instant> pull_stopped_at;
    std::optional<Instant> started_at;
    std::optional<Instant> stopping_at;
    std::optional<Instant> execution_stopped_at;
    std::optional<Instant> stopped_at;
    std::optional<TaskStopCode> stop_code;
    std::string stopped_reason;  // empty when absent
    std::string group;           // service:<name> or family:<family> or as given
    std::string started_by;      // deployment id for service tasks; empty when absent
    std::optional<LaunchType> launch_type;
    std::string capacity_provider_name;  // empty when launched by launch type
    std::string platform_version;        // 1.4.0 on Fargate
    std::string platform_family;         // Linux on Fargate
    std::optional<int> ephemeral_storage_gib;
    bool enable_execute_command = false;
    TaskOverride overrides;
    Tags tags;
    std::int64_t version = 1;   // +1 per state change
    std::string service_name;   // empty for standalone tasks
    std::string deployment_id;  // empty for standalone tasks
    // When lastStatus last changed: lifecycle delays (provisioning, draining, ...) count from here.
    Instant last_status_at;
    // Scheduler-owned: this task's failure to reach RUNNING was counted (circuit breaker, launch back-off).
    bool start_failure_recorded = false;
    // The 127.0.0.0/8 address the task runtime serves this task's container ports on; empty until the task
    // is handed to a runtime. Not AWS-visible: the ENI's private address is what DescribeTasks shows.
    std::string local_address;
    // Load balancer targets the engine registered for this task, and once it deregistered them (and the task
    // from Cloud Map), how long the task stays DEACTIVATING: the longest deregistration delay of its target
    // groups, at least the Service Connect drain. Not AWS-visible.
    std::vector<TaskTarget> load_balancer_targets;
    std::optional<Duration> load_balancer_drain;
    // Cloud Map services (ARNs) the engine registered this task in as an instance (Service Connect).
    std::vector<std::string> discovery_registrations;
    // The ServiceConnect attachment's id; empty for tasks without Service Connect.
    std::string service_connect_attachment_id;

    bool is_live() const { return ecs::is_live(last_status); }
};

}  // namespace ecsemu::core::ecs
