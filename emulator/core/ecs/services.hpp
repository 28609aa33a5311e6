#pragma once
// CreateService, UpdateService, DeleteService and ListServices, and the task counts DescribeServices shows.
// These operations record what is wanted (desired count, deployments); starting and stopping tasks to get
// there is the scheduler's job, which reads and updates the same Service and Task records.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/ids.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::core::ecs {

struct CreateServiceSpec {
    std::string cluster;  // empty: default
    std::string service_name;
    std::string task_definition;  // family, family:revision or ARN
    std::vector<LoadBalancer> load_balancers;
    std::vector<ServiceRegistry> service_registries;
    std::optional<int> desired_count;
    std::optional<LaunchType> launch_type;
    std::vector<CapacityProviderStrategyItem> capacity_provider_strategy;
    std::string platform_version;  // empty: LATEST on Fargate
    std::string role;              // name or ARN; empty when absent
    DeploymentConfigurationPatch deployment_configuration;
    std::string placement_constraints_json;
    std::string placement_strategy_json;
    std::optional<NetworkConfiguration> network_configuration;
    std::optional<int> health_check_grace_period_seconds;
    std::optional<SchedulingStrategy> scheduling_strategy;
    std::optional<DeploymentControllerType> deployment_controller;
    Tags tags;
    bool enable_ecs_managed_tags = false;
    std::optional<PropagateTags> propagate_tags;
    bool enable_execute_command = false;
    std::optional<ServiceConnectConfiguration> service_connect_configuration;
    std::optional<AvailabilityZoneRebalancing> availability_zone_rebalancing;
};

// A new ACTIVE service with one PRIMARY deployment (IN_PROGRESS). A name that is ACTIVE in the cluster is
// refused ("Creation of service was not idempotent."); a DRAINING or INACTIVE one may be reused.
Result<Service> create_service(EcsState& state, const Ec2Directory& ec2, CreateServiceSpec spec, Instant now,
                               IdSource& ids);

// Members left empty keep their current values.
struct UpdateServiceSpec {
    std::string cluster;  // empty: default
    std::string service;  // name or ARN
    std::optional<int> desired_count;
    std::optional<std::string> task_definition;
    std::optional<std::vector<CapacityProviderStrategyItem>> capacity_provider_strategy;
    std::optional<DeploymentConfigurationPatch> deployment_configuration;
    std::optional<NetworkConfiguration> network_configuration;
    std::optional<std::string> platform_version;
    bool force_new_deployment = false;
    std::optional<int> health_check_grace_period_seconds;
    std::optional<bool> enable_execute_command;
    std::optional<bool> enable_ecs_managed_tags;
    std::optional<std::vector<LoadBalancer>> load_balancers;
    std::optional<PropagateTags> propagate_tags;
    std::optional<std::vector<ServiceRegistry>> service_registries;
    std::optional<ServiceConnectConfiguration> service_connect_configuration;
    std::optional<AvailabilityZoneRebalancing> availability_zone_rebalancing;
    std::optional<std::string> placement_constraints_json;
    std::optional<std::string> placement_strategy_json;
};

// A change to what tasks run (task definition, network, platform version, load balancers, Service Connect,
// capacity providers) or forceNewDeployment starts a new PRIMARY deployment and turns the old PRIMARY into
// ACTIVE. A desiredCount-only change starts none.
Result<Service> update_service(EcsState& state, const Ec2Directory& ec2, UpdateServiceSpec spec, Instant now,
                               IdSource& ids);

// Marks the service DRAINING with desiredCount 0 and returns it as such. Refused while desiredCount > 0
// unless force. A service with no live tasks then becomes INACTIVE at once (finish_draining).
Result<Service> delete_service(EcsState& state, std::string_view cluster_ref, std::string_view service_ref,
                               bool force);

// DRAINING -> INACTIVE once no live task of the service remains. Returns true when it changed the service.
bool finish_draining(const EcsState& state, Service& service);

struct DeploymentTaskCounts {
    int running = 0;
    int pending = 0;
};
// RUNNING and pending tasks of one deployment of `service`, and of all its deployments.
DeploymentTaskCounts count_deployment_tasks(const EcsState& state, const Service& service,
                                            const std::string& deployment_id);
DeploymentTaskCounts count_service_tasks(const EcsState& state, const Service& service);

// ACTIVE and DRAINING services of a cluster by name, optionally filtered (ListServices).
std::vector<const Service*> list_services(const EcsState& state, const std::string& cluster_name,
                                          std::optional<LaunchType> launch_type,
                                          std::optional<SchedulingStrategy> scheduling_strategy);

}  // namespace ecsemu::core::ecs
