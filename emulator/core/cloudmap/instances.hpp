#pragma once
// RegisterInstance, DeregisterInstance, GetInstance, ListInstances, GetInstancesHealthStatus,
// UpdateInstanceCustomHealthStatus, DiscoverInstances, DiscoverInstancesRevision.
// Health: ecsemu runs no Route 53 health checks, so an instance is HEALTHY unless UpdateInstanceCustomHealth-
// Status (services with HealthCheckCustomConfig) last said UNHEALTHY. Discovery answers instances in id
// order.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/cloudmap/cloudmap_call.hpp"

namespace ecsemu::core::cloudmap {

// Registers `instance_id` (or replaces the attributes of the instance already registered under it) and
// returns the operation id (REGISTER_INSTANCE). A DNS service's records decide the attributes it needs:
// A -> AWS_INSTANCE_IPV4, AAAA -> AWS_INSTANCE_IPV6, SRV -> AWS_INSTANCE_PORT and an address, CNAME ->
// AWS_INSTANCE_CNAME.
Result<std::string> register_instance(CloudMapCall& call, const std::string& service_id_or_arn,
                                      const std::string& instance_id,
                                      const std::map<std::string, std::string>& attributes,
                                      const std::string& creator_request_id);

// The operation id (DEREGISTER_INSTANCE); InstanceNotFound when it is not registered.
Result<std::string> deregister_instance(CloudMapCall& call, const std::string& service_id_or_arn,
                                        const std::string& instance_id);

struct InstanceRef {
    const Service* service = nullptr;
    const Instance* instance = nullptr;
};

Result<InstanceRef> get_instance(const CloudMapState& state, const std::string& service_id_or_arn,
                                 const std::string& instance_id);

HealthStatus health_of(const Instance& instance);

struct InstancePage {
    const Service* service = nullptr;
    std::vector<const Instance*> instances;
    std::string next_token;
};

Result<InstancePage> list_instances(const CloudMapState& state, const std::string& service_id_or_arn,
                                    const std::optional<std::string>& next_token,
                                    std::optional<int> max_results);

// GetInstancesHealthStatus: `instance_ids` empty means all; a named instance that is not registered is
// InstanceNotFound.
Result<InstancePage> instances_for_health(const CloudMapState& state, const std::string& service_id_or_arn,
                                          const std::vector<std::string>& instance_ids,
                                          const std::optional<std::string>& next_token,
                                          std::optional<int> max_results);

// CustomHealthNotFound unless the service has HealthCheckCustomConfig. Not an operation in AWS: no id.
Status update_instance_custom_health(CloudMapCall& call, const std::string& service_id_or_arn,
                                     const std::string& instance_id, HealthStatus status);

struct DiscoverRequest {
    std::string namespace_name;
    std::string service_name;
    std::map<std::string, std::string> query_parameters;     // every one must match
    std::map<std::string, std::string> optional_parameters;  // preferred when any instance matches all
    std::string health_status;       // HEALTHY | UNHEALTHY | ALL | HEALTHY_OR_ELSE_ALL; "" = HEALTHY
    std::optional<int> max_results;  // 1..1000, default 100
};

struct DiscoveredInstance {
    const Instance* instance = nullptr;
    HealthStatus health = HealthStatus::Healthy;
};

struct Discovery {
    const Namespace* ns = nullptr;
    const Service* service = nullptr;
    std::vector<DiscoveredInstance> instances;
    std::int64_t revision = 0;
};

// NamespaceNotFound / ServiceNotFound name the namespace and service by name, as the request does.
Result<Discovery> discover_instances(const CloudMapState& state, const DiscoverRequest& request);
Result<std::int64_t> discover_instances_revision(const CloudMapState& state,
                                                 const std::string& namespace_name,
                                                 const std::string& service_name);

}  // namespace ecsemu::core::cloudmap
