#pragma once
// Load balancer and target group attributes: AWS's full default sets and the checks ModifyXAttributes
// applies. Unknown keys are ValidationError; values out of range or combinations AWS refuses are
// InvalidConfigurationRequest.
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/errors.hpp"
#include "emulator/core/model/elbv2.hpp"

namespace ecsemu::core::elbv2 {

using AttributeList = std::vector<std::pair<std::string, std::string>>;

Attributes default_load_balancer_attributes();
Attributes default_target_group_attributes();

// The attributes after applying `changes` to `current`, every key and value checked, or the first error.
Result<Attributes> apply_load_balancer_attributes(const Attributes& current, const AttributeList& changes);
Result<Attributes> apply_target_group_attributes(const Attributes& current, const AttributeList& changes);

}  // namespace ecsemu::core::elbv2
