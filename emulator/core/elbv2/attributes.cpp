#include "emulator/core/elbv2/attributes.hpp"

#include <charconv>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "emulator/core/elbv2/elbv2_errors.hpp"

namespace ecsemu::core::elbv2 {

namespace {

std::optional<long long> whole_number(const std::string& text) {
    long long value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
    return value;
}

bool is_one_of(const std::string& value, std::initializer_list<std::string_view> allowed) {
    for (const auto candidate : allowed)
        if (value == candidate) return true;
    return false;
}

AwsError bad_value(const std::string& key, const std::string& value) {
    return invalid_configuration("The value '" + value + "' of attribute '" + key + "' is not valid");
}

Status check_range(const std::string& key, const std::string& value, long long low, long long high) {
    const auto number = whole_number(value);
    if (!number || *number < low || *number > high) {
        return invalid_configuration("The value of '" + key + "' must be between " + std::to_string(low) +
                                     " and " + std::to_string(high) + ", got '" + value + "'");
    }
    return Ok{};
}

Status check_bool(const std::string& key, const std::string& value) {
    if (!is_one_of(value, {"true", "false"})) return bad_value(key, value);
    return Ok{};
}

// Applies `changes` key by key with `check_one`, after every key is known to `current`.
template <class Check>
Result<Attributes> apply_changes(const Attributes& current, const AttributeList& changes, const char* what,
                                 Check check_one) {
    Attributes next = current;
    for (const auto& [key, value] : changes) {
        if (current.find(key) == current.end())
            return validation_error(std::string(what) + " attribute key '" + key + "' is not recognized");
        if (auto valid = check_one(key, value); !valid) return valid.error();
        next[key] = value;
    }
    return next;
}

Status check_load_balancer_attribute(const std::string& key, const std::string& value) {
    if (key == "idle_timeout.timeout_seconds") return check_range(key, value, 1, 4000);
    if (key == "client_keep_alive.seconds") return check_range(key, value, 60, 604800);
    if (key == "routing.http.xff_header_processing.mode") {
        if (!is_one_of(value, {"append", "preserve", "remove"})) return bad_value(key, value);
        return Ok{};
    }
    if (key == "routing.http.desync_mitigation_mode") {
        if (!is_one_of(value, {"monitor", "defensive", "strictest"})) return bad_value(key, value);
        return Ok{};
    }
    if (key == "load_balancing.cross_zone.enabled") {
        // Cross-zone load balancing is always on for application load balancers.
        if (value != "true") return bad_value(key, value);
        return Ok{};
    }
    if (key.size() > 8 && key.substr(key.size() - 8) == ".enabled") return check_bool(key, value);
    return Ok{};  // bucket names and prefixes are free text
}

Status check_target_group_attribute(const std::string& key, const std::string& value) {
    if (key == "deregistration_delay.timeout_seconds") return check_range(key, value, 0, 3600);
    if (key == "stickiness.lb_cookie.duration_seconds" || key == "stickiness.app_cookie.duration_seconds")
        return check_range(key, value, 1, 604800);
    if (key == "slow_start.duration_seconds") {
        if (value == "0") return Ok{};
        return check_range(key, value, 30, 900);
    }
    if (key == "stickiness.enabled") return check_bool(key, value);
    if (key == "stickiness.type") {
        if (!is_one_of(value, {"lb_cookie", "app_cookie"})) return bad_value(key, value);
        return Ok{};
    }
    if (key == "load_balancing.algorithm.type") {
        if (!is_one_of(value, {"round_robin", "least_outstanding_requests", "weighted_random"}))
            return bad_value(key, value);
        return Ok{};
    }
    if (key == "load_balancing.algorithm.anomaly_mitigation") {
        if (!is_one_of(value, {"on", "off"})) return bad_value(key, value);
        return Ok{};
    }
    if (key == "load_balancing.cross_zone.enabled") {
        if (!is_one_of(value, {"true", "false", "use_load_balancer_configuration"}))
            return bad_value(key, value);
        return Ok{};
    }
    if (key.size() > 6 && key.substr(key.size() - 6) == ".count") {
        if (value == "off") return Ok{};
        return check_range(key, value, 1, 1000);
    }
    if (key.size() > 11 && key.substr(key.size() - 11) == ".percentage") {
        if (value == "off") return Ok{};
        return check_range(key, value, 1, 100);
    }
    return Ok{};  // stickiness.app_cookie.cookie_name
}

Status check_target_group_combination(const Attributes& attributes) {
    const auto& algorithm = attributes.at("load_balancing.algorithm.type");
    if (algorithm == "least_outstanding_requests" && attributes.at("slow_start.duration_seconds") != "0") {
        return invalid_configuration(
            "Slow start mode cannot be enabled with the least outstanding requests algorithm");
    }
    if (algorithm != "weighted_random" &&
        attributes.at("load_balancing.algorithm.anomaly_mitigation") == "on") {
        return invalid_configuration("Anomaly mitigation requires the weighted random routing algorithm");
    }
    if (attributes.at("stickiness.enabled") == "true" && attributes.at("stickiness.type") == "app_cookie" &&
        attributes.at("stickiness.app_cookie.cookie_name").empty()) {
        return invalid_configuration(
            "An application cookie name must be specified for app_cookie stickiness");
    }
    return Ok{};
}

}  // namespace

Attributes default_load_balancer_attributes() {
    return Attributes{
        {"access_logs.s3.enabled", "false"},
        {"access_logs.s3.bucket", ""},
        {"access_logs.s3.prefix", ""},
        {"client_keep_alive.seconds", "3600"},
        {"connection_logs.s3.enabled", "false"},
        {"connection_logs.s3.bucket", ""},
        {"connection_logs.s3.prefix", ""},
        {"deletion_protection.enabled", "false"},
        {"idle_timeout.timeout_seconds", "60"},
        {"load_balancing.cross_zone.enabled", "true"},
        {"routing.http.desync_mitigation_mode", "defensive"},
        {"routing.http.drop_invalid_header_fields.enabled", "false"},
        {"routing.http.preserve_host_header.enabled", "false"},
        {"routing.http.x_amzn_tls_version_and_cipher_suite.enabled", "false"},
        {"routing.http.xff_client_port.enabled", "false"},
        {"routing.http.xff_header_processing.mode", "append"},
        {"routing.http2.enabled", "true"},
        {"waf.fail_open.enabled", "false"},
        {"zonal_shift.config.enabled", "false"},
    };
}

Attributes default_target_group_attributes() {
    return Attributes{
        {"deregistration_delay.timeout_seconds", "300"},
        {"load_balancing.algorithm.anomaly_mitigation", "off"},
        {"load_balancing.algorithm.type", "round_robin"},
        {"load_balancing.cross_zone.enabled", "use_load_balancer_configuration"},
        {"slow_start.duration_seconds", "0"},
        {"stickiness.app_cookie.cookie_name", ""},
        {"stickiness.app_cookie.duration_seconds", "86400"},
        {"stickiness.enabled", "false"},
        {"stickiness.lb_cookie.duration_seconds", "86400"},
        {"stickiness.type", "lb_cookie"},
        {"target_group_health.dns_failover.minimum_healthy_targets.count", "1"},
        {"target_group_health.dns_failover.minimum_healthy_targets.percentage", "off"},
        {"target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1"},
        {"target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off"},
    };
}

Result<Attributes> apply_load_balancer_attributes(const Attributes& current, const AttributeList& changes) {
    auto next = apply_changes(current, changes, "Load balancer", check_load_balancer_attribute);
    if (!next) return next;
    for (const std::string prefix : {"access_logs.s3", "connection_logs.s3"}) {
        if (next->at(prefix + ".enabled") == "true" && next->at(prefix + ".bucket").empty())
            return invalid_configuration(std::string("The value of '")
                                             .append(prefix)
                                             .append(".bucket' cannot be empty when '")
                                             .append(prefix)
                                             .append(".enabled' is true"));
    }
    return next;
}

Result<Attributes> apply_target_group_attributes(const Attributes& current, const AttributeList& changes) {
    auto next = apply_changes(current, changes, "Target group", check_target_group_attribute);
    if (!next) return next;
    if (auto valid = check_target_group_combination(next.value()); !valid) return valid.error();
    return next;
}

}  // namespace ecsemu::core::elbv2
