#include "emulator/api/ecs/ecs_decode.hpp"

namespace ecsemu::api::ecs {

using namespace core::ecs;

std::vector<LoadBalancer> read_load_balancers(Fields& fields) {
    std::vector<LoadBalancer> out;
    for (auto& item : fields.objects("loadBalancers")) {
        LoadBalancer lb;
        lb.target_group_arn = item.string("targetGroupArn");
        lb.load_balancer_name = item.string("loadBalancerName");
        lb.container_name = item.string("containerName");
        lb.container_port = item.optional_int("containerPort");
        out.push_back(std::move(lb));
    }
    return out;
}

std::vector<ServiceRegistry> read_service_registries(Fields& fields) {
    std::vector<ServiceRegistry> out;
    for (auto& item : fields.objects("serviceRegistries")) {
        ServiceRegistry registry;
        registry.registry_arn = item.string("registryArn");
        registry.port = item.optional_int("port");
        registry.container_name = item.string("containerName");
        registry.container_port = item.optional_int("containerPort");
        out.push_back(std::move(registry));
    }
    return out;
}

DeploymentConfigurationPatch read_deployment_configuration(Fields fields) {
    DeploymentConfigurationPatch patch;
    if (!fields.present()) return patch;
    patch.maximum_percent = fields.optional_int("maximumPercent");
    patch.minimum_healthy_percent = fields.optional_int("minimumHealthyPercent");
    Fields breaker = fields.object("deploymentCircuitBreaker");
    if (breaker.present()) {
        breaker.require("enable");
        breaker.require("rollback");
        patch.circuit_breaker =
            DeploymentCircuitBreaker{breaker.boolean("enable"), breaker.boolean("rollback")};
    }
    Fields alarms = fields.object("alarms");
    if (alarms.present()) {
        alarms.require("alarmNames");
        patch.alarms = DeploymentAlarms{alarms.string_list("alarmNames"), alarms.boolean("enable"),
                                        alarms.boolean("rollback")};
    }
    patch.strategy = fields.optional_enum<DeploymentStrategy>("strategy");
    patch.bake_time_minutes = fields.optional_int("bakeTimeInMinutes");
    return patch;
}

std::optional<ServiceConnectConfiguration> read_service_connect_configuration(Fields& fields) {
    Fields sc = fields.object("serviceConnectConfiguration");
    if (!sc.present()) return std::nullopt;
    ServiceConnectConfiguration config;
    sc.require("enabled");
    config.enabled = sc.boolean("enabled");
    config.namespace_ref = sc.string("namespace");
    for (auto& item : sc.objects("services")) {
        ServiceConnectService service;
        service.port_name = item.required_string("portName");
        service.discovery_name = item.string("discoveryName");
        for (auto& alias : item.objects("clientAliases")) {
            alias.require("port");
            service.client_aliases.push_back(
                {alias.optional_int("port").value_or(0), alias.string("dnsName")});
        }
        service.ingress_port_override = item.optional_int("ingressPortOverride");
        Fields timeout = item.object("timeout");
        if (timeout.present()) {
            service.timeout = ServiceConnectTimeout{timeout.optional_int("idleTimeoutSeconds"),
                                                    timeout.optional_int("perRequestTimeoutSeconds")};
        }
        service.tls_json = item.member_json("tls");
        config.services.push_back(std::move(service));
    }
    config.log_configuration_json = sc.member_json("logConfiguration");
    config.access_log_configuration_json = sc.member_json("accessLogConfiguration");
    return config;
}

core::Result<CreateServiceSpec> decode_create_service(const nlohmann::json& params) {
    RequestReader reader(params);
    Fields& root = reader.root();
    CreateServiceSpec spec;
    spec.cluster = root.string("cluster");
    spec.service_name = root.required_string("serviceName");
    spec.task_definition = root.string("taskDefinition");
    spec.load_balancers = read_load_balancers(root);
    spec.service_registries = read_service_registries(root);
    spec.desired_count = root.optional_int("desiredCount");
    spec.launch_type = root.optional_enum<LaunchType>("launchType");
    spec.capacity_provider_strategy = read_capacity_provider_strategy(root, "capacityProviderStrategy");
    spec.platform_version = root.string("platformVersion");
    spec.role = root.string("role");
    spec.deployment_configuration = read_deployment_configuration(root.object("deploymentConfiguration"));
    spec.placement_constraints_json = root.member_json("placementConstraints");
    spec.placement_strategy_json = root.member_json("placementStrategy");
    spec.network_configuration = read_network_configuration(root);
    spec.health_check_grace_period_seconds = root.optional_int("healthCheckGracePeriodSeconds");
    spec.scheduling_strategy = root.optional_enum<SchedulingStrategy>("schedulingStrategy");
    Fields controller = root.object("deploymentController");
    if (controller.present()) {
        controller.require("type");
        spec.deployment_controller = controller.optional_enum<DeploymentControllerType>("type");
    }
    spec.tags = read_tags(root, "tags");
    spec.enable_ecs_managed_tags = root.boolean("enableECSManagedTags");
    spec.propagate_tags = root.optional_enum<PropagateTags>("propagateTags");
    spec.enable_execute_command = root.boolean("enableExecuteCommand");
    spec.service_connect_configuration = read_service_connect_configuration(root);
    spec.availability_zone_rebalancing =
        root.optional_enum<AvailabilityZoneRebalancing>("availabilityZoneRebalancing");
    if (!reader.ok()) return reader.error();
    return spec;
}

core::Result<UpdateServiceSpec> decode_update_service(const nlohmann::json& params) {
    RequestReader reader(params);
    Fields& root = reader.root();
    UpdateServiceSpec spec;
    spec.cluster = root.string("cluster");
    spec.service = root.required_string("service");
    spec.desired_count = root.optional_int("desiredCount");
    spec.task_definition = root.optional_string("taskDefinition");
    if (root.has("capacityProviderStrategy")) {
        spec.capacity_provider_strategy = read_capacity_provider_strategy(root, "capacityProviderStrategy");
    }
    if (root.has("deploymentConfiguration")) {
        spec.deployment_configuration = read_deployment_configuration(root.object("deploymentConfiguration"));
    }
    spec.network_configuration = read_network_configuration(root);
    spec.platform_version = root.optional_string("platformVersion");
    spec.force_new_deployment = root.boolean("forceNewDeployment");
    spec.health_check_grace_period_seconds = root.optional_int("healthCheckGracePeriodSeconds");
    spec.enable_execute_command = root.optional_bool("enableExecuteCommand");
    spec.enable_ecs_managed_tags = root.optional_bool("enableECSManagedTags");
    if (root.has("loadBalancers")) spec.load_balancers = read_load_balancers(root);
    spec.propagate_tags = root.optional_enum<PropagateTags>("propagateTags");
    if (root.has("serviceRegistries")) spec.service_registries = read_service_registries(root);
    spec.service_connect_configuration = read_service_connect_configuration(root);
    spec.availability_zone_rebalancing =
        root.optional_enum<AvailabilityZoneRebalancing>("availabilityZoneRebalancing");
    if (root.has("placementConstraints"))
        spec.placement_constraints_json = root.member_json("placementConstraints");
    if (root.has("placementStrategy")) spec.placement_strategy_json = root.member_json("placementStrategy");
    if (!reader.ok()) return reader.error();
    return spec;
}

}  // namespace ecsemu::api::ecs
