#pragma once
// RegisterScalableTarget, DeregisterScalableTarget, DescribeScalableTargets and the tagging of scalable
// targets. Only ECS services (namespace ecs, dimension ecs:service:DesiredCount, resource
// service/<cluster>/<service>) are checked against the resource and scaled; other namespaces are stored as
// given.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/autoscaling/autoscaling_call.hpp"

namespace ecsemu::core::autoscaling {

inline constexpr const char* kEcsNamespace = "ecs";
inline constexpr const char* kEcsDesiredCount = "ecs:service:DesiredCount";

struct SuspendedStatePatch {
    std::optional<bool> dynamic_scaling_in;
    std::optional<bool> dynamic_scaling_out;
    std::optional<bool> scheduled_scaling;
};

struct RegisterTargetSpec {
    std::string service_namespace;
    std::string resource_id;
    std::string scalable_dimension;
    std::optional<int> min_capacity;
    std::optional<int> max_capacity;
    std::optional<std::string> role_arn;
    std::optional<SuspendedStatePatch> suspended;
    std::map<std::string, std::string> tags;
};

// The first registration needs MinCapacity and MaxCapacity; a later one changes only what it gives. The
// resource's desired count is clamped into [min, max] (a Successful scaling activity records it). Returns the
// ScalableTargetARN.
Result<std::string> register_scalable_target(AutoScalingCall& call, const RegisterTargetSpec& spec);

// Deletes the target with its scaling policies (and their alarms) and scheduled actions; its activities stay.
Status deregister_scalable_target(AutoScalingCall& call, const std::string& service_namespace,
                                  const std::string& resource_id, const std::string& scalable_dimension);

struct TargetFilter {
    std::string service_namespace;
    std::vector<std::string> resource_ids;  // empty: all
    std::string scalable_dimension;         // empty: all
};

// Matching targets in key order.
std::vector<const ScalableTarget*> find_scalable_targets(const AutoScalingState& state,
                                                         const TargetFilter& filter);

ScalableTarget* find_target(AutoScalingState& state, const std::string& service_namespace,
                            const std::string& resource_id, const std::string& scalable_dimension);
// ObjectNotFoundException when the target is not registered.
Result<ScalableTarget*> require_target(AutoScalingState& state, const std::string& service_namespace,
                                       const std::string& resource_id, const std::string& scalable_dimension);

// TagResource/UntagResource/ListTagsForResource on a scalable target ARN (ResourceNotFoundException when
// no target has it; at most 50 tags).
Status tag_target(AutoScalingState& state, const std::string& arn,
                  const std::map<std::string, std::string>& tags);
Status untag_target(AutoScalingState& state, const std::string& arn, const std::vector<std::string>& keys);
Result<std::map<std::string, std::string>> target_tags(const AutoScalingState& state, const std::string& arn);

}  // namespace ecsemu::core::autoscaling
