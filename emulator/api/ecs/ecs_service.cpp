#include "emulator/api/ecs/ecs_service.hpp"

#include <cstdint>

#include "emulator/api/ecs/ecs_operations.hpp"
#include "emulator/api/model/input_validator.hpp"

namespace ecsemu::api::ecs {

namespace {

struct OperationEntry {
    OperationHandler handler;
    bool mutates;
};

const std::map<std::string_view, OperationEntry>& operations() {
    static const std::map<std::string_view, OperationEntry> table = {
        {"CreateCluster", {create_cluster, true}},
        {"DescribeClusters", {describe_clusters, false}},
        {"ListClusters", {list_clusters, false}},
        {"DeleteCluster", {delete_cluster, true}},
        {"PutClusterCapacityProviders", {put_cluster_capacity_providers, true}},
        {"RegisterTaskDefinition", {register_task_definition, true}},
        {"DescribeTaskDefinition", {describe_task_definition, false}},
        {"ListTaskDefinitions", {list_task_definitions, false}},
        {"ListTaskDefinitionFamilies", {list_task_definition_families, false}},
        {"DeregisterTaskDefinition", {deregister_task_definition, true}},
        {"CreateService", {create_service, true}},
        {"UpdateService", {update_service, true}},
        {"DescribeServices", {describe_services, false}},
        {"ListServices", {list_services, false}},
        {"DeleteService", {delete_service, true}},
        {"RunTask", {run_task, true}},
        {"DescribeTasks", {describe_tasks, false}},
        {"ListTasks", {list_tasks, false}},
        {"StopTask", {stop_task, true}},
        {"TagResource", {tag_resource, true}},
        {"UntagResource", {untag_resource, true}},
        {"ListTagsForResource", {list_tags_for_resource, false}},
    };
    return table;
}

// FNV-1a: a stable seed per (account, region), so each region has its own id sequence.
std::uint64_t seed_for(const std::string& key) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const unsigned char c : key) hash = (hash ^ c) * 0x100000001b3ULL;
    return hash;
}

std::string region_key(const std::string& account_id, const std::string& region) {
    return account_id + "/" + region;
}

}  // namespace

EcsService::EcsService(const core::Ec2Directory& ec2) : ec2_(ec2) {}

bool EcsService::mutates(std::string_view operation) const {
    const auto it = operations().find(operation);
    return it != operations().end() && it->second.mutates;
}

void EcsService::reset() {
    regions_.clear();
}

EcsService::Region& EcsService::region_for(const ApiCall& call) {
    const std::string key = region_key(call.account_id, call.region);
    auto it = regions_.find(key);
    if (it == regions_.end()) {
        Region region{core::ecs::EcsState(core::ecs::ArnScope{call.region, call.account_id}),
                      core::IdSource(seed_for(key))};
        it = regions_.emplace(key, std::move(region)).first;
    }
    return it->second;
}

core::ecs::EcsState* EcsService::find_state(const std::string& account_id, const std::string& region) {
    const auto it = regions_.find(region_key(account_id, region));
    return it == regions_.end() ? nullptr : &it->second.state;
}

const core::ecs::EcsState* EcsService::find_state(const std::string& account_id,
                                                  const std::string& region) const {
    return const_cast<EcsService*>(this)->find_state(account_id, region);
}

ApiResult EcsService::call(const ApiCall& call) {
    const auto entry = operations().find(call.operation);
    if (entry == operations().end()) {
        return core::AwsError::client("UnknownOperationException",
                                      "ecsemu does not implement the ECS operation " + call.operation + ".");
    }
    if (auto invalid = ecs_input_validator().validate(call.operation, call.params)) return *invalid;
    Region& region = region_for(call);
    OperationContext ctx{region.state, region.ids, ec2_, call, settle_stops_immediately_};
    // A failed call is not journaled, so it must leave no trace: core validates before it changes state,
    // and ids it drew are given back here.
    const core::IdSource ids_before = region.ids;
    ApiResult result = entry->second.handler(ctx);
    if (!result.ok()) region.ids = ids_before;
    return result;
}

}  // namespace ecsemu::api::ecs
