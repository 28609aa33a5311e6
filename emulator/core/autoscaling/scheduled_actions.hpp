#pragma once
// PutScheduledAction, DescribeScheduledActions and DeleteScheduledAction. Firing them is the scaling
// controller's job (it asks next_fire_time, schedule.hpp).
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/autoscaling/autoscaling_call.hpp"

namespace ecsemu::core::autoscaling {

struct PutScheduledActionSpec {
    std::string name;
    std::string service_namespace;
    std::string resource_id;
    std::string scalable_dimension;
    std::optional<std::string> schedule;  // required when the action is new
    std::optional<std::string> timezone;
    std::optional<Instant> start_time;
    std::optional<Instant> end_time;
    std::optional<ScalableTargetAction> action;
};

// Creates the action or changes the members given. The target must be registered.
Status put_scheduled_action(AutoScalingCall& call, const PutScheduledActionSpec& spec);

Status delete_scheduled_action(AutoScalingCall& call, const std::string& name,
                               const std::string& service_namespace, const std::string& resource_id,
                               const std::string& scalable_dimension);

struct ScheduledActionFilter {
    std::string service_namespace;
    std::vector<std::string> names;  // empty: all
    std::string resource_id;         // empty: all
    std::string scalable_dimension;  // empty: all
};

std::vector<const ScheduledAction*> find_scheduled_actions(const AutoScalingState& state,
                                                           const ScheduledActionFilter& filter);

}  // namespace ecsemu::core::autoscaling
