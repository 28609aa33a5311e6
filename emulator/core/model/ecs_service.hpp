#pragma once
// ECS services and their deployments. A service's running/pending counts are not stored: they are counted
// from the tasks whose deployment_id names one of its deployments (see core/ecs/services.hpp).
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/model/ecs_common.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::ecs {

struct LoadBalancer {
    std::string target_group_arn;    // ALB/NLB; empty for a Classic Load Balancer
    std::string load_balancer_name;  // Classic Load Balancer only; empty otherwise
    std::string container_name;
    std::optional<int> container_port;
    bool operator==(const LoadBalancer&) const = default;
};

struct ServiceRegistry {
    std::string registry_arn;
    std::optional<int> port;
    std::string container_name;
    std::optional<int> container_port;
    bool operator==(const ServiceRegistry&) const = default;
};

struct DeploymentCircuitBreaker {
    bool enable = false;
    bool rollback = false;
    bool operator==(const DeploymentCircuitBreaker&) const = default;
};

struct DeploymentAlarms {
    std::vector<std::string> alarm_names;
    bool enable = false;
    bool rollback = false;
    bool operator==(const DeploymentAlarms&) const = default;
};

// Defaults are those of a REPLICA service with the ECS (rolling) deployment controller.
struct DeploymentConfiguration {
    int maximum_percent = 200;
    int minimum_healthy_percent = 100;
    DeploymentCircuitBreaker circuit_breaker;
    std::optional<DeploymentAlarms> alarms;  // echoed only once configured
    DeploymentStrategy strategy = DeploymentStrategy::Rolling;
    int bake_time_minutes = 0;
    bool operator==(const DeploymentConfiguration&) const = default;
};

// A request's deploymentConfiguration: members it leaves out keep their current (or default) value.
struct DeploymentConfigurationPatch {
    std::optional<int> maximum_percent;
    std::optional<int> minimum_healthy_percent;
    std::optional<DeploymentCircuitBreaker> circuit_breaker;
    std::optional<DeploymentAlarms> alarms;
    std::optional<DeploymentStrategy> strategy;
    std::optional<int> bake_time_minutes;
};

struct ServiceConnectClientAlias {
    int port = 0;
    std::string dns_name;  // defaults to <discoveryName>.<namespace name>
    bool operator==(const ServiceConnectClientAlias&) const = default;
};

struct ServiceConnectTimeout {
    std::optional<int> idle_timeout_seconds;
    std::optional<int> per_request_timeout_seconds;
    bool operator==(const ServiceConnectTimeout&) const = default;
};

struct ServiceConnectService {
    std::string port_name;       // a portMappings[].name of the task definition
    std::string discovery_name;  // Cloud Map service name; defaults to port_name
    std::vector<ServiceConnectClientAlias> client_aliases;
    std::optional<int> ingress_port_override;
    std::optional<ServiceConnectTimeout> timeout;
    std::string tls_json;  // ServiceConnectTlsConfiguration as sent; empty when absent
    bool operator==(const ServiceConnectService&) const = default;
};

struct ServiceConnectConfiguration {
    bool enabled = false;
    // Namespace as the request named it (name or ARN), or the cluster default's ARN when it named none;
    // ECS echoes it in that form.
    std::string namespace_ref;
    std::string namespace_name;                   // resolved name, used for default DNS names
    std::vector<ServiceConnectService> services;  // empty: client-only
    std::string log_configuration_json;           // as sent; empty when absent
    std::string access_log_configuration_json;    // as sent; empty when absent
    bool operator==(const ServiceConnectConfiguration&) const = default;
};

struct ServiceConnectServiceResource {
    std::string discovery_name;
    std::string discovery_arn;  // arn:aws:servicediscovery:<region>:<account>:service/srv-<id>
};

struct Deployment {
    std::string id;  // ecs-svc/<19 digits>
    DeploymentStatus status = DeploymentStatus::Primary;
    std::string task_definition_arn;
    int desired_count = 0;
    int failed_tasks = 0;  // consecutive launch/health failures, for the circuit breaker
    // Scheduler-owned: a task of this deployment has reached RUNNING (circuit breaker stage 2 from then on).
    bool had_running_task = false;
    Instant created_at;
    Instant updated_at;
    std::optional<LaunchType> launch_type;
    std::vector<CapacityProviderStrategyItem> capacity_provider_strategy;
    std::string platform_version;  // resolved: LATEST on the service is 1.4.0 here
    std::string platform_family;   // "Linux" for Fargate; empty otherwise
    std::optional<NetworkConfiguration> network_configuration;
    RolloutState rollout_state = RolloutState::InProgress;
    std::string rollout_state_reason;
    std::optional<ServiceConnectConfiguration> service_connect_configuration;
    std::vector<ServiceConnectServiceResource> service_connect_resources;
};

// Scheduler-owned throttle for tasks that stop before RUNNING (core/scheduler/launch_accounting.hpp).
struct LaunchBackoff {
    int consecutive_start_failures = 0;
    std::string task_definition_arn;  // the revision the failures belong to
    Instant last_failure_at;
    Instant next_launch_at;
    bool operator==(const LaunchBackoff&) const = default;
};

// The last deployment that reached COMPLETED, kept after it leaves deployments[]: the circuit breaker rolls
// back to it.
struct CompletedDeployment {
    std::string id;
    std::string task_definition_arn;
};

struct ServiceEvent {
    std::string id;  // uuid
    Instant created_at;
    std::string message;
};

struct Service {
    std::string arn;
    std::string name;
    std::string cluster_arn;
    std::string cluster_name;
    ServiceStatus status = ServiceStatus::Active;
    int desired_count = 0;
    std::optional<LaunchType> launch_type;  // absent when a capacity provider strategy is used
    std::vector<CapacityProviderStrategyItem> capacity_provider_strategy;
    std::string platform_version;  // as requested; LATEST by default on Fargate
    std::string platform_family;   // "Linux" for Fargate; empty otherwise
    std::string task_definition_arn;
    DeploymentConfiguration deployment_configuration;
    std::vector<LoadBalancer> load_balancers;
    std::vector<ServiceRegistry> service_registries;
    std::vector<Deployment> deployments;  // PRIMARY first, then older ones, newest first
    std::string role_arn;                 // empty when none
    std::vector<ServiceEvent> events;     // newest first, at most kMaxServiceEvents
    Instant created_at;
    std::string created_by;
    std::optional<NetworkConfiguration> network_configuration;
    int health_check_grace_period_seconds = 0;
    SchedulingStrategy scheduling_strategy = SchedulingStrategy::Replica;
    DeploymentControllerType deployment_controller = DeploymentControllerType::Ecs;
    Tags tags;
    bool enable_ecs_managed_tags = false;
    PropagateTags propagate_tags = PropagateTags::None;
    bool enable_execute_command = false;
    AvailabilityZoneRebalancing availability_zone_rebalancing = AvailabilityZoneRebalancing::Enabled;
    std::string placement_constraints_json;  // as sent; empty when absent (echoed as [])
    std::string placement_strategy_json;     // as sent; empty when absent (echoed as [])
    LaunchBackoff launch_backoff;            // scheduler-owned; not shown by DescribeServices
    std::optional<CompletedDeployment> last_completed_deployment;

    static constexpr std::size_t kMaxServiceEvents = 100;

    Deployment* primary_deployment();
    const Deployment* primary_deployment() const;
    const Deployment* find_deployment(const std::string& deployment_id) const;
    // Events are kept newest first and capped, as DescribeServices shows them.
    void add_event(ServiceEvent event);
};

}  // namespace ecsemu::core::ecs
