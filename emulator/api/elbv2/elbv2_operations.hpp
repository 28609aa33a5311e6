#pragma once
// One handler per ELBv2 operation: decode the Query params tree, run the core operation, encode the result
// tree the XML writer serialises.
#include "emulator/api/service.hpp"
#include "emulator/core/elbv2/elbv2_call.hpp"

namespace ecsemu::api::elbv2 {

struct OperationContext {
    core::elbv2::Elbv2Call& core;
    const ApiCall& call;
};

// load_balancer_operations.cpp
ApiResult create_load_balancer(OperationContext& ctx);
ApiResult describe_load_balancers(OperationContext& ctx);
ApiResult delete_load_balancer(OperationContext& ctx);
ApiResult describe_load_balancer_attributes(OperationContext& ctx);
ApiResult modify_load_balancer_attributes(OperationContext& ctx);

// target_group_operations.cpp
ApiResult create_target_group(OperationContext& ctx);
ApiResult describe_target_groups(OperationContext& ctx);
ApiResult modify_target_group(OperationContext& ctx);
ApiResult delete_target_group(OperationContext& ctx);
ApiResult describe_target_group_attributes(OperationContext& ctx);
ApiResult modify_target_group_attributes(OperationContext& ctx);

// target_operations.cpp
ApiResult register_targets(OperationContext& ctx);
ApiResult deregister_targets(OperationContext& ctx);
ApiResult describe_target_health(OperationContext& ctx);

// listener_operations.cpp
ApiResult create_listener(OperationContext& ctx);
ApiResult describe_listeners(OperationContext& ctx);
ApiResult modify_listener(OperationContext& ctx);
ApiResult delete_listener(OperationContext& ctx);

// rule_operations.cpp
ApiResult create_rule(OperationContext& ctx);
ApiResult describe_rules(OperationContext& ctx);
ApiResult modify_rule(OperationContext& ctx);
ApiResult delete_rule(OperationContext& ctx);
ApiResult set_rule_priorities(OperationContext& ctx);

// tag_operations.cpp
ApiResult add_tags(OperationContext& ctx);
ApiResult remove_tags(OperationContext& ctx);
ApiResult describe_tags(OperationContext& ctx);

}  // namespace ecsemu::api::elbv2
