#include "emulator/api/elbv2/elbv2_encode.hpp"

#include <cstdint>

#include "emulator/api/wire/timestamp_text.hpp"
#include "emulator/core/elbv2/usage.hpp"

namespace ecsemu::api::elbv2 {

namespace {

using nlohmann::json;
namespace model = core::elbv2;

json encode_condition(const model::RuleCondition& condition) {
    json out{{"Field", condition.field}};
    const json values = condition.values;
    if (condition.field == "host-header") {
        out["HostHeaderConfig"] = {{"Values", values}};
    } else if (condition.field == "path-pattern") {
        out["PathPatternConfig"] = {{"Values", values}};
    } else if (condition.field == "http-header") {
        out["HttpHeaderConfig"] = {{"HttpHeaderName", condition.http_header_name}, {"Values", values}};
    } else if (condition.field == "http-request-method") {
        out["HttpRequestMethodConfig"] = {{"Values", values}};
    } else if (condition.field == "source-ip") {
        out["SourceIpConfig"] = {{"Values", values}};
    } else if (condition.field == "query-string") {
        json pairs = json::array();
        for (const auto& [key, value] : condition.query_values) {
            json pair{{"Value", value}};
            if (!key.empty()) pair["Key"] = key;
            pairs.push_back(std::move(pair));
        }
        out["QueryStringConfig"] = {{"Values", std::move(pairs)}};
    }
    if (condition.legacy_values) out["Values"] = values;
    return out;
}

json encode_action(const model::Action& action) {
    json out{{"Type", action.type}};
    if (action.order) out["Order"] = *action.order;
    if (action.type == "forward") {
        if (action.forward_groups.size() == 1)
            out["TargetGroupArn"] = action.forward_groups.front().target_group_arn;
        json groups = json::array();
        for (const auto& group : action.forward_groups)
            groups.push_back({{"TargetGroupArn", group.target_group_arn}, {"Weight", group.weight}});
        json stickiness{{"Enabled", action.stickiness_enabled}};
        if (action.stickiness_enabled) stickiness["DurationSeconds"] = action.stickiness_duration_seconds;
        out["ForwardConfig"] = {{"TargetGroups", std::move(groups)},
                                {"TargetGroupStickinessConfig", std::move(stickiness)}};
    }
    if (action.fixed_response) {
        json fixed{{"StatusCode", action.fixed_response->status_code}};
        if (!action.fixed_response->content_type.empty())
            fixed["ContentType"] = action.fixed_response->content_type;
        if (action.fixed_response->message_body) fixed["MessageBody"] = *action.fixed_response->message_body;
        out["FixedResponseConfig"] = std::move(fixed);
    }
    if (action.redirect) {
        const auto& redirect = *action.redirect;
        out["RedirectConfig"] = {{"Protocol", redirect.protocol}, {"Port", redirect.port},
                                 {"Host", redirect.host},         {"Path", redirect.path},
                                 {"Query", redirect.query},       {"StatusCode", redirect.status_code}};
    }
    return out;
}

}  // namespace

json encode_load_balancer(const model::LoadBalancer& load_balancer, core::Instant now) {
    json zones = json::array();
    for (const auto& zone : load_balancer.zones) {
        zones.push_back({{"ZoneName", zone.zone_name},
                         {"SubnetId", zone.subnet_id},
                         {"LoadBalancerAddresses", json::array()}});
    }
    return json{{"LoadBalancerArn", load_balancer.arn},
                {"DNSName", load_balancer.dns_name},
                {"CanonicalHostedZoneId", load_balancer.canonical_hosted_zone_id},
                {"CreatedTime", iso8601_utc(load_balancer.created_at)},
                {"LoadBalancerName", load_balancer.name},
                {"Scheme", load_balancer.scheme},
                {"VpcId", load_balancer.vpc_id},
                {"State", {{"Code", load_balancer.state_code(now)}}},
                {"Type", load_balancer.type},
                {"AvailabilityZones", std::move(zones)},
                {"SecurityGroups", load_balancer.security_groups},
                {"IpAddressType", load_balancer.ip_address_type}};
}

json encode_target_group(const model::Elbv2State& state, const model::TargetGroup& group) {
    const auto& check = group.health_check;
    return json{{"TargetGroupArn", group.arn},
                {"TargetGroupName", group.name},
                {"Protocol", group.protocol},
                {"Port", group.port},
                {"VpcId", group.vpc_id},
                {"HealthCheckProtocol", check.protocol},
                {"HealthCheckPort", check.port},
                {"HealthCheckEnabled", check.enabled},
                {"HealthCheckIntervalSeconds", check.interval_seconds},
                {"HealthCheckTimeoutSeconds", check.timeout_seconds},
                {"HealthyThresholdCount", check.healthy_threshold},
                {"UnhealthyThresholdCount", check.unhealthy_threshold},
                {"HealthCheckPath", check.path},
                {"Matcher", {{"HttpCode", check.matcher_http_code}}},
                {"LoadBalancerArns", model::load_balancers_of_target_group(state, group.arn)},
                {"TargetType", group.target_type},
                {"ProtocolVersion", group.protocol_version},
                {"IpAddressType", group.ip_address_type}};
}

json encode_listener(const model::Listener& listener) {
    return json{{"ListenerArn", listener.arn},
                {"LoadBalancerArn", listener.load_balancer_arn},
                {"Port", listener.port},
                {"Protocol", listener.protocol},
                {"DefaultActions", encode_actions(listener.default_actions)}};
}

json encode_rule(const model::Rule& rule) {
    json conditions = json::array();
    for (const auto& condition : rule.conditions) conditions.push_back(encode_condition(condition));
    return json{{"RuleArn", rule.arn},
                {"Priority", rule.is_default ? std::string("default") : std::to_string(rule.priority)},
                {"Conditions", std::move(conditions)},
                {"Actions", encode_actions(rule.actions)},
                {"IsDefault", rule.is_default}};
}

json encode_actions(const std::vector<model::Action>& actions) {
    json out = json::array();
    for (const auto& action : actions) out.push_back(encode_action(action));
    return out;
}

json encode_attributes(const model::Attributes& attributes) {
    json out = json::array();
    for (const auto& [key, value] : attributes) out.push_back({{"Key", key}, {"Value", value}});
    return out;
}

json encode_tags(const core::Tags& tags) {
    json out = json::array();
    for (const auto& [key, value] : tags) out.push_back({{"Key", key}, {"Value", value}});
    return out;
}

json encode_target_health(const model::TargetHealthView& view) {
    json target{{"Id", view.id}, {"Port", view.port}};
    if (!view.availability_zone.empty()) target["AvailabilityZone"] = view.availability_zone;
    json health{{"State", model::to_string(view.health.state)}};
    if (!view.health.reason.empty()) health["Reason"] = view.health.reason;
    if (!view.health.description.empty()) health["Description"] = view.health.description;
    return json{{"Target", std::move(target)},
                {"HealthCheckPort", view.health_check_port},
                {"TargetHealth", std::move(health)}};
}

}  // namespace ecsemu::api::elbv2
