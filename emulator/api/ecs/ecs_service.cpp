#include "emulator/api/ecs/ecs_service.hpp"

#include "emulator/api/operation_table.hpp"

#include "emulator/api/ecs/ecs_operations.hpp"
#include "emulator/api/model/input_validator.hpp"

namespace ecsemu::api::ecs {

namespace {

const OperationTable<OperationContext>& operations() {
    static const OperationTable<OperationContext> table = {
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

}  // namespace

EcsService::EcsService(const core::Ec2Directory& ec2)
    : owned_world_(std::make_unique<core::ecs::EcsWorld>()), world_(*owned_world_), ec2_(ec2) {}

EcsService::EcsService(core::ecs::EcsWorld& world, const core::Ec2Directory& ec2)
    : world_(world), ec2_(ec2) {}

bool EcsService::mutates(std::string_view operation) const {
    return operations().mutates(operation);
}

void EcsService::reset() {
    world_.reset();
}

core::ecs::EcsState* EcsService::find_state(const std::string& account_id, const std::string& region) {
    core::ecs::EcsRegion* found = world_.find_region(account_id, region);
    return found == nullptr ? nullptr : &found->state;
}

const core::ecs::EcsState* EcsService::find_state(const std::string& account_id,
                                                  const std::string& region) const {
    return const_cast<EcsService*>(this)->find_state(account_id, region);
}

ApiResult EcsService::call(const ApiCall& call) {
    const auto* entry = operations().find(call.operation);
    if (entry == nullptr) {
        return core::AwsError::client("UnknownOperationException",
                                      "ecsemu does not implement the ECS operation " + call.operation + ".");
    }
    if (auto invalid = ecs_input_validator().validate(call.operation, call.params)) return *invalid;
    core::ecs::EcsRegion& region = world_.region(call.account_id, call.region);
    OperationContext ctx{region.state, region.ids, ec2_, call, settle_stops_immediately_, target_groups_};
    return run_operation(entry->handler, ctx, region.ids);
}

}  // namespace ecsemu::api::ecs
