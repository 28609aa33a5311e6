// ELBv2 resources: load balancers and target groups found by name, listeners by load balancer and port,
// rules by listener and priority. What ModifyTargetGroup, ModifyListener and ModifyRule can change is brought
// in line; target group attributes are set only when they differ.
#include <array>

#include "emulator/api/scenario/json_match.hpp"
#include "emulator/api/scenario/resource_kinds.hpp"

namespace ecsemu::api::scenario {
namespace {

using nlohmann::json;

KindResult result(Outcome outcome, const json& record, std::string_view id_field) {
    return KindResult{outcome, text_of(record, id_field), record, {}};
}

// The first item of `list_name` in a successful answer; null when the call said "not found".
core::Result<json> describe_first(KindContext& context, std::string_view operation, const json& request,
                                  std::string_view list_name, std::string_view not_found_code) {
    auto described = call_api(context, "elbv2", operation, request);
    if (!described) {
        if (is_error_code(described.error(), not_found_code)) return json();
        return described.error();
    }
    const json items = list_of(described.value(), list_name);
    return items.empty() ? json() : items[0];
}

core::Result<KindResult> create_load_balancer(KindContext& context, const json& request) {
    auto existing = describe_first(context, "DescribeLoadBalancers",
                                   json{{"Names", json::array({text_of(request, "Name")})}}, "LoadBalancers",
                                   "LoadBalancerNotFound");
    if (!existing) return existing.error();
    if (!existing.value().is_null()) return result(Outcome::Unchanged, existing.value(), "LoadBalancerArn");
    auto created = call_api(context, "elbv2", "CreateLoadBalancer", request);
    if (!created) return created.error();
    return result(Outcome::Created, value_at(created.value(), "LoadBalancers.0"), "LoadBalancerArn");
}

constexpr std::array kModifiableTargetGroupFields = {
    "HealthCheckProtocol",
    "HealthCheckPort",
    "HealthCheckPath",
    "HealthCheckEnabled",
    "HealthCheckIntervalSeconds",
    "HealthCheckTimeoutSeconds",
    "HealthyThresholdCount",
    "UnhealthyThresholdCount",
    "Matcher",
};

core::Result<KindResult> create_target_group(KindContext& context, const json& request) {
    auto existing = describe_first(context, "DescribeTargetGroups",
                                   json{{"Names", json::array({text_of(request, "Name")})}}, "TargetGroups",
                                   "TargetGroupNotFound");
    if (!existing) return existing.error();
    if (existing.value().is_null()) {
        auto created = call_api(context, "elbv2", "CreateTargetGroup", request);
        if (!created) return created.error();
        return result(Outcome::Created, value_at(created.value(), "TargetGroups.0"), "TargetGroupArn");
    }
    const json& group = existing.value();
    json changes = json::object();
    for (const char* field : kModifiableTargetGroupFields) {
        const json* wanted = member(request, field);
        if (wanted == nullptr || wanted->is_null()) continue;
        if (!satisfies(value_at(group, field), *wanted)) changes[field] = *wanted;
    }
    if (changes.empty()) return result(Outcome::Unchanged, group, "TargetGroupArn");
    changes["TargetGroupArn"] = text_of(group, "TargetGroupArn");
    auto modified = call_api(context, "elbv2", "ModifyTargetGroup", changes);
    if (!modified) return modified.error();
    auto out = result(Outcome::Updated, value_at(modified.value(), "TargetGroups.0"), "TargetGroupArn");
    out.detail = "health check settings";
    return out;
}

core::Result<KindResult> modify_target_group_attributes(KindContext& context, const json& request) {
    const std::string arn = text_of(request, "TargetGroupArn");
    auto described =
        call_api(context, "elbv2", "DescribeTargetGroupAttributes", json{{"TargetGroupArn", arn}});
    if (!described) return described.error();
    const json current = list_of(described.value(), "Attributes");
    bool same = true;
    for (const auto& wanted : list_of(request, "Attributes")) {
        bool matched = false;
        for (const auto& attribute : current) {
            matched = matched || (text_of(attribute, "Key") == text_of(wanted, "Key") &&
                                  text_of(attribute, "Value") == text_of(wanted, "Value"));
        }
        same = same && matched;
    }
    KindResult out{Outcome::Unchanged, arn, json{{"TargetGroupArn", arn}, {"Attributes", current}}, {}};
    if (same) return out;
    auto modified = call_api(context, "elbv2", "ModifyTargetGroupAttributes", request);
    if (!modified) return modified.error();
    out.outcome = Outcome::Updated;
    out.record["Attributes"] = list_of(modified.value(), "Attributes");
    return out;
}

core::Result<KindResult> create_listener(KindContext& context, const json& request) {
    auto described = call_api(context, "elbv2", "DescribeListeners",
                              json{{"LoadBalancerArn", text_of(request, "LoadBalancerArn")}});
    if (!described) return described.error();
    const std::string port = text_of(request, "Port").empty() ? "80" : text_of(request, "Port");
    for (const auto& listener : list_of(described.value(), "Listeners")) {
        if (text_of(listener, "Port") != port) continue;
        const json* actions = member(request, "DefaultActions");
        if (actions == nullptr || satisfies(value_at(listener, "DefaultActions"), *actions))
            return result(Outcome::Unchanged, listener, "ListenerArn");
        auto modified =
            call_api(context, "elbv2", "ModifyListener",
                     json{{"ListenerArn", text_of(listener, "ListenerArn")}, {"DefaultActions", *actions}});
        if (!modified) return modified.error();
        auto out = result(Outcome::Updated, value_at(modified.value(), "Listeners.0"), "ListenerArn");
        out.detail = "default actions";
        return out;
    }
    auto created = call_api(context, "elbv2", "CreateListener", request);
    if (!created) return created.error();
    return result(Outcome::Created, value_at(created.value(), "Listeners.0"), "ListenerArn");
}

core::Result<KindResult> create_rule(KindContext& context, const json& request) {
    auto described =
        call_api(context, "elbv2", "DescribeRules", json{{"ListenerArn", text_of(request, "ListenerArn")}});
    if (!described) return described.error();
    for (const auto& rule : list_of(described.value(), "Rules")) {
        if (text_of(rule, "Priority") != text_of(request, "Priority")) continue;
        const json wanted = {{"Conditions", value_at(request, "Conditions")},
                             {"Actions", value_at(request, "Actions")}};
        if (satisfies(rule, wanted)) return result(Outcome::Unchanged, rule, "RuleArn");
        json change = wanted;
        change["RuleArn"] = text_of(rule, "RuleArn");
        auto modified = call_api(context, "elbv2", "ModifyRule", change);
        if (!modified) return modified.error();
        auto out = result(Outcome::Updated, value_at(modified.value(), "Rules.0"), "RuleArn");
        out.detail = "conditions and actions";
        return out;
    }
    auto created = call_api(context, "elbv2", "CreateRule", request);
    if (!created) return created.error();
    return result(Outcome::Created, value_at(created.value(), "Rules.0"), "RuleArn");
}

}  // namespace

void add_elbv2_kinds(std::vector<ResourceKind>& kinds) {
    kinds.push_back({"elbv2:CreateLoadBalancer", create_load_balancer});
    kinds.push_back({"elbv2:CreateTargetGroup", create_target_group});
    kinds.push_back({"elbv2:ModifyTargetGroupAttributes", modify_target_group_attributes});
    kinds.push_back({"elbv2:CreateListener", create_listener});
    kinds.push_back({"elbv2:CreateRule", create_rule});
}

}  // namespace ecsemu::api::scenario
