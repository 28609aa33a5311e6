#include "emulator/api/cloudmap/cloudmap_service.hpp"

#include <map>

#include "emulator/api/cloudmap/cloudmap_operations.hpp"
#include "emulator/api/model/input_validator.hpp"

namespace ecsemu::api::cloudmap {

namespace {

struct OperationEntry {
    OperationHandler handler;
    bool mutates;
};

const std::map<std::string_view, OperationEntry>& operations() {
    static const std::map<std::string_view, OperationEntry> table = {
        {"CreateHttpNamespace", {create_http_namespace, true}},
        {"CreatePrivateDnsNamespace", {create_private_dns_namespace, true}},
        {"CreatePublicDnsNamespace", {create_public_dns_namespace, true}},
        {"GetNamespace", {get_namespace, false}},
        {"ListNamespaces", {list_namespaces, false}},
        {"UpdateHttpNamespace", {update_http_namespace, true}},
        {"UpdatePrivateDnsNamespace", {update_private_dns_namespace, true}},
        {"UpdatePublicDnsNamespace", {update_public_dns_namespace, true}},
        {"DeleteNamespace", {delete_namespace, true}},
        {"CreateService", {create_service, true}},
        {"GetService", {get_service, false}},
        {"ListServices", {list_services, false}},
        {"UpdateService", {update_service, true}},
        {"DeleteService", {delete_service, true}},
        {"RegisterInstance", {register_instance, true}},
        {"DeregisterInstance", {deregister_instance, true}},
        {"GetInstance", {get_instance, false}},
        {"ListInstances", {list_instances, false}},
        {"GetInstancesHealthStatus", {get_instances_health_status, false}},
        {"UpdateInstanceCustomHealthStatus", {update_instance_custom_health_status, true}},
        {"DiscoverInstances", {discover_instances, false}},
        {"DiscoverInstancesRevision", {discover_instances_revision, false}},
        {"GetOperation", {get_operation, false}},
        {"ListOperations", {list_operations, false}},
        {"TagResource", {tag_resource, true}},
        {"UntagResource", {untag_resource, true}},
        {"ListTagsForResource", {list_tags_for_resource, false}},
    };
    return table;
}

}  // namespace

CloudMapService::CloudMapService()
    : owned_world_(std::make_unique<core::cloudmap::CloudMapWorld>()), world_(*owned_world_) {}

CloudMapService::CloudMapService(core::cloudmap::CloudMapWorld& world) : world_(world) {}

bool CloudMapService::mutates(std::string_view operation) const {
    const auto it = operations().find(operation);
    return it != operations().end() && it->second.mutates;
}

ApiResult CloudMapService::call(const ApiCall& call) {
    const auto entry = operations().find(call.operation);
    if (entry == operations().end()) {
        return core::AwsError::client(
            "UnknownOperationException",
            "ecsemu does not implement the Cloud Map operation " + call.operation + ".");
    }
    if (auto invalid = servicediscovery_input_validator().validate(call.operation, call.params))
        return *invalid;
    core::cloudmap::CloudMapRegion& region = world_.region(call.account_id, call.region);
    core::cloudmap::CloudMapCall core_call{region, call.account_id, call.region, call.now};
    OperationContext ctx{core_call, call};
    // A failed call is not journaled, so it must leave no trace: core checks before it changes state, and
    // ids it drew are given back here.
    const core::IdSource ids_before = region.ids;
    ApiResult result = entry->second.handler(ctx);
    if (!result.ok()) region.ids = ids_before;
    return result;
}

}  // namespace ecsemu::api::cloudmap
