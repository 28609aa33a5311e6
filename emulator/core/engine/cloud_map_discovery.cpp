#include "emulator/core/engine/cloud_map_discovery.hpp"

#include <utility>

#include "emulator/core/cloudmap/cloudmap_call.hpp"
#include "emulator/core/cloudmap/ecs_registration.hpp"

namespace ecsemu::core::engine {

namespace {

std::string id_of_arn(const std::string& arn) {
    return arn.substr(arn.rfind('/') + 1);
}

bool looks_like_arn(std::string_view text) {
    return text.rfind("arn:", 0) == 0;
}

}  // namespace

CloudMapDiscovery::CloudMapDiscovery(cloudmap::CloudMapWorld& world, ChangeHook on_change)
    : world_(world), on_change_(std::move(on_change)) {}

std::optional<ecs::DiscoveryNamespace> CloudMapDiscovery::resolve_namespace(const ecs::ArnScope& scope,
                                                                            std::string_view name_or_arn,
                                                                            Instant now) {
    cloudmap::CloudMapRegion& region = world_.region(scope.account_id, scope.region);
    if (const cloudmap::Namespace* found = cloudmap::find_namespace(region.state, name_or_arn))
        return ecs::DiscoveryNamespace{found->name, found->id, found->arn};
    if (looks_like_arn(name_or_arn)) return std::nullopt;
    cloudmap::CloudMapCall call{region, scope.account_id, scope.region, now};
    auto created = cloudmap::ensure_http_namespace(call, std::string(name_or_arn));
    if (!created.ok()) return std::nullopt;
    changed(scope);
    const cloudmap::Namespace* ns = created.value();
    return ecs::DiscoveryNamespace{ns->name, ns->id, ns->arn};
}

std::string CloudMapDiscovery::ensure_service(const ecs::ArnScope& scope, const ecs::DiscoveryNamespace& ns,
                                              const std::string& discovery_name, Instant now) {
    cloudmap::CloudMapCall call{world_.region(scope.account_id, scope.region), scope.account_id, scope.region,
                                now};
    auto service = cloudmap::ensure_ecs_service(call, ns.id, discovery_name);
    if (!service.ok()) return {};
    changed(scope);
    return service.value()->arn;
}

void CloudMapDiscovery::register_instance(const ecs::ArnScope& scope, const std::string& service_arn,
                                          const std::string& instance_id,
                                          const std::map<std::string, std::string>& attributes, Instant now) {
    cloudmap::CloudMapCall call{world_.region(scope.account_id, scope.region), scope.account_id, scope.region,
                                now};
    if (cloudmap::register_task_instance(call, id_of_arn(service_arn), instance_id, attributes).ok())
        changed(scope);
}

void CloudMapDiscovery::deregister_instance(const ecs::ArnScope& scope, const std::string& service_arn,
                                            const std::string& instance_id, Instant now) {
    cloudmap::CloudMapCall call{world_.region(scope.account_id, scope.region), scope.account_id, scope.region,
                                now};
    auto removed = cloudmap::deregister_task_instance(call, id_of_arn(service_arn), instance_id);
    if (removed.ok() && !removed.value().empty()) changed(scope);
}

void CloudMapDiscovery::changed(const ecs::ArnScope& scope) {
    if (on_change_) on_change_(scope.account_id, scope.region);
}

}  // namespace ecsemu::core::engine
