#include "emulator/api/elbv2/elbv2_decode.hpp"

#include <string>

#include "emulator/api/elbv2/query_params.hpp"
#include "emulator/core/elbv2/elbv2_errors.hpp"

namespace ecsemu::api::elbv2 {

namespace {

using nlohmann::json;
namespace model = core::elbv2;

model::Action decode_action(const json& item) {
    model::Action action;
    action.type = string_or_empty(item, "Type");
    action.order = optional_int(item, "Order");
    action.target_group_arn = string_or_empty(item, "TargetGroupArn");
    if (const json* forward = member(item, "ForwardConfig")) {
        action.has_forward_config = true;
        for (const json* group : list_elements(*forward, "TargetGroups")) {
            action.forward_groups.push_back(model::WeightedTargetGroup{
                string_or_empty(*group, "TargetGroupArn"), optional_int(*group, "Weight").value_or(1)});
        }
        if (const json* stickiness = member(*forward, "TargetGroupStickinessConfig")) {
            action.stickiness_enabled = optional_bool(*stickiness, "Enabled").value_or(false);
            action.stickiness_duration_seconds = optional_int(*stickiness, "DurationSeconds").value_or(0);
        }
    }
    if (const json* fixed = member(item, "FixedResponseConfig")) {
        model::FixedResponse response;
        response.status_code = string_or_empty(*fixed, "StatusCode");
        response.content_type = string_or_empty(*fixed, "ContentType");
        response.message_body = optional_string(*fixed, "MessageBody");
        action.fixed_response = std::move(response);
    }
    if (const json* redirect_config = member(item, "RedirectConfig")) {
        model::Redirect redirect;
        redirect.protocol = optional_string(*redirect_config, "Protocol").value_or(redirect.protocol);
        redirect.port = optional_string(*redirect_config, "Port").value_or(redirect.port);
        redirect.host = optional_string(*redirect_config, "Host").value_or(redirect.host);
        redirect.path = optional_string(*redirect_config, "Path").value_or(redirect.path);
        redirect.query = optional_string(*redirect_config, "Query").value_or(redirect.query);
        redirect.status_code = string_or_empty(*redirect_config, "StatusCode");
        action.redirect = std::move(redirect);
    }
    return action;
}

const char* config_member_of(const std::string& field) {
    if (field == "host-header") return "HostHeaderConfig";
    if (field == "path-pattern") return "PathPatternConfig";
    if (field == "http-header") return "HttpHeaderConfig";
    if (field == "query-string") return "QueryStringConfig";
    if (field == "http-request-method") return "HttpRequestMethodConfig";
    if (field == "source-ip") return "SourceIpConfig";
    return nullptr;
}

core::Result<model::RuleCondition> decode_condition(const json& item) {
    model::RuleCondition condition;
    condition.field = string_or_empty(item, "Field");
    if (has_member(item, "RegexValues"))
        return model::validation_error("RegexValues conditions are not supported");
    const char* config_name = config_member_of(condition.field);
    if (config_name == nullptr)
        return model::validation_error("Condition field '" + condition.field + "' is not valid");
    for (const char* other : {"HostHeaderConfig", "PathPatternConfig", "HttpHeaderConfig",
                              "QueryStringConfig", "HttpRequestMethodConfig", "SourceIpConfig"}) {
        if (std::string(other) != config_name && has_member(item, other)) {
            return model::validation_error(std::string(other) + " cannot be specified for a '" +
                                           condition.field + "' condition");
        }
    }
    const json* config = member(item, config_name);
    const bool legacy = has_member(item, "Values");
    if (legacy && config != nullptr) {
        return model::validation_error("You cannot specify both Values and " + std::string(config_name) +
                                       " for a condition");
    }
    if (legacy) {
        if (condition.field != "host-header" && condition.field != "path-pattern") {
            return model::validation_error("A '" + condition.field + "' condition must use " + config_name);
        }
        condition.values = string_list(item, "Values");
        condition.legacy_values = true;
        return condition;
    }
    if (config == nullptr) return condition;  // no values: core reports it
    if (condition.field == "query-string") {
        for (const json* pair : list_elements(*config, "Values"))
            condition.query_values.emplace_back(string_or_empty(*pair, "Key"),
                                                string_or_empty(*pair, "Value"));
        return condition;
    }
    if (has_member(*config, "RegexValues"))
        return model::validation_error("RegexValues conditions are not supported");
    condition.values = string_list(*config, "Values");
    if (condition.field == "http-header")
        condition.http_header_name = string_or_empty(*config, "HttpHeaderName");
    return condition;
}

}  // namespace

core::Result<std::vector<model::Action>> decode_actions(const json& params, std::string_view key) {
    std::vector<model::Action> out;
    for (const json* item : list_elements(params, key)) out.push_back(decode_action(*item));
    return out;
}

core::Result<std::vector<model::RuleCondition>> decode_conditions(const json& params, std::string_view key) {
    std::vector<model::RuleCondition> out;
    for (const json* item : list_elements(params, key)) {
        auto condition = decode_condition(*item);
        if (!condition) return condition.error();
        out.push_back(std::move(condition).value());
    }
    return out;
}

model::TagList decode_tags(const json& params, std::string_view key) {
    model::TagList out;
    for (const json* item : list_elements(params, key))
        out.emplace_back(string_or_empty(*item, "Key"), string_or_empty(*item, "Value"));
    return out;
}

model::AttributeList decode_attributes(const json& params, std::string_view key) {
    model::AttributeList out;
    for (const json* item : list_elements(params, key))
        out.emplace_back(string_or_empty(*item, "Key"), string_or_empty(*item, "Value"));
    return out;
}

std::vector<model::TargetDescription> decode_targets(const json& params, std::string_view key) {
    std::vector<model::TargetDescription> out;
    for (const json* item : list_elements(params, key)) {
        out.push_back(model::TargetDescription{string_or_empty(*item, "Id"), optional_int(*item, "Port"),
                                               optional_string(*item, "AvailabilityZone")});
    }
    return out;
}

model::HealthCheckChanges decode_health_check(const json& params) {
    model::HealthCheckChanges changes;
    changes.enabled = optional_bool(params, "HealthCheckEnabled");
    changes.protocol = optional_string(params, "HealthCheckProtocol");
    changes.port = optional_string(params, "HealthCheckPort");
    changes.path = optional_string(params, "HealthCheckPath");
    changes.interval_seconds = optional_int(params, "HealthCheckIntervalSeconds");
    changes.timeout_seconds = optional_int(params, "HealthCheckTimeoutSeconds");
    changes.healthy_threshold = optional_int(params, "HealthyThresholdCount");
    changes.unhealthy_threshold = optional_int(params, "UnhealthyThresholdCount");
    if (const json* matcher = member(params, "Matcher")) {
        changes.matcher_http_code = optional_string(*matcher, "HttpCode");
        changes.matcher_grpc_code_given = has_member(*matcher, "GrpcCode");
    }
    return changes;
}

}  // namespace ecsemu::api::elbv2
