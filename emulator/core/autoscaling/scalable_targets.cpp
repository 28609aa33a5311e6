#include "emulator/core/autoscaling/scalable_targets.hpp"

#include <algorithm>

#include "emulator/core/autoscaling/autoscaling_errors.hpp"
#include "emulator/core/autoscaling/policy_alarms.hpp"

namespace ecsemu::core::autoscaling {

namespace {

constexpr std::size_t kMaxTags = 50;

std::string default_role_arn(const std::string& account_id, const std::string& service_namespace) {
    if (service_namespace != kEcsNamespace) return "";
    return "arn:aws:iam::" + account_id +
           ":role/aws-service-role/ecs.application-autoscaling.amazonaws.com/"
           "AWSServiceRoleForApplicationAutoScaling_ECSService";
}

// Wording of the ECS checks follows the service's messages as far as they are known.
Result<ResourceCapacity> check_ecs_resource(AutoScalingCall& call, const RegisterTargetSpec& spec) {
    if (spec.scalable_dimension != kEcsDesiredCount) {
        return validation_error("Unsupported scalable dimension '" + spec.scalable_dimension +
                                "' for service namespace 'ecs'. Supported: ecs:service:DesiredCount");
    }
    if (!parse_ecs_service_resource_id(spec.resource_id)) {
        return validation_error("Unsupported resource ID format for ECS: " + spec.resource_id +
                                ". Expected service/<clusterName>/<serviceName>");
    }
    auto capacity = call.resources.capacity(call.account_id, call.region, spec.resource_id);
    if (!capacity) return validation_error("ECS service doesn't exist: " + spec.resource_id);
    return *capacity;
}

Status check_capacities(std::optional<int> min, std::optional<int> max) {
    if ((min && *min < 0) || (max && *max < 0)) {
        return validation_error("Minimum and maximum capacity must be greater than or equal to 0.");
    }
    if (min && max && *min > *max) {
        return validation_error("Minimum capacity cannot be greater than maximum capacity.");
    }
    return Ok{};
}

void apply_suspended(SuspendedState& state, const SuspendedStatePatch& patch) {
    if (patch.dynamic_scaling_in) state.dynamic_scaling_in = *patch.dynamic_scaling_in;
    if (patch.dynamic_scaling_out) state.dynamic_scaling_out = *patch.dynamic_scaling_out;
    if (patch.scheduled_scaling) state.scheduled_scaling = *patch.scheduled_scaling;
}

// The clamp's Cause names the bound that moved the count. The wording is the best known, not a verified
// capture.
std::string clamp_cause(int desired, int min, int max) {
    if (desired < min) return "minimum capacity was set to " + std::to_string(min);
    return "maximum capacity was set to " + std::to_string(max);
}

void record_clamp(AutoScalingCall& call, const ScalableTarget& target, int from, int to) {
    ScalingActivity activity;
    activity.id = call.ids().uuid();
    activity.service_namespace = target.service_namespace;
    activity.resource_id = target.resource_id;
    activity.scalable_dimension = target.scalable_dimension;
    activity.description = "Setting desired count to " + std::to_string(to) + ".";
    activity.cause = clamp_cause(from, target.min_capacity, target.max_capacity);
    activity.start = call.now;
    activity.end = call.now;
    activity.status = ActivityStatus::Successful;
    activity.status_message =
        "Successfully set desired count to " + std::to_string(to) + ". Change successfully fulfilled by ecs.";
    activity.target_capacity = to;
    AutoScalingState& state = call.state();
    state.activities.push_back(std::move(activity));
    while (state.activities.size() > AutoScalingState::kMaxActivities) state.activities.pop_front();
}

template <class State>
auto* find_by_arn(State& state, const std::string& arn) {
    decltype(&state.targets.begin()->second) found = nullptr;
    for (auto& [key, target] : state.targets) {
        if (target.arn == arn) found = &target;
    }
    return found;
}

}  // namespace

ScalableTarget* find_target(AutoScalingState& state, const std::string& service_namespace,
                            const std::string& resource_id, const std::string& scalable_dimension) {
    const auto it = state.targets.find(target_key(service_namespace, resource_id, scalable_dimension));
    return it == state.targets.end() ? nullptr : &it->second;
}

Result<ScalableTarget*> require_target(AutoScalingState& state, const std::string& service_namespace,
                                       const std::string& resource_id,
                                       const std::string& scalable_dimension) {
    ScalableTarget* target = find_target(state, service_namespace, resource_id, scalable_dimension);
    if (target == nullptr) return target_not_registered(service_namespace, resource_id, scalable_dimension);
    return target;
}

Result<std::string> register_scalable_target(AutoScalingCall& call, const RegisterTargetSpec& spec) {
    AutoScalingState& state = call.state();
    const std::string key = target_key(spec.service_namespace, spec.resource_id, spec.scalable_dimension);
    const auto existing = state.targets.find(key);
    const bool first = existing == state.targets.end();
    if (first && (!spec.min_capacity || !spec.max_capacity)) {
        return validation_error(
            "MinCapacity and MaxCapacity are required for registering a new scalable target.");
    }
    const int min = spec.min_capacity.value_or(first ? 0 : existing->second.min_capacity);
    const int max = spec.max_capacity.value_or(first ? 0 : existing->second.max_capacity);
    if (auto status = check_capacities(min, max); !status) return status.error();
    if (spec.tags.size() > kMaxTags) return validation_error("A scalable target can have at most 50 tags.");

    std::optional<ResourceCapacity> capacity;
    if (spec.service_namespace == kEcsNamespace) {
        auto checked = check_ecs_resource(call, spec);
        if (!checked) return checked.error();
        capacity = checked.value();
    }
    // The only change that can fail happens first, so a refused clamp leaves the target as it was.
    const int clamped = capacity ? std::clamp(capacity->desired, min, max) : 0;
    if (capacity && clamped != capacity->desired) {
        if (auto status =
                call.resources.set_desired(call.account_id, call.region, spec.resource_id, clamped, call.now);
            !status) {
            return status.error();
        }
    }

    ScalableTarget target = first ? ScalableTarget{} : existing->second;
    if (first) {
        target.service_namespace = spec.service_namespace;
        target.resource_id = spec.resource_id;
        target.scalable_dimension = spec.scalable_dimension;
        target.arn = "arn:aws:application-autoscaling:" + call.region + ":" + call.account_id +
                     ":scalable-target/0ec5" + call.ids().hex(28);
        target.created = call.now;
        target.role_arn = default_role_arn(call.account_id, spec.service_namespace);
    }
    target.min_capacity = min;
    target.max_capacity = max;
    if (spec.role_arn) target.role_arn = *spec.role_arn;
    if (spec.suspended) apply_suspended(target.suspended, *spec.suspended);
    for (const auto& [name, value] : spec.tags) target.tags[name] = value;
    if (capacity && clamped != capacity->desired) record_clamp(call, target, capacity->desired, clamped);
    std::string arn = target.arn;
    state.targets.insert_or_assign(key, std::move(target));
    return arn;
}

Status deregister_scalable_target(AutoScalingCall& call, const std::string& service_namespace,
                                  const std::string& resource_id, const std::string& scalable_dimension) {
    AutoScalingState& state = call.state();
    const std::string key = target_key(service_namespace, resource_id, scalable_dimension);
    if (state.targets.find(key) == state.targets.end()) {
        return target_not_registered(service_namespace, resource_id, scalable_dimension);
    }
    const std::string prefix = key + "|";
    for (auto it = state.policies.lower_bound(prefix);
         it != state.policies.end() && it->first.starts_with(prefix);) {
        remove_alarms(call.cloudwatch, it->second);
        it = state.policies.erase(it);
    }
    for (auto it = state.scheduled.lower_bound(prefix);
         it != state.scheduled.end() && it->first.starts_with(prefix);) {
        it = state.scheduled.erase(it);
    }
    state.memory.erase(key);
    state.targets.erase(key);
    return Ok{};
}

std::vector<const ScalableTarget*> find_scalable_targets(const AutoScalingState& state,
                                                         const TargetFilter& filter) {
    std::vector<const ScalableTarget*> out;
    for (const auto& [key, target] : state.targets) {
        if (target.service_namespace != filter.service_namespace) continue;
        if (!filter.scalable_dimension.empty() && target.scalable_dimension != filter.scalable_dimension)
            continue;
        if (!filter.resource_ids.empty() && std::find(filter.resource_ids.begin(), filter.resource_ids.end(),
                                                      target.resource_id) == filter.resource_ids.end()) {
            continue;
        }
        out.push_back(&target);
    }
    return out;
}

Status tag_target(AutoScalingState& state, const std::string& arn,
                  const std::map<std::string, std::string>& tags) {
    ScalableTarget* target = find_by_arn(state, arn);
    if (target == nullptr) return resource_not_found(arn);
    std::map<std::string, std::string> merged = target->tags;
    for (const auto& [name, value] : tags) merged[name] = value;
    if (merged.size() > kMaxTags) {
        return AwsError::client("TooManyTagsException", "A scalable target can have at most 50 tags.");
    }
    target->tags = std::move(merged);
    return Ok{};
}

Status untag_target(AutoScalingState& state, const std::string& arn, const std::vector<std::string>& keys) {
    ScalableTarget* target = find_by_arn(state, arn);
    if (target == nullptr) return resource_not_found(arn);
    for (const std::string& key : keys) target->tags.erase(key);
    return Ok{};
}

Result<std::map<std::string, std::string>> target_tags(const AutoScalingState& state,
                                                       const std::string& arn) {
    const ScalableTarget* target = find_by_arn(state, arn);
    if (target == nullptr) return resource_not_found(arn);
    return target->tags;
}

}  // namespace ecsemu::core::autoscaling
