#include "emulator/api/cloudmap/cloudmap_service.hpp"

#include "emulator/api/operation_table.hpp"

#include "emulator/api/cloudmap/cloudmap_operations.hpp"
#include "emulator/api/model/input_validator.hpp"

namespace ecsemu::api::cloudmap {

namespace {

const OperationTable<OperationContext>& operations() {
    static const OperationTable<OperationContext> table = {
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
    return operations().mutates(operation);
}

ApiResult CloudMapService::call(const ApiCall& call) {
    const auto* entry = operations().find(call.operation);
    if (entry == nullptr) {
        return core::AwsError::client(
            "UnknownOperationException",
            "ecsemu does not implement the Cloud Map operation " + call.operation + ".");
    }
    if (auto invalid = servicediscovery_input_validator().validate(call.operation, call.params))
        return *invalid;
    core::cloudmap::CloudMapRegion& region = world_.region(call.account_id, call.region);
    core::cloudmap::CloudMapCall core_call{region, call.account_id, call.region, call.now};
    OperationContext ctx{core_call, call};
    return run_operation(entry->handler, ctx, region.ids);
}

}  // namespace ecsemu::api::cloudmap
