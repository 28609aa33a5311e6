#include "emulator/core/elbv2/rule_content.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "emulator/core/ec2/cidr.hpp"
#include "emulator/core/elbv2/elbv2_errors.hpp"
#include "emulator/core/elbv2/usage.hpp"

namespace ecsemu::core::elbv2 {

namespace {

constexpr int kMaxTargetGroupsPerAction = 5;
constexpr int kMaxWeight = 999;
constexpr int kMaxStickinessSeconds = 604800;
constexpr std::size_t kMaxConditionValues = 5;
constexpr int kMaxWildcards = 5;

bool is_terminal(const std::string& type) {
    return type == "forward" || type == "redirect" || type == "fixed-response";
}

Status check_target_group(const Elbv2State& state, const LoadBalancer& load_balancer,
                          const std::string& tg_arn) {
    const auto found = state.target_groups.find(tg_arn);
    if (found == state.target_groups.end()) return target_group_not_found();
    if (found->second.vpc_id != load_balancer.vpc_id) {
        return invalid_configuration("Target group '" + tg_arn +
                                     "' is not in the same VPC as load balancer '" + load_balancer.arn + "'");
    }
    for (const auto& other : load_balancers_of_target_group(state, tg_arn)) {
        if (other != load_balancer.arn) {
            return AwsError::client(
                "TargetGroupAssociationLimit",
                "The following target groups cannot be associated with more than one load "
                "balancer: '" +
                    tg_arn + "'");
        }
    }
    return Ok{};
}

Status check_forward(const Elbv2State& state, const LoadBalancer& load_balancer, Action& action) {
    if (action.fixed_response || action.redirect)
        return validation_error("A forward action can only carry TargetGroupArn or ForwardConfig");
    if (!action.has_forward_config) {
        if (action.target_group_arn.empty())
            return validation_error("A target group ARN must be specified for a forward action");
        action.forward_groups = {WeightedTargetGroup{action.target_group_arn, 1}};
    } else {
        if (action.forward_groups.empty())
            return validation_error("A forward action's ForwardConfig must list at least one target group");
        if (action.forward_groups.size() > static_cast<std::size_t>(kMaxTargetGroupsPerAction))
            return validation_error("A forward action can have at most 5 target groups");
        std::set<std::string> seen;
        for (const auto& group : action.forward_groups) {
            if (group.target_group_arn.empty())
                return validation_error(
                    "A target group ARN must be specified for each ForwardConfig target group");
            if (group.weight < 0 || group.weight > kMaxWeight)
                return validation_error("Target group weight '" + std::to_string(group.weight) +
                                        "' must be between 0 and 999");
            if (!seen.insert(group.target_group_arn).second)
                return validation_error("Target group '" + group.target_group_arn +
                                        "' is specified more than once in a forward action");
        }
        if (!action.target_group_arn.empty() &&
            (action.forward_groups.size() != 1 ||
             action.forward_groups[0].target_group_arn != action.target_group_arn)) {
            return validation_error(
                "You cannot specify a target group ARN and a ForwardConfig with different target "
                "groups");
        }
        if (action.stickiness_enabled && (action.stickiness_duration_seconds < 1 ||
                                          action.stickiness_duration_seconds > kMaxStickinessSeconds)) {
            return validation_error("Target group stickiness duration must be between 1 and 604800 seconds");
        }
    }
    for (const auto& group : action.forward_groups)
        if (auto valid = check_target_group(state, load_balancer, group.target_group_arn); !valid)
            return valid;
    return Ok{};
}

Status check_fixed_response(const Action& action) {
    if (!action.fixed_response)
        return validation_error("A fixed-response action requires a FixedResponseConfig");
    const auto& response = *action.fixed_response;
    const auto& code = response.status_code;
    const bool code_ok = code.size() == 3 && (code[0] == '2' || code[0] == '4' || code[0] == '5') &&
                         std::isdigit(static_cast<unsigned char>(code[1])) &&
                         std::isdigit(static_cast<unsigned char>(code[2]));
    if (!code_ok) {
        return validation_error(
            "1 validation error detected: Value '" + code +
            "' at 'actions.1.member.fixedResponseConfig.statusCode' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: ^(2|4|5)\\d\\d$");
    }
    static const std::set<std::string> kContentTypes = {"text/plain", "text/css", "text/html",
                                                        "application/javascript", "application/json"};
    if (!response.content_type.empty() && kContentTypes.count(response.content_type) == 0)
        return validation_error("Content type '" + response.content_type + "' is not valid");
    if (response.message_body && response.message_body->size() > 1024)
        return validation_error("The fixed response message body cannot be longer than 1024 characters");
    return Ok{};
}

Status check_redirect(const Action& action) {
    if (!action.redirect) return validation_error("A redirect action requires a RedirectConfig");
    const auto& redirect = *action.redirect;
    if (redirect.status_code != "HTTP_301" && redirect.status_code != "HTTP_302")
        return validation_error("Redirect status code '" + redirect.status_code +
                                "' must be HTTP_301 or HTTP_302");
    if (redirect.protocol != "#{protocol}" && redirect.protocol != "HTTP" && redirect.protocol != "HTTPS")
        return validation_error("Redirect protocol '" + redirect.protocol +
                                "' must be HTTP, HTTPS or #{protocol}");
    if (redirect.path.empty() || redirect.path.front() != '/')
        return validation_error("Redirect path '" + redirect.path + "' must start with '/'");
    const Redirect unchanged;
    if (redirect.protocol == unchanged.protocol && redirect.port == unchanged.port &&
        redirect.host == unchanged.host && redirect.path == unchanged.path &&
        redirect.query == unchanged.query) {
        return invalid_action(
            "The redirect must change at least one of protocol, port, host, path or query, "
            "otherwise it would loop");
    }
    return Ok{};
}

std::size_t value_count(const RuleCondition& condition) {
    return condition.field == "query-string" ? condition.query_values.size() : condition.values.size();
}

int wildcard_count(const std::string& text) {
    return static_cast<int>(
        std::count_if(text.begin(), text.end(), [](char c) { return c == '*' || c == '?'; }));
}

Status check_condition_values(const RuleCondition& condition) {
    const auto& field = condition.field;
    for (const auto& value : condition.values) {
        if (value.empty()) return validation_error("Condition values cannot be empty");
        if ((field == "path-pattern" || field == "host-header" || field == "http-header") &&
            value.size() > 128)
            return validation_error("Condition value '" + value + "' cannot be longer than 128 characters");
        if (field == "path-pattern" && value.front() != '/' && value.front() != '*')
            return validation_error("Path pattern '" + value + "' must start with '/'");
        if (field == "http-request-method") {
            const bool ok = value.size() <= 40 && std::all_of(value.begin(), value.end(), [](char c) {
                                return (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
                            });
            if (!ok) return validation_error("HTTP request method '" + value + "' is not valid");
        }
        if (field == "source-ip" && !ec2::Ipv4Cidr::parse(value))
            return validation_error("Source IP '" + value + "' is not a valid CIDR block");
    }
    if (field == "http-header") {
        const auto& name = condition.http_header_name;
        if (name.empty() || name.size() > 40)
            return validation_error("An HTTP header name of 1 to 40 characters must be specified");
    }
    return Ok{};
}

}  // namespace

Result<std::vector<Action>> checked_actions(const Elbv2State& state, const LoadBalancer& load_balancer,
                                            std::vector<Action> actions) {
    if (actions.empty()) return validation_error("At least one action must be specified");
    int terminal = 0;
    std::set<int> orders;
    for (auto& action : actions) {
        if (action.order) {
            if (*action.order < 1 || *action.order > 50000)
                return validation_error("Action order '" + std::to_string(*action.order) +
                                        "' must be between 1 and 50000");
            if (!orders.insert(*action.order).second)
                return validation_error("Action order '" + std::to_string(*action.order) +
                                        "' is used more than once");
        }
        if (action.type == "authenticate-oidc" || action.type == "authenticate-cognito" ||
            action.type == "jwt-validation") {
            return invalid_action("Action type '" + action.type + "' is only supported on HTTPS listeners");
        }
        if (!is_terminal(action.type))
            return validation_error("Action type '" + action.type + "' is not valid");
        ++terminal;
        if (action.type == "forward") {
            if (auto valid = check_forward(state, load_balancer, action); !valid) return valid.error();
        } else if (action.type == "fixed-response") {
            if (action.redirect || !action.target_group_arn.empty() || action.has_forward_config)
                return validation_error("A fixed-response action can only carry a FixedResponseConfig");
            if (auto valid = check_fixed_response(action); !valid) return valid.error();
        } else {
            if (action.fixed_response || !action.target_group_arn.empty() || action.has_forward_config)
                return validation_error("A redirect action can only carry a RedirectConfig");
            if (auto valid = check_redirect(action); !valid) return valid.error();
        }
    }
    if (terminal != 1)
        return invalid_action(
            "Exactly one terminal action (forward, redirect or fixed-response) "
            "must be specified");
    return actions;
}

Status check_conditions(const std::vector<RuleCondition>& conditions) {
    if (conditions.empty()) return validation_error("A rule must have at least one condition");
    static const std::set<std::string> kFields = {"host-header",         "path-pattern", "http-header",
                                                  "http-request-method", "query-string", "source-ip"};
    static const std::set<std::string> kSingle = {"host-header", "path-pattern", "http-request-method",
                                                  "source-ip"};
    std::set<std::string> seen;
    std::size_t values = 0;
    int wildcards = 0;
    for (const auto& condition : conditions) {
        if (kFields.count(condition.field) == 0)
            return validation_error("Condition field '" + condition.field + "' is not valid");
        if (kSingle.count(condition.field) != 0 && !seen.insert(condition.field).second)
            return validation_error("A rule can only have one '" + condition.field + "' condition");
        if (value_count(condition) == 0)
            return validation_error("A '" + condition.field + "' condition must have at least one value");
        if (auto valid = check_condition_values(condition); !valid) return valid;
        values += value_count(condition);
        if (condition.field != "source-ip" && condition.field != "http-request-method") {
            for (const auto& value : condition.values) wildcards += wildcard_count(value);
            for (const auto& [key, value] : condition.query_values)
                wildcards += wildcard_count(key) + wildcard_count(value);
        }
    }
    if (values > kMaxConditionValues) return validation_error("A rule can only have '5' condition values");
    if (wildcards > kMaxWildcards) return validation_error("A rule can only have '5' wildcards");
    return Ok{};
}

}  // namespace ecsemu::core::elbv2
