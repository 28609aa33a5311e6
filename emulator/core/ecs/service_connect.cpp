#include "emulator/core/ecs/service_connect.hpp"

#include <algorithm>
#include <set>

#include "emulator/core/ecs/ecs_errors.hpp"

namespace ecsemu::core::ecs {

namespace {

const std::string* find_namespace_name_by_arn(const EcsState& state, std::string_view arn) {
    for (const auto& [name, ns] : state.namespaces) {
        if (ns.arn == arn) return &ns.name;
    }
    return nullptr;
}

}  // namespace

const CloudMapNamespace& resolve_namespace(EcsState& state, std::string_view name_or_arn, IdSource& ids,
                                           Instant now) {
    if (state.discovery != nullptr) {
        if (auto ns = state.discovery->resolve_namespace(state.scope, name_or_arn, now)) {
            CloudMapNamespace record{ns->name, ns->id, ns->arn};
            return state.namespaces.insert_or_assign(ns->name, std::move(record)).first->second;
        }
    }
    if (looks_like_arn(name_or_arn)) {
        if (const std::string* name = find_namespace_name_by_arn(state, name_or_arn)) {
            return state.namespaces.at(*name);
        }
        // An ARN of a namespace created elsewhere: its name is unknown here, so the id stands in for it.
        const std::string arn(name_or_arn);
        const std::string id = arn.substr(arn.rfind('/') + 1);
        return state.namespaces.emplace(id, CloudMapNamespace{id, id, arn}).first->second;
    }
    const std::string name(name_or_arn);
    if (const auto it = state.namespaces.find(name); it != state.namespaces.end()) return it->second;
    const std::string id = "ns-" + ids.alnum_lower(16);
    return state.namespaces
        .emplace(name, CloudMapNamespace{name, id, cloud_map_namespace_arn(state.scope, id)})
        .first->second;
}

Status validate_service_connect(const Cluster& cluster, const ServiceConnectConfiguration& requested,
                                const TaskDefinition& task_definition) {
    if (!requested.enabled) return Ok{};
    if (requested.namespace_ref.empty() && !cluster.service_connect_defaults) {
        return invalid_parameter(
            "Service Connect requires a namespace: specify serviceConnectConfiguration.namespace or set "
            "serviceConnectDefaults on the cluster.");
    }
    std::set<std::string> discovery_names;
    for (const auto& service : requested.services) {
        const bool named_port_exists =
            std::any_of(task_definition.container_definitions.begin(),
                        task_definition.container_definitions.end(), [&](const ContainerDefinition& c) {
                            return c.find_port_mapping_by_name(service.port_name) != nullptr;
                        });
        if (!named_port_exists) {
            return invalid_parameter("The Service Connect portName '" + service.port_name +
                                     "' does not match the name of any portMappings in the task definition " +
                                     task_definition.arn + ".");
        }
        const std::string discovery_name =
            service.discovery_name.empty() ? service.port_name : service.discovery_name;
        if (!discovery_names.insert(discovery_name).second) {
            return invalid_parameter("The Service Connect discoveryName '" + discovery_name +
                                     "' is used more than once in the service.");
        }
        for (const auto& alias : service.client_aliases) {
            if (alias.port < 1 || alias.port > 65535) {
                return invalid_parameter(
                    "The Service Connect client alias port must be between 1 and 65535.");
            }
        }
    }
    return Ok{};
}

ServiceConnectConfiguration resolve_service_connect(EcsState& state, const Cluster& cluster,
                                                    ServiceConnectConfiguration requested, IdSource& ids,
                                                    Instant now) {
    if (!requested.enabled) return requested;
    if (requested.namespace_ref.empty())
        requested.namespace_ref = cluster.service_connect_defaults->namespace_arn;
    const CloudMapNamespace& ns = resolve_namespace(state, requested.namespace_ref, ids, now);
    requested.namespace_name = ns.name;
    for (auto& service : requested.services) {
        if (service.discovery_name.empty()) service.discovery_name = service.port_name;
        for (auto& alias : service.client_aliases) {
            if (alias.dns_name.empty()) alias.dns_name = service.discovery_name + "." + ns.name;
        }
    }
    return requested;
}

std::vector<ServiceConnectServiceResource> service_connect_resources(
    EcsState& state, const ServiceConnectConfiguration& config, IdSource& ids, Instant now) {
    std::vector<ServiceConnectServiceResource> out;
    if (!config.enabled) return out;
    const auto& ns_it = state.namespaces.find(config.namespace_name);
    const std::string ns_key = ns_it == state.namespaces.end() ? config.namespace_ref : ns_it->second.arn;
    if (state.discovery != nullptr && ns_it != state.namespaces.end()) {
        const DiscoveryNamespace ns{ns_it->second.name, ns_it->second.id, ns_it->second.arn};
        for (const auto& service : config.services) {
            const std::string arn =
                state.discovery->ensure_service(state.scope, ns, service.discovery_name, now);
            state.discovery_services.insert_or_assign(ns_key + "|" + service.discovery_name, arn);
            out.push_back({service.discovery_name, arn});
        }
        return out;
    }
    for (const auto& service : config.services) {
        const std::string key = ns_key + "|" + service.discovery_name;
        auto it = state.discovery_services.find(key);
        if (it == state.discovery_services.end()) {
            const std::string arn = cloud_map_service_arn(state.scope, "srv-" + ids.alnum_lower(16));
            it = state.discovery_services.emplace(key, arn).first;
        }
        out.push_back({service.discovery_name, it->second});
    }
    return out;
}

}  // namespace ecsemu::core::ecs
