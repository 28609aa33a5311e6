#include "emulator/core/service_connect/service_connect_compiler.hpp"

#include <charconv>
#include <set>

namespace ecsemu::core::service_connect {

namespace {

// Envoy's route timeout, which Service Connect keeps when perRequestTimeoutSeconds is unset (reference §5.4).
constexpr Duration kDefaultPerRequestTimeout = Duration::seconds(15);
constexpr Duration kDefaultIdleTimeout = Duration::seconds(300);

std::string id_of_arn(const std::string& arn) {
    return arn.substr(arn.rfind('/') + 1);
}

const ecs::Task* find_task(const ecs::EcsState& state, const std::string& task_id) {
    for (const auto& [cluster, tasks] : state.tasks) {
        if (const auto it = tasks.find(task_id); it != tasks.end()) return &it->second;
    }
    return nullptr;
}

std::string attribute(const cloudmap::Instance& instance, const std::string& key) {
    const auto it = instance.attributes.find(key);
    return it == instance.attributes.end() ? std::string() : it->second;
}

std::vector<ScEndpoint> endpoints_of(const ecs::EcsState& ecs, const cloudmap::CloudMapRegion* cloud_map,
                                     const std::string& service_arn) {
    std::vector<ScEndpoint> out;
    if (cloud_map == nullptr) return out;
    const auto service = cloud_map->state.services.find(id_of_arn(service_arn));
    if (service == cloud_map->state.services.end()) return out;
    for (const auto& [id, instance] : service->second.instances) {
        ScEndpoint endpoint;
        endpoint.task_id = id;
        endpoint.ip = attribute(instance, "AWS_INSTANCE_IPV4");
        endpoint.availability_zone = attribute(instance, "AvailabilityZone");
        int port = 0;
        const std::string port_text = attribute(instance, "AWS_INSTANCE_PORT");
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (port <= 0 || port > 65535) continue;
        endpoint.dial_port = static_cast<std::uint16_t>(port);
        // ECS tasks serve on their loopback address; an instance registered by hand on a 127/8 address is
        // reached there directly. Anything else cannot be reached from this machine.
        const ecs::Task* task = find_task(ecs, id);
        if (task != nullptr && task->is_live() && !task->local_address.empty()) {
            endpoint.dial_host = task->local_address;
        } else if (endpoint.ip.rfind("127.", 0) == 0) {
            endpoint.dial_host = endpoint.ip;
        } else {
            continue;
        }
        out.push_back(std::move(endpoint));
    }
    return out;
}

Duration seconds_or(const std::optional<int>& seconds, Duration fallback) {
    return seconds ? Duration::seconds(*seconds) : fallback;
}

}  // namespace

const std::string& AliasAddresses::address_of(const std::string& region_key, const std::string& dns_name,
                                              int port) {
    const auto key = std::make_tuple(region_key, dns_name, port);
    auto it = addresses_.find(key);
    if (it == addresses_.end()) {
        const int index = next_++ - 1;
        const std::string address =
            "127.255." + std::to_string((index / 254) % 128) + "." + std::to_string(index % 254 + 1);
        it = addresses_.emplace(key, address).first;
    }
    return it->second;
}

std::vector<AliasAddresses::Entry> AliasAddresses::all() const {
    std::vector<Entry> out;
    for (const auto& [key, address] : addresses_)
        out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), address});
    return out;
}

ServiceConnectSnapshot compile_service_connect(const ecs::EcsWorld& ecs,
                                               const cloudmap::CloudMapWorld& cloud_map,
                                               AliasAddresses& addresses) {
    ServiceConnectSnapshot snapshot;
    std::set<std::tuple<std::string, std::string, int>> claimed;
    for (const auto& [region_key, region] : ecs.regions()) {
        const auto& scope = region.state.scope;
        const cloudmap::CloudMapRegion* cm = cloud_map.find_region(scope.account_id, scope.region);
        for (const auto& [cluster, services] : region.state.services) {
            for (const auto& [name, service] : services) {
                if (service.status == ecs::ServiceStatus::Inactive) continue;
                for (const auto& deployment : service.deployments) {
                    const auto& config = deployment.service_connect_configuration;
                    if (!config || !config->enabled) continue;
                    for (const auto& sc : config->services) {
                        std::string service_arn;
                        for (const auto& r : deployment.service_connect_resources) {
                            if (r.discovery_name == sc.discovery_name) service_arn = r.discovery_arn;
                        }
                        for (const auto& alias : sc.client_aliases) {
                            if (!claimed.emplace(region_key, alias.dns_name, alias.port).second) continue;
                            ScAlias out;
                            out.dns_name = alias.dns_name;
                            out.port = static_cast<std::uint16_t>(alias.port);
                            out.vip = addresses.address_of(region_key, alias.dns_name, alias.port);
                            out.namespace_name = config->namespace_name;
                            out.discovery_name = sc.discovery_name;
                            out.endpoints = endpoints_of(region.state, cm, service_arn);
                            const auto timeout = sc.timeout.value_or(ecs::ServiceConnectTimeout{});
                            out.per_request_timeout =
                                seconds_or(timeout.per_request_timeout_seconds, kDefaultPerRequestTimeout);
                            out.idle_timeout = seconds_or(timeout.idle_timeout_seconds, kDefaultIdleTimeout);
                            out.cluster_name = service.cluster_name;
                            out.service_name = service.name;
                            snapshot.aliases.push_back(std::move(out));
                        }
                    }
                }
            }
        }
    }
    return snapshot;
}

}  // namespace ecsemu::core::service_connect
