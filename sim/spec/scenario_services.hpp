#pragma once
// The simulation section names services by the label of their ecs:CreateService resource; this checks such a
// name against the scenario and says which labels would have been accepted.
#include <string>

#include "emulator/api/scenario/scenario.hpp"
#include "sim/spec/json_fields.hpp"

namespace ecsemu::sim {

// Nothing when `label` names an ecs:CreateService resource, else "<path>: <why>, listing the services".
FieldError check_service_label(const api::scenario::Scenario& scenario, const std::string& label,
                               const std::string& path);

}  // namespace ecsemu::sim
