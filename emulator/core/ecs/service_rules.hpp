#pragma once
// Rules CreateService and UpdateService share: deployment configuration defaults and limits, load balancer
// references into the task definition, the service's role, and how a new deployment is built.
#include <optional>
#include <vector>

#include "emulator/core/ecs/clusters.hpp"
#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/ids.hpp"

namespace ecsemu::core::ecs {

DeploymentConfiguration apply_patch(DeploymentConfiguration base, const DeploymentConfigurationPatch& patch);
Status validate_deployment_configuration(const DeploymentConfiguration& config);

// Every load balancer names a container of the definition and one of its container ports.
Status validate_load_balancers(const std::vector<LoadBalancer>& load_balancers,
                               const TaskDefinition& task_definition);

// A launch on Fargate needs a Fargate-compatible definition.
Status validate_launch_compatibility(const LaunchTarget& target, const TaskDefinition& task_definition);

// The role ECS shows: the one given, else the service-linked role whenever ECS needs one (awsvpc, load
// balancers, service registries, Service Connect); empty otherwise.
std::string service_role_arn(const EcsState& state, const std::string& requested_role, const Service& service,
                             const TaskDefinition& task_definition, bool uses_service_connect);

// A PRIMARY, IN_PROGRESS deployment of the service's current task definition, counts and network.
Deployment make_deployment(EcsState& state, const Service& service,
                           std::optional<ServiceConnectConfiguration> service_connect, Instant now,
                           IdSource& ids);

}  // namespace ecsemu::core::ecs
