#pragma once
// Task definitions: the typed members the control plane and the runtime act on, plus the registered JSON
// text so members core does not interpret (secrets, mountPoints, ulimits, volumes, ...) are echoed exactly.
// Defaults ECS applies at registration are the default member initialisers; register_task_definition
// fills the few that depend on other members (hostPort).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/model/ecs_common.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::ecs {

struct PortMapping {
    std::optional<int> container_port;  // absent only when container_port_range is used
    // Absent in a request means "same as containerPort" (awsvpc/host) or "dynamic" (bridge, stored as 0).
    std::optional<int> host_port;
    TransportProtocol protocol = TransportProtocol::Tcp;
    std::string name;  // Service Connect port name; empty when absent
    std::optional<ApplicationProtocol> app_protocol;
    std::string container_port_range;  // "8000-8099"; empty when absent
};

struct HealthCheck {
    std::vector<std::string> command;  // ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]
    int interval_seconds = 30;
    int timeout_seconds = 5;
    int retries = 3;
    std::optional<int> start_period_seconds;  // off unless given
};

struct LogConfiguration {
    std::string log_driver;                      // awslogs, json-file, ...
    std::map<std::string, std::string> options;  // awslogs-group, awslogs-stream-prefix, ...
};

struct ContainerDependency {
    std::string container_name;
    std::string condition;  // START | COMPLETE | SUCCESS | HEALTHY
};

struct ContainerDefinition {
    std::string name;
    std::string image;
    int cpu_units = 0;
    std::optional<int> memory_mib;              // hard limit
    std::optional<int> memory_reservation_mib;  // soft limit
    bool essential = true;
    std::vector<PortMapping> port_mappings;
    std::vector<KeyValuePair> environment;
    std::vector<std::string> entry_point;
    std::vector<std::string> command;
    std::optional<HealthCheck> health_check;
    std::optional<LogConfiguration> log_configuration;
    std::vector<ContainerDependency> depends_on;
    std::optional<int> start_timeout_seconds;
    std::optional<int> stop_timeout_seconds;
    std::string working_directory;  // empty when absent
    std::string user;               // empty when absent
    // The container definition object as registered (JSON text); empty when built in code. The members
    // above are authoritative; encoders take every other member from here.
    std::string raw_json;

    const PortMapping* find_port_mapping_by_name(std::string_view port_name) const;
    bool exposes_container_port(int port) const;
};

struct TaskDefinition {
    std::string arn;
    std::string family;
    int revision = 0;
    TaskDefinitionStatus status = TaskDefinitionStatus::Active;
    std::vector<ContainerDefinition> container_definitions;
    std::string task_role_arn;                // empty when absent
    std::string execution_role_arn;           // empty when absent
    std::optional<NetworkMode> network_mode;  // absent means bridge, and DescribeTaskDefinition omits it
    std::vector<LaunchType> requires_compatibilities;
    std::vector<LaunchType> compatibilities;  // what ECS validated the definition against
    std::optional<int> cpu_units;             // task level; returned as a string ("256")
    std::optional<int> memory_mib;            // task level; returned as a string ("512")
    std::vector<std::string> requires_attributes;
    std::optional<int> ephemeral_storage_gib;
    Instant registered_at;
    std::string registered_by;
    std::optional<Instant> deregistered_at;
    Tags tags;
    // The RegisterTaskDefinition request as sent (JSON text). Encoders echo the task-level members core does
    // not interpret (volumes, placementConstraints, runtimePlatform, proxyConfiguration, ...) from here.
    std::string raw_json;

    NetworkMode effective_network_mode() const { return network_mode.value_or(NetworkMode::Bridge); }
    bool supports(LaunchType launch_type) const;
    const ContainerDefinition* find_container(std::string_view container_name) const;
};

// What a RegisterTaskDefinition request asks for, before ECS validates and normalises it.
struct TaskDefinitionSpec {
    std::string family;
    std::vector<ContainerDefinition> container_definitions;
    std::string task_role_arn;
    std::string execution_role_arn;
    std::optional<NetworkMode> network_mode;
    std::vector<LaunchType> requires_compatibilities;
    std::optional<std::string> cpu;     // as sent: "256", "1024", "1 vCPU", "0.25 vcpu"
    std::optional<std::string> memory;  // as sent: "512", "2GB", "0.5 GB"
    std::optional<std::string> pid_mode;
    std::optional<std::string> ipc_mode;
    std::optional<int> ephemeral_storage_gib;
    Tags tags;
    std::string raw_json;
};

}  // namespace ecsemu::core::ecs
