#include "emulator/core/ecs/awsvpc.hpp"
#include "emulator/core/ecs/ecs_errors.hpp"
#include "emulator/core/ecs/service_connect.hpp"
#include "emulator/core/ecs/service_rules.hpp"
#include "emulator/core/ecs/services.hpp"
#include "emulator/core/ecs/tagging.hpp"
#include "emulator/core/ecs/task_definitions.hpp"

namespace ecsemu::core::ecs {

namespace {

// Everything CreateService checks before it changes any state.
struct CheckedCreate {
    Cluster* cluster = nullptr;
    const TaskDefinition* task_definition = nullptr;
    LaunchTarget target;
    DeploymentConfiguration deployment_configuration;
    Service* previous = nullptr;  // a DRAINING or INACTIVE service of the same name
};

Status check_counts_and_strategy(const CreateServiceSpec& spec) {
    const auto strategy = spec.scheduling_strategy.value_or(SchedulingStrategy::Replica);
    if (strategy == SchedulingStrategy::Daemon) {
        return invalid_parameter(
            "The DAEMON scheduling strategy needs container instances, which ecsemu does not emulate. Use "
            "REPLICA.");
    }
    if (!spec.desired_count) {
        return invalid_parameter(
            "desiredCount must be specified for services using the REPLICA scheduling strategy.");
    }
    if (*spec.desired_count < 0) return invalid_parameter("desiredCount must be greater than or equal to 0.");
    if (spec.deployment_controller.value_or(DeploymentControllerType::Ecs) != DeploymentControllerType::Ecs) {
        return invalid_parameter("ecsemu supports only the ECS deployment controller.");
    }
    if (spec.health_check_grace_period_seconds && *spec.health_check_grace_period_seconds < 0) {
        return invalid_parameter("healthCheckGracePeriodSeconds must be greater than or equal to 0.");
    }
    return Ok{};
}

Result<CheckedCreate> check_create(EcsState& state, const Ec2Directory& ec2, const CreateServiceSpec& spec) {
    CheckedCreate checked;
    auto cluster = require_active_cluster(state, spec.cluster);
    if (!cluster) return cluster.error();
    checked.cluster = cluster.value();
    if (!is_valid_ecs_name(spec.service_name)) {
        return invalid_parameter(
            "Service name is invalid. Up to 255 letters (uppercase and lowercase), numbers, underscores, and "
            "hyphens are allowed.");
    }
    checked.previous = find_service(state, checked.cluster->name, spec.service_name);
    if (checked.previous != nullptr && checked.previous->status == ServiceStatus::Active) {
        return invalid_parameter("Creation of service was not idempotent.");
    }
    if (auto status = check_counts_and_strategy(spec); !status) return status.error();
    if (spec.task_definition.empty()) return invalid_parameter("A task definition must be specified.");
    auto td = require_launchable_task_definition(state, spec.task_definition, "ClientException");
    if (!td) return td.error();
    checked.task_definition = td.value();
    auto target = resolve_launch_target(*checked.cluster, spec.launch_type, spec.capacity_provider_strategy);
    if (!target) return target.error();
    checked.target = target.value();
    if (auto pv = resolve_platform_version(checked.target.launch_type, spec.platform_version); !pv)
        return pv.error();
    if (auto status = validate_launch_compatibility(checked.target, *checked.task_definition); !status) {
        return status.error();
    }
    if (auto status = validate_network_configuration(ec2, state.scope.region, *checked.task_definition,
                                                     spec.network_configuration);
        !status) {
        return status.error();
    }
    if (!spec.role.empty() && checked.task_definition->effective_network_mode() == NetworkMode::Awsvpc) {
        return invalid_parameter(
            "You cannot specify an IAM role for services that require a service linked role.");
    }
    if (auto status = validate_load_balancers(spec.load_balancers, *checked.task_definition); !status) {
        return status.error();
    }
    checked.deployment_configuration = apply_patch(DeploymentConfiguration{}, spec.deployment_configuration);
    if (auto status = validate_deployment_configuration(checked.deployment_configuration); !status) {
        return status.error();
    }
    if (spec.service_connect_configuration) {
        if (auto status = validate_service_connect(*checked.cluster, *spec.service_connect_configuration,
                                                   *checked.task_definition);
            !status) {
            return status.error();
        }
    }
    if (auto status = validate_tags({}, spec.tags); !status) return status.error();
    return checked;
}

}  // namespace

Result<Service> create_service(EcsState& state, const Ec2Directory& ec2, CreateServiceSpec spec, Instant now,
                               IdSource& ids) {
    auto checked_result = check_create(state, ec2, spec);
    if (!checked_result) return checked_result.error();
    CheckedCreate& checked = checked_result.value();
    const Cluster& cluster = *checked.cluster;
    const TaskDefinition& td = *checked.task_definition;

    if (checked.previous != nullptr && checked.previous->status == ServiceStatus::Draining) {
        state.replaced_services.push_back(std::move(*checked.previous));
    }

    Service service;
    service.name = spec.service_name;
    service.arn = service_arn(state.scope, cluster.name, service.name);
    service.cluster_arn = cluster.arn;
    service.cluster_name = cluster.name;
    service.status = ServiceStatus::Active;
    service.desired_count = *spec.desired_count;
    if (checked.target.strategy.empty()) {
        service.launch_type = checked.target.launch_type;
    } else {
        service.capacity_provider_strategy = checked.target.strategy;
    }
    if (checked.target.launch_type == LaunchType::Fargate) {
        service.platform_version = spec.platform_version.empty() ? "LATEST" : spec.platform_version;
        service.platform_family = "Linux";
    }
    service.task_definition_arn = td.arn;
    service.deployment_configuration = checked.deployment_configuration;
    service.load_balancers = std::move(spec.load_balancers);
    service.service_registries = std::move(spec.service_registries);
    service.created_at = now;
    service.created_by = account_root_arn(state.scope.account_id);
    service.network_configuration = std::move(spec.network_configuration);
    service.health_check_grace_period_seconds = spec.health_check_grace_period_seconds.value_or(0);
    service.scheduling_strategy = SchedulingStrategy::Replica;
    service.deployment_controller = DeploymentControllerType::Ecs;
    service.tags = std::move(spec.tags);
    service.enable_ecs_managed_tags = spec.enable_ecs_managed_tags;
    service.propagate_tags = spec.propagate_tags.value_or(PropagateTags::None);
    service.enable_execute_command = spec.enable_execute_command;
    service.availability_zone_rebalancing =
        spec.availability_zone_rebalancing.value_or(AvailabilityZoneRebalancing::Enabled);
    service.placement_constraints_json = std::move(spec.placement_constraints_json);
    service.placement_strategy_json = std::move(spec.placement_strategy_json);

    std::optional<ServiceConnectConfiguration> service_connect;
    if (spec.service_connect_configuration) {
        service_connect =
            resolve_service_connect(state, cluster, std::move(*spec.service_connect_configuration), ids, now);
    }
    const bool uses_service_connect = service_connect && service_connect->enabled;
    service.role_arn = service_role_arn(state, spec.role, service, td, uses_service_connect);
    service.deployments.push_back(make_deployment(state, service, std::move(service_connect), now, ids));

    state.services[cluster.name].insert_or_assign(service.name, service);
    return service;
}

}  // namespace ecsemu::core::ecs
