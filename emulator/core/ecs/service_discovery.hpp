#pragma once
// What ECS asks of Cloud Map for Service Connect: resolve (or, for a name it does not know, create as an HTTP
// namespace) the namespace a cluster default or a service names, keep one Cloud Map service per discoveryName
// (tagged AmazonECSManaged=true), and register each RUNNING task as an instance (instance id = task id) until
// it stops. The Cloud Map store implements it (engine/cloud_map_discovery.hpp); without one, ECS records
// namespaces in its own state (tests of ECS alone).
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/model/ecs_arns.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::ecs {

struct DiscoveryNamespace {
    std::string name;  // ielts.local
    std::string id;    // ns-<16 alnum>
    std::string arn;
};

class ServiceDiscovery {
public:
    virtual ~ServiceDiscovery() = default;
    // By name or ARN; an unknown name becomes a new HTTP namespace (as ECS does); an unknown ARN: nothing.
    virtual std::optional<DiscoveryNamespace> resolve_namespace(const ArnScope& scope,
                                                                std::string_view name_or_arn,
                                                                Instant now) = 0;
    // The ARN of the namespace's Cloud Map service named `discovery_name`, created when missing.
    virtual std::string ensure_service(const ArnScope& scope, const DiscoveryNamespace& ns,
                                       const std::string& discovery_name, Instant now) = 0;
    virtual void register_instance(const ArnScope& scope, const std::string& service_arn,
                                   const std::string& instance_id,
                                   const std::map<std::string, std::string>& attributes, Instant now) = 0;
    virtual void deregister_instance(const ArnScope& scope, const std::string& service_arn,
                                     const std::string& instance_id, Instant now) = 0;
};

}  // namespace ecsemu::core::ecs
