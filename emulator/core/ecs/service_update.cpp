#include "emulator/core/ecs/awsvpc.hpp"
#include "emulator/core/ecs/ecs_errors.hpp"
#include "emulator/core/ecs/service_connect.hpp"
#include "emulator/core/ecs/service_rules.hpp"
#include "emulator/core/ecs/services.hpp"
#include "emulator/core/ecs/task_definitions.hpp"

namespace ecsemu::core::ecs {

namespace {

// The service as the request would leave it, checked before anything is changed.
struct CheckedUpdate {
    Cluster* cluster = nullptr;
    Service* service = nullptr;
    const TaskDefinition* task_definition = nullptr;  // the effective one (new or current)
    LaunchTarget target;
    DeploymentConfiguration deployment_configuration;
    std::optional<ServiceConnectConfiguration> service_connect;  // requested, or the PRIMARY's
    bool new_deployment = false;
};

Result<LaunchTarget> effective_target(const Cluster& cluster, const Service& service,
                                      const UpdateServiceSpec& spec) {
    if (spec.capacity_provider_strategy && !spec.capacity_provider_strategy->empty()) {
        return resolve_launch_target(cluster, std::nullopt, *spec.capacity_provider_strategy);
    }
    if (service.launch_type) return LaunchTarget{*service.launch_type, "", {}};
    return resolve_launch_target(cluster, std::nullopt, service.capacity_provider_strategy);
}

bool changes_what_runs(const Service& service, const UpdateServiceSpec& spec, const TaskDefinition& td,
                       const LaunchTarget& target) {
    const Deployment* primary = service.primary_deployment();
    if (spec.force_new_deployment || td.arn != service.task_definition_arn) return true;
    if (spec.network_configuration && *spec.network_configuration != service.network_configuration)
        return true;
    if (spec.platform_version && *spec.platform_version != service.platform_version) return true;
    if (spec.load_balancers && *spec.load_balancers != service.load_balancers) return true;
    if (spec.service_registries && *spec.service_registries != service.service_registries) return true;
    if (spec.capacity_provider_strategy && target.strategy != service.capacity_provider_strategy) return true;
    if (spec.service_connect_configuration) {
        if (primary == nullptr || !primary->service_connect_configuration) return true;
        // Compare what the request asked for with what the PRIMARY was asked for, before defaults.
        const auto& current = *primary->service_connect_configuration;
        const auto& requested = *spec.service_connect_configuration;
        if (requested.enabled != current.enabled || requested.services.size() != current.services.size())
            return true;
        if (!requested.namespace_ref.empty() && requested.namespace_ref != current.namespace_ref) return true;
        for (std::size_t i = 0; i < requested.services.size(); ++i) {
            const auto& r = requested.services[i];
            const auto& c = current.services[i];
            if (r.port_name != c.port_name ||
                (!r.discovery_name.empty() && r.discovery_name != c.discovery_name) ||
                r.client_aliases.size() != c.client_aliases.size()) {
                return true;
            }
        }
    }
    return false;
}

Status check_scalars(const UpdateServiceSpec& spec) {
    if (spec.desired_count && *spec.desired_count < 0) {
        return invalid_parameter("desiredCount must be greater than or equal to 0.");
    }
    if (spec.health_check_grace_period_seconds && *spec.health_check_grace_period_seconds < 0) {
        return invalid_parameter("healthCheckGracePeriodSeconds must be greater than or equal to 0.");
    }
    return Ok{};
}

Result<CheckedUpdate> check_update(EcsState& state, const Ec2Directory& ec2, const UpdateServiceSpec& spec) {
    CheckedUpdate checked;
    auto cluster = require_active_cluster(state, spec.cluster);
    if (!cluster) return cluster.error();
    checked.cluster = cluster.value();
    checked.service = find_service(state, checked.cluster->name, spec.service);
    if (checked.service == nullptr) return service_not_found();
    if (checked.service->status != ServiceStatus::Active) return service_not_active();
    const Service& service = *checked.service;
    if (auto status = check_scalars(spec); !status) return status.error();

    const std::string td_ref = spec.task_definition ? *spec.task_definition : service.task_definition_arn;
    if (spec.task_definition) {
        auto td = require_launchable_task_definition(state, td_ref, "ClientException");
        if (!td) return td.error();
        checked.task_definition = td.value();
    } else {
        checked.task_definition = find_task_definition(state, td_ref);
        if (checked.task_definition == nullptr) return task_definition_not_found();
    }
    const TaskDefinition& td = *checked.task_definition;
    auto target = effective_target(*checked.cluster, service, spec);
    if (!target) return target.error();
    checked.target = target.value();
    const std::string platform = spec.platform_version.value_or(service.platform_version);
    if (auto pv = resolve_platform_version(checked.target.launch_type, platform); !pv) return pv.error();
    if (auto status = validate_launch_compatibility(checked.target, td); !status) return status.error();
    const auto& network =
        spec.network_configuration ? spec.network_configuration : service.network_configuration;
    if (auto status = validate_network_configuration(ec2, state.scope.region, td, network); !status) {
        return status.error();
    }
    if (auto status = validate_load_balancers(spec.load_balancers.value_or(service.load_balancers), td);
        !status) {
        return status.error();
    }
    checked.deployment_configuration = service.deployment_configuration;
    if (spec.deployment_configuration) {
        checked.deployment_configuration =
            apply_patch(service.deployment_configuration, *spec.deployment_configuration);
    }
    if (auto status = validate_deployment_configuration(checked.deployment_configuration); !status) {
        return status.error();
    }
    if (spec.service_connect_configuration) {
        checked.service_connect = spec.service_connect_configuration;
    } else if (const Deployment* primary = service.primary_deployment()) {
        checked.service_connect = primary->service_connect_configuration;
    }
    if (checked.service_connect) {
        if (auto status = validate_service_connect(*checked.cluster, *checked.service_connect, td); !status) {
            return status.error();
        }
    }
    checked.new_deployment = changes_what_runs(service, spec, td, checked.target);
    return checked;
}

void apply_members(Service& service, UpdateServiceSpec& spec, const CheckedUpdate& checked) {
    if (spec.desired_count) service.desired_count = *spec.desired_count;
    service.task_definition_arn = checked.task_definition->arn;
    if (spec.capacity_provider_strategy && !checked.target.strategy.empty()) {
        service.launch_type.reset();
        service.capacity_provider_strategy = checked.target.strategy;
    }
    service.deployment_configuration = checked.deployment_configuration;
    if (spec.network_configuration) service.network_configuration = std::move(spec.network_configuration);
    if (spec.platform_version) service.platform_version = *spec.platform_version;
    if (spec.health_check_grace_period_seconds) {
        service.health_check_grace_period_seconds = *spec.health_check_grace_period_seconds;
    }
    if (spec.enable_execute_command) service.enable_execute_command = *spec.enable_execute_command;
    if (spec.enable_ecs_managed_tags) service.enable_ecs_managed_tags = *spec.enable_ecs_managed_tags;
    if (spec.load_balancers) service.load_balancers = std::move(*spec.load_balancers);
    if (spec.propagate_tags) service.propagate_tags = *spec.propagate_tags;
    if (spec.service_registries) service.service_registries = std::move(*spec.service_registries);
    if (spec.availability_zone_rebalancing)
        service.availability_zone_rebalancing = *spec.availability_zone_rebalancing;
    if (spec.placement_constraints_json)
        service.placement_constraints_json = *spec.placement_constraints_json;
    if (spec.placement_strategy_json) service.placement_strategy_json = *spec.placement_strategy_json;
}

}  // namespace

Result<Service> update_service(EcsState& state, const Ec2Directory& ec2, UpdateServiceSpec spec, Instant now,
                               IdSource& ids) {
    auto checked_result = check_update(state, ec2, spec);
    if (!checked_result) return checked_result.error();
    CheckedUpdate& checked = checked_result.value();
    Service& service = *checked.service;
    apply_members(service, spec, checked);

    if (checked.new_deployment) {
        std::optional<ServiceConnectConfiguration> service_connect;
        if (checked.service_connect) {
            // Resolving again fills defaults for a new request and keeps a resolved one as it is.
            service_connect = resolve_service_connect(state, *checked.cluster,
                                                      std::move(*checked.service_connect), ids, now);
        }
        for (auto& deployment : service.deployments) {
            if (deployment.status == DeploymentStatus::Primary) {
                deployment.status = DeploymentStatus::Active;
                deployment.updated_at = now;
            }
        }
        service.deployments.insert(service.deployments.begin(),
                                   make_deployment(state, service, std::move(service_connect), now, ids));
    } else if (Deployment* primary = service.primary_deployment(); primary && spec.desired_count) {
        primary->desired_count = service.desired_count;
        primary->updated_at = now;
    }
    const Deployment* primary = service.primary_deployment();
    const bool uses_service_connect =
        primary && primary->service_connect_configuration && primary->service_connect_configuration->enabled;
    if (service.role_arn.empty()) {
        service.role_arn =
            service_role_arn(state, "", service, *checked.task_definition, uses_service_connect);
    }
    return service;
}

}  // namespace ecsemu::core::ecs
