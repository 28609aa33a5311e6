#pragma once
// ECS's Service Connect port to Cloud Map (ecs/service_discovery.hpp), answered by the Cloud Map store
// through the same operations as its API (cloudmap/ecs_registration.hpp): namespaces ECS names are found or
// created as HTTP namespaces, each discoveryName gets its AmazonECSManaged service, and RUNNING tasks are
// instances. After every change `on_change(account, region)` runs so DNS and the Service Connect proxies
// follow.
#include <functional>
#include <string>

#include "emulator/core/cloudmap/cloudmap_state.hpp"
#include "emulator/core/ecs/service_discovery.hpp"

namespace ecsemu::core::engine {

class CloudMapDiscovery final : public ecs::ServiceDiscovery {
public:
    using ChangeHook = std::function<void(const std::string& account_id, const std::string& region)>;

    // `world` must outlive this object.
    CloudMapDiscovery(cloudmap::CloudMapWorld& world, ChangeHook on_change);

    std::optional<ecs::DiscoveryNamespace> resolve_namespace(const ecs::ArnScope& scope,
                                                             std::string_view name_or_arn,
                                                             Instant now) override;
    std::string ensure_service(const ecs::ArnScope& scope, const ecs::DiscoveryNamespace& ns,
                               const std::string& discovery_name, Instant now) override;
    void register_instance(const ecs::ArnScope& scope, const std::string& service_arn,
                           const std::string& instance_id,
                           const std::map<std::string, std::string>& attributes, Instant now) override;
    void deregister_instance(const ecs::ArnScope& scope, const std::string& service_arn,
                             const std::string& instance_id, Instant now) override;

private:
    void changed(const ecs::ArnScope& scope);

    cloudmap::CloudMapWorld& world_;
    ChangeHook on_change_;
};

}  // namespace ecsemu::core::engine
