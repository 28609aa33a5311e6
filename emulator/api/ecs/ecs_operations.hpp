#pragma once
// One handler per ECS operation: decode the request, run the core operation on the region's state, encode
// the response. Handlers never read a clock or draw ids except through the context.
#include "emulator/api/service.hpp"
#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/ecs/target_group_lookup.hpp"
#include "emulator/core/ids.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::api::ecs {

struct OperationContext {
    core::ecs::EcsState& state;
    core::IdSource& ids;
    const core::Ec2Directory& ec2;
    const ApiCall& call;
    // No runtime drives task lifecycles yet, so StopTask finishes the stop itself (settle_stopped_task).
    // Once the scheduler runs tasks it settles stops when the task has really stopped, and this is false.
    bool settle_stops_immediately = true;
    // Validates the target groups services name; null: not validated.
    const core::ecs::TargetGroupLookup* target_groups = nullptr;
};

// cluster_operations.cpp
ApiResult create_cluster(OperationContext& ctx);
ApiResult describe_clusters(OperationContext& ctx);
ApiResult list_clusters(OperationContext& ctx);
ApiResult delete_cluster(OperationContext& ctx);
ApiResult put_cluster_capacity_providers(OperationContext& ctx);

// task_definition_operations.cpp
ApiResult register_task_definition(OperationContext& ctx);
ApiResult describe_task_definition(OperationContext& ctx);
ApiResult list_task_definitions(OperationContext& ctx);
ApiResult list_task_definition_families(OperationContext& ctx);
ApiResult deregister_task_definition(OperationContext& ctx);

// service_operations.cpp
ApiResult create_service(OperationContext& ctx);
ApiResult update_service(OperationContext& ctx);
ApiResult describe_services(OperationContext& ctx);
ApiResult list_services(OperationContext& ctx);
ApiResult delete_service(OperationContext& ctx);

// task_operations.cpp
ApiResult run_task(OperationContext& ctx);
ApiResult describe_tasks(OperationContext& ctx);
ApiResult list_tasks(OperationContext& ctx);
ApiResult stop_task(OperationContext& ctx);

// tag_operations.cpp
ApiResult tag_resource(OperationContext& ctx);
ApiResult untag_resource(OperationContext& ctx);
ApiResult list_tags_for_resource(OperationContext& ctx);

}  // namespace ecsemu::api::ecs
