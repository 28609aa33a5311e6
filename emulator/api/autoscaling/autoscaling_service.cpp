#include "emulator/api/autoscaling/autoscaling_service.hpp"

#include "emulator/api/autoscaling/autoscaling_operations.hpp"
#include "emulator/api/model/input_validator.hpp"
#include "emulator/api/operation_table.hpp"

namespace ecsemu::api::autoscaling {

namespace {

const OperationTable<OperationContext>& operations() {
    static const OperationTable<OperationContext> table = {
        {"RegisterScalableTarget", {register_scalable_target, true}},
        {"DeregisterScalableTarget", {deregister_scalable_target, true}},
        {"DescribeScalableTargets", {describe_scalable_targets, false}},
        {"PutScalingPolicy", {put_scaling_policy, true}},
        {"DescribeScalingPolicies", {describe_scaling_policies, false}},
        {"DeleteScalingPolicy", {delete_scaling_policy, true}},
        {"PutScheduledAction", {put_scheduled_action, true}},
        {"DescribeScheduledActions", {describe_scheduled_actions, false}},
        {"DeleteScheduledAction", {delete_scheduled_action, true}},
        {"DescribeScalingActivities", {describe_scaling_activities, false}},
        {"TagResource", {tag_resource, true}},
        {"UntagResource", {untag_resource, true}},
        {"ListTagsForResource", {list_tags_for_resource, false}},
    };
    return table;
}

}  // namespace

AutoScalingService::AutoScalingService(core::autoscaling::AutoScalingWorld& world,
                                       core::cloudwatch::CloudWatchWorld& cloudwatch,
                                       core::autoscaling::ScalableResources& resources,
                                       const core::elbv2::Elbv2World& elbv2)
    : world_(world), cloudwatch_(cloudwatch), resources_(resources), elbv2_(elbv2) {}

bool AutoScalingService::mutates(std::string_view operation) const {
    return operations().mutates(operation);
}

ApiResult AutoScalingService::call(const ApiCall& call) {
    const auto* entry = operations().find(call.operation);
    if (entry == nullptr) {
        return core::AwsError::client(
            "UnknownOperationException",
            "ecsemu does not implement the Application Auto Scaling operation " + call.operation + ".");
    }
    if (auto invalid = application_autoscaling_input_validator().validate(call.operation, call.params))
        return *invalid;
    core::autoscaling::AutoScalingRegion& region = world_.region(call.account_id, call.region);
    const core::elbv2::Elbv2Region* elbv2 = elbv2_.find_region(call.account_id, call.region);
    core::autoscaling::AutoScalingCall core_call{
        region,          cloudwatch_.region(call.account_id, call.region),
        resources_,      elbv2 == nullptr ? nullptr : &elbv2->state,
        call.account_id, call.region,
        call.now};
    OperationContext ctx{core_call, call};
    return run_operation(entry->handler, ctx, region.ids);
}

}  // namespace ecsemu::api::autoscaling
