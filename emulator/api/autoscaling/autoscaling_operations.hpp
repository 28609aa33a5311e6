#pragma once
// One handler per Application Auto Scaling operation: read the JSON request, run the core operation, encode
// the response.
#include "emulator/api/service.hpp"
#include "emulator/core/autoscaling/autoscaling_call.hpp"

namespace ecsemu::api::autoscaling {

struct OperationContext {
    core::autoscaling::AutoScalingCall& core;
    const ApiCall& call;
};

// target_operations.cpp
ApiResult register_scalable_target(OperationContext& ctx);
ApiResult deregister_scalable_target(OperationContext& ctx);
ApiResult describe_scalable_targets(OperationContext& ctx);

// policy_operations.cpp
ApiResult put_scaling_policy(OperationContext& ctx);
ApiResult describe_scaling_policies(OperationContext& ctx);
ApiResult delete_scaling_policy(OperationContext& ctx);

// scheduled_action_operations.cpp
ApiResult put_scheduled_action(OperationContext& ctx);
ApiResult describe_scheduled_actions(OperationContext& ctx);
ApiResult delete_scheduled_action(OperationContext& ctx);

// activity_tag_operations.cpp
ApiResult describe_scaling_activities(OperationContext& ctx);
ApiResult tag_resource(OperationContext& ctx);
ApiResult untag_resource(OperationContext& ctx);
ApiResult list_tags_for_resource(OperationContext& ctx);

}  // namespace ecsemu::api::autoscaling
