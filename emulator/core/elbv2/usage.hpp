#pragma once
// Read-only questions about how objects refer to each other: which target groups a rule forwards to, and
// which load balancers route to a target group. Default rules mirror their listener's default actions, so
// looking at rules alone covers listeners too.
#include <map>
#include <string>
#include <vector>

#include "emulator/core/elbv2/elbv2_state.hpp"

namespace ecsemu::core::elbv2 {

// The target group ARNs an action list forwards to, each once, in order of appearance.
std::vector<std::string> forwarded_target_groups(const std::vector<Action>& actions);

// True when a listener's default actions or a rule forwards to the group.
bool target_group_in_use(const Elbv2State& state, const std::string& tg_arn);

// ARNs of the load balancers whose listeners or rules forward to the group, in ARN order.
std::vector<std::string> load_balancers_of_target_group(const Elbv2State& state, const std::string& tg_arn);

// The same for every group at once, with one walk of the rules: groups nothing forwards to are absent.
std::map<std::string, std::vector<std::string>> load_balancers_by_target_group(const Elbv2State& state);

// ARNs of the target groups a load balancer's listeners and rules forward to, in ARN order.
std::vector<std::string> target_groups_of_load_balancer(const Elbv2State& state, const std::string& lb_arn);

// Rules of one listener: the non-default ones by ascending priority, then the default rule.
std::vector<const Rule*> rules_of_listener(const Elbv2State& state, const std::string& listener_arn);

// Non-default rules across every listener of a load balancer (the 100-rule limit counts these).
int rule_count_of_load_balancer(const Elbv2State& state, const std::string& lb_arn);

}  // namespace ecsemu::core::elbv2
