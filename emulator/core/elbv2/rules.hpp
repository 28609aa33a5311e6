#pragma once
// CreateRule, DescribeRules, ModifyRule, DeleteRule and SetRulePriorities.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/elbv2/elbv2_call.hpp"
#include "emulator/core/elbv2/tagging.hpp"

namespace ecsemu::core::elbv2 {

struct CreateRuleRequest {
    std::string listener_arn;
    std::optional<int> priority;
    std::vector<RuleCondition> conditions;
    std::vector<Action> actions;
    TagList tags;
};

// Priority 1..50000 and unused on the listener (PriorityInUse); at most 100 rules per load balancer
// (TooManyRules); conditions and actions as rule_content.hpp checks them.
Result<const Rule*> create_rule(Elbv2Call& call, const CreateRuleRequest& request);

struct RulePage {
    std::vector<const Rule*> rules;
    std::string next_marker;
};
// By listener (priority order, default rule last) or by ARNs, exactly one of the two.
Result<RulePage> describe_rules(const Elbv2State& state, const std::optional<std::string>& listener_arn,
                                const std::vector<std::string>& arns,
                                const std::optional<std::string>& marker,
                                const std::optional<int>& page_size);

// Replaces conditions and/or actions. The default rule takes actions only (they become its listener's
// default actions); conditions on it are OperationNotPermitted.
Result<const Rule*> modify_rule(Elbv2State& state, const std::string& arn,
                                const std::optional<std::vector<RuleCondition>>& conditions,
                                const std::optional<std::vector<Action>>& actions);

// The default rule cannot be deleted (OperationNotPermitted).
Status delete_rule(Elbv2State& state, const std::string& arn);

// Applies every (rule, priority) pair or none; returns the rules in request order.
Result<std::vector<const Rule*>> set_rule_priorities(
    Elbv2State& state, const std::vector<std::pair<std::string, int>>& priorities);

}  // namespace ecsemu::core::elbv2
