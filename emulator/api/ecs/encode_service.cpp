#include "emulator/api/ecs/ecs_encode.hpp"
#include "emulator/core/ecs/services.hpp"

namespace ecsemu::api::ecs {

using namespace core::ecs;
using core::ecs::Service;  // not api::Service
using nlohmann::json;

namespace {

json encode_load_balancers(const std::vector<LoadBalancer>& list) {
    json out = json::array();
    for (const auto& lb : list) {
        json item = json::object();
        if (!lb.target_group_arn.empty()) item["targetGroupArn"] = lb.target_group_arn;
        if (!lb.load_balancer_name.empty()) item["loadBalancerName"] = lb.load_balancer_name;
        if (!lb.container_name.empty()) item["containerName"] = lb.container_name;
        if (lb.container_port) item["containerPort"] = *lb.container_port;
        out.push_back(std::move(item));
    }
    return out;
}

json encode_service_registries(const std::vector<ServiceRegistry>& list) {
    json out = json::array();
    for (const auto& registry : list) {
        json item = json::object();
        if (!registry.registry_arn.empty()) item["registryArn"] = registry.registry_arn;
        if (registry.port) item["port"] = *registry.port;
        if (!registry.container_name.empty()) item["containerName"] = registry.container_name;
        if (registry.container_port) item["containerPort"] = *registry.container_port;
        out.push_back(std::move(item));
    }
    return out;
}

json encode_deployment_configuration(const DeploymentConfiguration& config) {
    json out = {
        {"deploymentCircuitBreaker",
         {{"enable", config.circuit_breaker.enable}, {"rollback", config.circuit_breaker.rollback}}},
        {"maximumPercent", config.maximum_percent},
        {"minimumHealthyPercent", config.minimum_healthy_percent},
        {"strategy", to_string(config.strategy)},
        {"bakeTimeInMinutes", config.bake_time_minutes},
    };
    if (config.alarms) {
        out["alarms"] = {{"alarmNames", config.alarms->alarm_names},
                         {"enable", config.alarms->enable},
                         {"rollback", config.alarms->rollback}};
    }
    return out;
}

json encode_service_connect_service(const ServiceConnectService& service) {
    json aliases = json::array();
    for (const auto& alias : service.client_aliases) {
        json item = {{"port", alias.port}};
        if (!alias.dns_name.empty()) item["dnsName"] = alias.dns_name;
        aliases.push_back(std::move(item));
    }
    json out = {{"portName", service.port_name}, {"clientAliases", std::move(aliases)}};
    if (!service.discovery_name.empty()) out["discoveryName"] = service.discovery_name;
    if (service.ingress_port_override) out["ingressPortOverride"] = *service.ingress_port_override;
    if (service.timeout) {
        json timeout = json::object();
        if (service.timeout->idle_timeout_seconds)
            timeout["idleTimeoutSeconds"] = *service.timeout->idle_timeout_seconds;
        if (service.timeout->per_request_timeout_seconds) {
            timeout["perRequestTimeoutSeconds"] = *service.timeout->per_request_timeout_seconds;
        }
        out["timeout"] = std::move(timeout);
    }
    if (!service.tls_json.empty()) out["tls"] = stored_json(service.tls_json);
    return out;
}

json encode_service_connect(const ServiceConnectConfiguration& config) {
    json out = {{"enabled", config.enabled}};
    if (!config.namespace_ref.empty()) out["namespace"] = config.namespace_ref;
    if (!config.services.empty()) {
        json services = json::array();
        for (const auto& service : config.services)
            services.push_back(encode_service_connect_service(service));
        out["services"] = std::move(services);
    }
    if (!config.log_configuration_json.empty())
        out["logConfiguration"] = stored_json(config.log_configuration_json);
    if (!config.access_log_configuration_json.empty()) {
        out["accessLogConfiguration"] = stored_json(config.access_log_configuration_json);
    }
    return out;
}

json encode_deployment(const EcsState& state, const Service& service, const Deployment& d) {
    const auto counts = count_deployment_tasks(state, service, d.id);
    json out = {
        {"id", d.id},
        {"status", to_string(d.status)},
        {"taskDefinition", d.task_definition_arn},
        {"desiredCount", d.desired_count},
        {"pendingCount", counts.pending},
        {"runningCount", counts.running},
        {"failedTasks", d.failed_tasks},
        {"createdAt", timestamp(d.created_at)},
        {"updatedAt", timestamp(d.updated_at)},
        {"rolloutState", to_string(d.rollout_state)},
        {"rolloutStateReason", d.rollout_state_reason},
    };
    if (d.launch_type) out["launchType"] = to_string(*d.launch_type);
    if (!d.capacity_provider_strategy.empty()) {
        out["capacityProviderStrategy"] = encode_capacity_provider_strategy(d.capacity_provider_strategy);
    }
    if (!d.platform_version.empty()) out["platformVersion"] = d.platform_version;
    if (!d.platform_family.empty()) out["platformFamily"] = d.platform_family;
    if (d.network_configuration)
        out["networkConfiguration"] = encode_network_configuration(*d.network_configuration);
    if (d.service_connect_configuration) {
        out["serviceConnectConfiguration"] = encode_service_connect(*d.service_connect_configuration);
    }
    if (!d.service_connect_resources.empty()) {
        json resources = json::array();
        for (const auto& r : d.service_connect_resources) {
            resources.push_back({{"discoveryName", r.discovery_name}, {"discoveryArn", r.discovery_arn}});
        }
        out["serviceConnectResources"] = std::move(resources);
    }
    return out;
}

json encode_events(const std::vector<ServiceEvent>& events) {
    json out = json::array();
    for (const auto& event : events) {
        out.push_back(
            {{"id", event.id}, {"createdAt", timestamp(event.created_at)}, {"message", event.message}});
    }
    return out;
}

}  // namespace

json encode_service(const EcsState& state, const Service& service, bool include_tags) {
    const auto counts = count_service_tasks(state, service);
    json deployments = json::array();
    for (const auto& deployment : service.deployments)
        deployments.push_back(encode_deployment(state, service, deployment));
    json out = {
        {"serviceArn", service.arn},
        {"serviceName", service.name},
        {"clusterArn", service.cluster_arn},
        {"loadBalancers", encode_load_balancers(service.load_balancers)},
        {"serviceRegistries", encode_service_registries(service.service_registries)},
        {"status", to_string(service.status)},
        {"desiredCount", service.desired_count},
        {"runningCount", counts.running},
        {"pendingCount", counts.pending},
        {"taskDefinition", service.task_definition_arn},
        {"deploymentConfiguration", encode_deployment_configuration(service.deployment_configuration)},
        {"deployments", std::move(deployments)},
        {"events", encode_events(service.events)},
        {"createdAt", timestamp(service.created_at)},
        {"placementConstraints", stored_json(service.placement_constraints_json, json::array())},
        {"placementStrategy", stored_json(service.placement_strategy_json, json::array())},
        {"healthCheckGracePeriodSeconds", service.health_check_grace_period_seconds},
        {"schedulingStrategy", to_string(service.scheduling_strategy)},
        {"deploymentController", {{"type", to_string(service.deployment_controller)}}},
        {"createdBy", service.created_by},
        {"enableECSManagedTags", service.enable_ecs_managed_tags},
        {"propagateTags", to_string(service.propagate_tags)},
        {"enableExecuteCommand", service.enable_execute_command},
        {"availabilityZoneRebalancing", to_string(service.availability_zone_rebalancing)},
    };
    if (service.launch_type) out["launchType"] = to_string(*service.launch_type);
    if (!service.capacity_provider_strategy.empty()) {
        out["capacityProviderStrategy"] =
            encode_capacity_provider_strategy(service.capacity_provider_strategy);
    }
    if (!service.platform_version.empty()) out["platformVersion"] = service.platform_version;
    if (!service.platform_family.empty()) out["platformFamily"] = service.platform_family;
    if (!service.role_arn.empty()) out["roleArn"] = service.role_arn;
    if (service.network_configuration) {
        out["networkConfiguration"] = encode_network_configuration(*service.network_configuration);
    }
    if (include_tags) out["tags"] = encode_tags(service.tags);
    return out;
}

}  // namespace ecsemu::api::ecs
