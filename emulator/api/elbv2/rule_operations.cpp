// CreateRule, DescribeRules, ModifyRule, DeleteRule, SetRulePriorities.
#include "emulator/api/elbv2/elbv2_decode.hpp"
#include "emulator/api/elbv2/elbv2_encode.hpp"
#include "emulator/api/elbv2/elbv2_operations.hpp"
#include "emulator/api/elbv2/query_params.hpp"
#include "emulator/core/elbv2/rules.hpp"

namespace ecsemu::api::elbv2 {

using nlohmann::json;
namespace model = core::elbv2;

namespace {

json rules_result(const std::vector<const model::Rule*>& rules) {
    json out = json::array();
    for (const auto* rule : rules) out.push_back(encode_rule(*rule));
    return json{{"Rules", std::move(out)}};
}

}  // namespace

ApiResult create_rule(OperationContext& ctx) {
    const json& params = ctx.call.params;
    if (has_member(params, "Transforms")) {
        return core::AwsError::client("ValidationError", "Rule transforms are not supported by ecsemu");
    }
    model::CreateRuleRequest request;
    request.listener_arn = string_or_empty(params, "ListenerArn");
    request.priority = optional_int(params, "Priority");
    auto conditions = decode_conditions(params, "Conditions");
    if (!conditions) return conditions.error();
    request.conditions = std::move(conditions).value();
    auto actions = decode_actions(params, "Actions");
    if (!actions) return actions.error();
    request.actions = std::move(actions).value();
    request.tags = decode_tags(params, "Tags");
    auto created = model::create_rule(ctx.core, request);
    if (!created) return created.error();
    return rules_result({created.value()});
}

ApiResult describe_rules(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto page = model::describe_rules(ctx.core.state(), optional_string(params, "ListenerArn"),
                                      string_list(params, "RuleArns"), optional_string(params, "Marker"),
                                      optional_int(params, "PageSize"));
    if (!page) return page.error();
    json out = rules_result(page->rules);
    if (!page->next_marker.empty()) out["NextMarker"] = page->next_marker;
    return out;
}

ApiResult modify_rule(OperationContext& ctx) {
    const json& params = ctx.call.params;
    if (has_member(params, "Transforms")) {
        return core::AwsError::client("ValidationError", "Rule transforms are not supported by ecsemu");
    }
    std::optional<std::vector<model::RuleCondition>> conditions;
    if (has_member(params, "Conditions")) {
        auto decoded = decode_conditions(params, "Conditions");
        if (!decoded) return decoded.error();
        conditions = std::move(decoded).value();
    }
    std::optional<std::vector<model::Action>> actions;
    if (has_member(params, "Actions")) {
        auto decoded = decode_actions(params, "Actions");
        if (!decoded) return decoded.error();
        actions = std::move(decoded).value();
    }
    auto modified =
        model::modify_rule(ctx.core.state(), string_or_empty(params, "RuleArn"), conditions, actions);
    if (!modified) return modified.error();
    return rules_result({modified.value()});
}

ApiResult delete_rule(OperationContext& ctx) {
    if (auto deleted = model::delete_rule(ctx.core.state(), string_or_empty(ctx.call.params, "RuleArn"));
        !deleted)
        return deleted.error();
    return json::object();
}

ApiResult set_rule_priorities(OperationContext& ctx) {
    std::vector<std::pair<std::string, int>> priorities;
    for (const json* pair : list_elements(ctx.call.params, "RulePriorities")) {
        const auto priority = optional_int(*pair, "Priority");
        if (!priority)
            return core::AwsError::client("ValidationError", "A priority must be specified for each rule");
        priorities.emplace_back(string_or_empty(*pair, "RuleArn"), *priority);
    }
    auto updated = model::set_rule_priorities(ctx.core.state(), priorities);
    if (!updated) return updated.error();
    return rules_result(updated.value());
}

}  // namespace ecsemu::api::elbv2
