#include "emulator/core/ecs/service_rules.hpp"

#include "emulator/core/ecs/ecs_errors.hpp"
#include "emulator/core/ecs/service_connect.hpp"

namespace ecsemu::core::ecs {

DeploymentConfiguration apply_patch(DeploymentConfiguration base, const DeploymentConfigurationPatch& patch) {
    if (patch.maximum_percent) base.maximum_percent = *patch.maximum_percent;
    if (patch.minimum_healthy_percent) base.minimum_healthy_percent = *patch.minimum_healthy_percent;
    if (patch.circuit_breaker) base.circuit_breaker = *patch.circuit_breaker;
    if (patch.alarms) base.alarms = *patch.alarms;
    if (patch.strategy) base.strategy = *patch.strategy;
    if (patch.bake_time_minutes) base.bake_time_minutes = *patch.bake_time_minutes;
    return base;
}

Status validate_deployment_configuration(const DeploymentConfiguration& config) {
    if (config.minimum_healthy_percent < 0 || config.minimum_healthy_percent > 100) {
        return invalid_parameter("minimumHealthyPercent must be between 0 and 100.");
    }
    if (config.maximum_percent < 100) {
        return invalid_parameter("maximumPercent must be greater than or equal to 100.");
    }
    if (config.strategy != DeploymentStrategy::Rolling) {
        return invalid_parameter("The " + std::string(to_string(config.strategy)) +
                                 " deployment strategy is not supported by ecsemu; use ROLLING.");
    }
    if (config.bake_time_minutes < 0 || config.bake_time_minutes > 1440) {
        return invalid_parameter("bakeTimeInMinutes must be between 0 and 1440.");
    }
    return Ok{};
}

Status validate_load_balancers(const std::vector<LoadBalancer>& load_balancers,
                               const TaskDefinition& task_definition) {
    for (const auto& lb : load_balancers) {
        if (lb.target_group_arn.empty() && lb.load_balancer_name.empty()) {
            return invalid_parameter("Either a target group ARN or a load balancer name must be specified.");
        }
        if (!lb.target_group_arn.empty() && !lb.load_balancer_name.empty()) {
            return invalid_parameter(
                "A load balancer name cannot be specified together with a target group ARN.");
        }
        if (lb.container_name.empty()) return invalid_parameter("Container Name can not be blank.");
        if (!lb.container_port) return invalid_parameter("Container Port can not be blank.");
        const ContainerDefinition* container = task_definition.find_container(lb.container_name);
        if (container == nullptr) {
            return invalid_parameter("The container " + lb.container_name +
                                     " does not exist in the task definition.");
        }
        if (!container->exposes_container_port(*lb.container_port)) {
            return invalid_parameter("The container " + lb.container_name +
                                     " did not have a container port " + std::to_string(*lb.container_port) +
                                     " defined.");
        }
    }
    return Ok{};
}

Status validate_launch_compatibility(const LaunchTarget& target, const TaskDefinition& task_definition) {
    if (target.launch_type == LaunchType::Fargate && !task_definition.supports(LaunchType::Fargate)) {
        return invalid_parameter("Task definition does not support launch_type FARGATE.");
    }
    return Ok{};
}

std::string service_role_arn(const EcsState& state, const std::string& requested_role, const Service& service,
                             const TaskDefinition& task_definition, bool uses_service_connect) {
    if (!requested_role.empty()) return role_arn_from_name_or_arn(state.scope.account_id, requested_role);
    const bool needs_linked_role = task_definition.effective_network_mode() == NetworkMode::Awsvpc ||
                                   !service.load_balancers.empty() || !service.service_registries.empty() ||
                                   uses_service_connect;
    return needs_linked_role ? ecs_service_linked_role_arn(state.scope.account_id) : std::string();
}

Deployment make_deployment(EcsState& state, const Service& service,
                           std::optional<ServiceConnectConfiguration> service_connect, Instant now,
                           IdSource& ids) {
    Deployment deployment;
    deployment.id = "ecs-svc/" + ids.digits(19);
    deployment.status = DeploymentStatus::Primary;
    deployment.task_definition_arn = service.task_definition_arn;
    deployment.desired_count = service.desired_count;
    deployment.created_at = now;
    deployment.updated_at = now;
    deployment.launch_type = service.launch_type;
    deployment.capacity_provider_strategy = service.capacity_provider_strategy;
    const bool fargate = service.launch_type.value_or(LaunchType::Fargate) == LaunchType::Fargate;
    if (fargate) {
        auto resolved = resolve_platform_version(LaunchType::Fargate, service.platform_version);
        deployment.platform_version = resolved ? resolved.value() : service.platform_version;
        deployment.platform_family = "Linux";
    }
    deployment.network_configuration = service.network_configuration;
    deployment.rollout_state = RolloutState::InProgress;
    deployment.rollout_state_reason = "ECS deployment " + deployment.id + " in progress.";
    if (service_connect && service_connect->enabled) {
        deployment.service_connect_resources = service_connect_resources(state, *service_connect, ids, now);
    }
    deployment.service_connect_configuration = std::move(service_connect);
    return deployment;
}

}  // namespace ecsemu::core::ecs
