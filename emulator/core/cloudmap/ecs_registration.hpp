#pragma once
// Cloud Map as ECS uses it, without going through JSON. These functions run the same core operations as
// the servicediscovery API (namespaces.hpp, services.hpp, instances.hpp), so every change they make is
// recorded as an Operation and is visible to GetOperation/ListOperations, ListInstances, DiscoverInstances.
// Like the API they are deterministic: ids come from the region's IdSource, times from `call.now`.
//
//   find_namespace             a namespace by name (case-insensitive) or by ARN (or id), in one region.
//   ensure_http_namespace      the namespace named `name`, created as an HTTP namespace when none exists
//   (what
//                              ECS does for a cluster's serviceConnectDefaults; ECS never deletes it). An
//                              existing namespace of any type is returned as it is.
//   ensure_ecs_service         the service `name` in a namespace, created when missing with the tag
//                              AmazonECSManaged=true (reference §5.3), of type HTTP (no DNS records) in an
//                              HTTP namespace and DNS_HTTP with an A record (TTL 15) in a DNS namespace.
//   register_task_instance     RegisterInstance with InstanceId = the task id and ECS's attributes
//                              (AWS_INSTANCE_IPV4, AWS_INSTANCE_PORT, AvailabilityZone, DeploymentId, ...).
//                              Registering again replaces the attributes.
//   deregister_task_instance   DeregisterInstance; a task that is not registered is not an error (nothing
//                              changes and no operation is recorded: the result is an empty operation id).
//
// Read-only view for the DNS and Service Connect compilers: CloudMapWorld::regions() / find_region(), each
// CloudMapState with namespaces (by id), services (by id, with their instances by id). Iterate them as they
// are: the maps are ordered, so the result is the same every run. namespace_services() lists one
// namespace's services in id order.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/cloudmap/cloudmap_call.hpp"

namespace ecsemu::core::cloudmap {

const Namespace* find_namespace(const CloudMapState& state, std::string_view name_or_arn);

Result<const Namespace*> ensure_http_namespace(CloudMapCall& call, const std::string& name);

Result<const Service*> ensure_ecs_service(CloudMapCall& call, const std::string& namespace_id,
                                          const std::string& name);

// The operation id.
Result<std::string> register_task_instance(CloudMapCall& call, const std::string& service_id,
                                           const std::string& task_id,
                                           const std::map<std::string, std::string>& attributes);

// The operation id, or "" when the task was not registered.
Result<std::string> deregister_task_instance(CloudMapCall& call, const std::string& service_id,
                                             const std::string& task_id);

std::vector<const Service*> namespace_services(const CloudMapState& state, const std::string& namespace_id);

}  // namespace ecsemu::core::cloudmap
