#pragma once
// Checks of the actions and conditions listeners and rules carry (ALB user guide limits, API constraints).
#include <vector>

#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/errors.hpp"

namespace ecsemu::core::elbv2 {

// Exactly one terminal action (forward, redirect or fixed-response); forward target groups must exist
// (TargetGroupNotFound), be in the load balancer's VPC and serve no other load balancer. On success the
// actions come back normalised: a lone TargetGroupArn is mirrored into forward_groups with weight 1, as AWS
// shows it in ForwardConfig.
Result<std::vector<Action>> checked_actions(const Elbv2State& state, const LoadBalancer& load_balancer,
                                            std::vector<Action> actions);

// At least one condition; at most one each of host-header, path-pattern, http-request-method and source-ip;
// 5 condition values and 5 wildcards per rule; each value well formed for its field.
Status check_conditions(const std::vector<RuleCondition>& conditions);

}  // namespace ecsemu::core::elbv2
