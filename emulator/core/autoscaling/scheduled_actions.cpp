#include "emulator/core/autoscaling/scheduled_actions.hpp"

#include <algorithm>

#include "emulator/core/autoscaling/autoscaling_errors.hpp"
#include "emulator/core/autoscaling/scalable_targets.hpp"
#include "emulator/core/autoscaling/schedule.hpp"

namespace ecsemu::core::autoscaling {

namespace {

std::string action_key(const std::string& service_namespace, const std::string& resource_id,
                       const std::string& scalable_dimension, const std::string& name) {
    return target_key(service_namespace, resource_id, scalable_dimension) + "|" + name;
}

Status check_action(const ScheduledAction& action) {
    if (auto schedule = parse_schedule(action.schedule); !schedule) return schedule.error();
    if (auto zone = parse_timezone(action.timezone); !zone) return zone.error();
    if (action.start_time && action.end_time && *action.end_time < *action.start_time) {
        return validation_error("EndTime must be after StartTime.");
    }
    const auto& min = action.action.min_capacity;
    const auto& max = action.action.max_capacity;
    if ((min && *min < 0) || (max && *max < 0)) {
        return validation_error("Minimum and maximum capacity must be greater than or equal to 0.");
    }
    if (min && max && *min > *max) {
        return validation_error("Minimum capacity cannot be greater than maximum capacity.");
    }
    return Ok{};
}

}  // namespace

Status put_scheduled_action(AutoScalingCall& call, const PutScheduledActionSpec& spec) {
    AutoScalingState& state = call.state();
    auto target = require_target(state, spec.service_namespace, spec.resource_id, spec.scalable_dimension);
    if (!target) return target.error();
    const std::string key =
        action_key(spec.service_namespace, spec.resource_id, spec.scalable_dimension, spec.name);
    const auto existing = state.scheduled.find(key);
    const bool first = existing == state.scheduled.end();
    if (first && !spec.schedule) return validation_error("Schedule is required for a new scheduled action.");

    ScheduledAction action = first ? ScheduledAction{} : existing->second;
    if (first) {
        action.name = spec.name;
        action.service_namespace = spec.service_namespace;
        action.resource_id = spec.resource_id;
        action.scalable_dimension = spec.scalable_dimension;
        action.created = call.now;
    }
    if (spec.schedule) action.schedule = *spec.schedule;
    if (spec.timezone) action.timezone = *spec.timezone;
    if (spec.start_time) action.start_time = spec.start_time;
    if (spec.end_time) action.end_time = spec.end_time;
    if (spec.action) {
        if (spec.action->min_capacity) action.action.min_capacity = spec.action->min_capacity;
        if (spec.action->max_capacity) action.action.max_capacity = spec.action->max_capacity;
    }
    if (auto status = check_action(action); !status) return status.error();
    if (first) {
        action.arn = "arn:aws:autoscaling:" + call.region + ":" + call.account_id +
                     ":scheduledAction:" + call.ids().uuid() + ":resource/" + spec.service_namespace + "/" +
                     spec.resource_id + ":scheduledActionName/" + spec.name;
    }
    // A changed schedule starts afresh: the last firing belonged to the old one.
    if (spec.schedule || spec.timezone || spec.start_time) action.last_fired.reset();
    state.scheduled.insert_or_assign(key, std::move(action));
    return Ok{};
}

Status delete_scheduled_action(AutoScalingCall& call, const std::string& name,
                               const std::string& service_namespace, const std::string& resource_id,
                               const std::string& scalable_dimension) {
    AutoScalingState& state = call.state();
    const auto it =
        state.scheduled.find(action_key(service_namespace, resource_id, scalable_dimension, name));
    if (it == state.scheduled.end()) {
        return object_not_found("No scheduled action found for service namespace: " + service_namespace +
                                ", resource ID: " + resource_id + ", scalable dimension: " +
                                scalable_dimension + ", scheduled action name: " + name);
    }
    state.scheduled.erase(it);
    return Ok{};
}

std::vector<const ScheduledAction*> find_scheduled_actions(const AutoScalingState& state,
                                                           const ScheduledActionFilter& filter) {
    std::vector<const ScheduledAction*> out;
    for (const auto& [key, action] : state.scheduled) {
        if (action.service_namespace != filter.service_namespace) continue;
        if (!filter.resource_id.empty() && action.resource_id != filter.resource_id) continue;
        if (!filter.scalable_dimension.empty() && action.scalable_dimension != filter.scalable_dimension)
            continue;
        if (!filter.names.empty() &&
            std::find(filter.names.begin(), filter.names.end(), action.name) == filter.names.end()) {
            continue;
        }
        out.push_back(&action);
    }
    return out;
}

}  // namespace ecsemu::core::autoscaling
