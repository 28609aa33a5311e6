#pragma once
// Service Connect configuration as ECS resolves it: namespace defaulting to the cluster's, discovery names
// and client alias DNS names defaulting as documented (reference §5.1), and the Cloud Map services a
// deployment registers into.
#include <string_view>
#include <vector>

#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/ids.hpp"

namespace ecsemu::core::ecs {

// The namespace a name or ARN refers to, from Cloud Map when the state has a ServiceDiscovery. ECS creates
// an HTTP namespace for a name it does not know (as it does for cluster defaults); ecsemu extends that to
// service configurations, so a guide's namespace name always resolves.
const CloudMapNamespace& resolve_namespace(EcsState& state, std::string_view name_or_arn, IdSource& ids,
                                           Instant now);

// Checks a requested configuration against the cluster (a namespace must be named or defaulted) and the
// task definition (each portName must name a port mapping). Pure: call it before any state changes.
Status validate_service_connect(const Cluster& cluster, const ServiceConnectConfiguration& requested,
                                const TaskDefinition& task_definition);

// Fills the defaults ECS applies: namespace from the cluster, discoveryName = portName, alias dnsName =
// <discoveryName>.<namespace name>. REQUIRES: validate_service_connect accepted `requested`.
ServiceConnectConfiguration resolve_service_connect(EcsState& state, const Cluster& cluster,
                                                    ServiceConnectConfiguration requested, IdSource& ids,
                                                    Instant now);

// One Cloud Map service per discoveryName, reused by later deployments of any service in the namespace.
std::vector<ServiceConnectServiceResource> service_connect_resources(
    EcsState& state, const ServiceConnectConfiguration& config, IdSource& ids, Instant now);

}  // namespace ecsemu::core::ecs
