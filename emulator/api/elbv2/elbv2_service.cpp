#include "emulator/api/elbv2/elbv2_service.hpp"

#include "emulator/api/operation_table.hpp"

#include "emulator/api/elbv2/elbv2_operations.hpp"
#include "emulator/api/model/input_validator.hpp"

namespace ecsemu::api::elbv2 {

namespace {

const OperationTable<OperationContext>& operations() {
    static const OperationTable<OperationContext> table = {
        {"CreateLoadBalancer", {create_load_balancer, true}},
        {"DescribeLoadBalancers", {describe_load_balancers, false}},
        {"DeleteLoadBalancer", {delete_load_balancer, true}},
        {"DescribeLoadBalancerAttributes", {describe_load_balancer_attributes, false}},
        {"ModifyLoadBalancerAttributes", {modify_load_balancer_attributes, true}},
        {"CreateTargetGroup", {create_target_group, true}},
        {"DescribeTargetGroups", {describe_target_groups, false}},
        {"ModifyTargetGroup", {modify_target_group, true}},
        {"DeleteTargetGroup", {delete_target_group, true}},
        {"DescribeTargetGroupAttributes", {describe_target_group_attributes, false}},
        {"ModifyTargetGroupAttributes", {modify_target_group_attributes, true}},
        {"RegisterTargets", {register_targets, true}},
        {"DeregisterTargets", {deregister_targets, true}},
        {"DescribeTargetHealth", {describe_target_health, false}},
        {"CreateListener", {create_listener, true}},
        {"DescribeListeners", {describe_listeners, false}},
        {"ModifyListener", {modify_listener, true}},
        {"DeleteListener", {delete_listener, true}},
        {"CreateRule", {create_rule, true}},
        {"DescribeRules", {describe_rules, false}},
        {"ModifyRule", {modify_rule, true}},
        {"DeleteRule", {delete_rule, true}},
        {"SetRulePriorities", {set_rule_priorities, true}},
        {"AddTags", {add_tags, true}},
        {"RemoveTags", {remove_tags, true}},
        {"DescribeTags", {describe_tags, false}},
    };
    return table;
}

}  // namespace

Elbv2Service::Elbv2Service(const core::Ec2Directory& ec2)
    : owned_world_(std::make_unique<core::elbv2::Elbv2World>()), world_(*owned_world_), ec2_(ec2) {}

Elbv2Service::Elbv2Service(core::elbv2::Elbv2World& world, const core::Ec2Directory& ec2)
    : world_(world), ec2_(ec2) {}

bool Elbv2Service::mutates(std::string_view operation) const {
    return operations().mutates(operation);
}

ApiResult Elbv2Service::call(const ApiCall& call) {
    const auto* entry = operations().find(call.operation);
    if (entry == nullptr) {
        return core::AwsError::client("InvalidAction",
                                      "The action " + call.operation + " is not valid for this web service.");
    }
    if (auto invalid = elbv2_input_validator().validate(call.operation, call.params)) return *invalid;
    core::elbv2::Elbv2Region& region = world_.region(call.account_id, call.region);
    core::elbv2::Elbv2Call core_call{world_, region, ec2_, call.account_id, call.region, call.now};
    OperationContext ctx{core_call, call};
    return run_operation(entry->handler, ctx, region.ids);
}

}  // namespace ecsemu::api::elbv2
