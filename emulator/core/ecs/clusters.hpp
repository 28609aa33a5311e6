#pragma once
// CreateCluster, DeleteCluster, PutClusterCapacityProviders, and the counts DescribeClusters reports.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/ids.hpp"

namespace ecsemu::core::ecs {

struct CreateClusterSpec {
    std::string cluster_name;  // empty: "default"
    Tags tags;
    std::vector<ClusterSetting> settings;
    std::vector<std::string> capacity_providers;
    std::vector<CapacityProviderStrategyItem> default_capacity_provider_strategy;
    std::string configuration_json;
    std::optional<std::string> service_connect_namespace;  // name or ARN
};

// Creating a cluster whose name is ACTIVE returns it unchanged, as ECS does; an INACTIVE name is reborn.
Result<Cluster> create_cluster(EcsState& state, CreateClusterSpec spec, Instant now, IdSource& ids);

// INACTIVE afterwards and still describable. Refused while ACTIVE/DRAINING services or live tasks remain.
Result<Cluster> delete_cluster(EcsState& state, std::string_view cluster_ref);

Result<Cluster> put_cluster_capacity_providers(EcsState& state, std::string_view cluster_ref,
                                               std::vector<std::string> capacity_providers,
                                               std::vector<CapacityProviderStrategyItem> strategy);

// Capacity providers every cluster may use; ecsemu emulates no Auto Scaling group providers.
bool is_fargate_capacity_provider(std::string_view name);
Status validate_capacity_provider_strategy(const std::vector<std::string>& cluster_providers,
                                           const std::vector<CapacityProviderStrategyItem>& strategy);

// Where a service's or task's tasks run: a launch type, or a capacity provider strategy (on ecsemu always
// Fargate's providers). Neither given means the cluster's default strategy, and without one EC2.
struct LaunchTarget {
    LaunchType launch_type = LaunchType::Ec2;
    std::string capacity_provider_name;  // the provider new tasks use; empty with a launch type
    std::vector<CapacityProviderStrategyItem> strategy;  // empty with a launch type
};
Result<LaunchTarget> resolve_launch_target(const Cluster& cluster, std::optional<LaunchType> launch_type,
                                           const std::vector<CapacityProviderStrategyItem>& strategy);

// Fargate platform versions: LATEST (the default), 1.4.0 and 1.3.0; tasks report LATEST as 1.4.0.
Result<std::string> resolve_platform_version(LaunchType launch_type, const std::string& requested);
inline constexpr std::string_view kLatestFargatePlatformVersion = "1.4.0";

struct ClusterCounts {
    int running_tasks = 0;  // lastStatus RUNNING
    int pending_tasks = 0;  // PROVISIONING, PENDING, ACTIVATING
    int active_services = 0;
    int draining_services = 0;
    int running_fargate_tasks = 0;
    int running_ec2_tasks = 0;
    int pending_fargate_tasks = 0;
    int pending_ec2_tasks = 0;
    int active_fargate_services = 0;
    int active_ec2_services = 0;
    int draining_fargate_services = 0;
    int draining_ec2_services = 0;
};

ClusterCounts count_cluster_resources(const EcsState& state, const std::string& cluster_name);

// ListClusters: every cluster that is not INACTIVE, by name.
std::vector<const Cluster*> list_clusters(const EcsState& state);

}  // namespace ecsemu::core::ecs
