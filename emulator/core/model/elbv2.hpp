#pragma once
// Elastic Load Balancing v2 objects ecsemu knows: application load balancers, listeners, rules, target
// groups and their registered targets with health. Shapes follow the ELBv2 API (2015-12-01); names are the
// API's, in snake_case. The store (core/elbv2) owns these; the ALB control logic (core/alb) advances target
// health on the clock and compiles them into routing snapshots for the proxy.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/model/ec2.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::elbv2 {

// Attribute maps keep AWS's key strings ("idle_timeout.timeout_seconds",
// "deregistration_delay.timeout_seconds") with every default filled in at creation, so Describe*Attributes
// shows the full set as AWS does.
using Attributes = std::map<std::string, std::string>;

struct ZoneSubnet {
    std::string zone_name;  // ap-southeast-1a
    std::string subnet_id;
};

struct LoadBalancer {
    std::string arn;  // arn:aws:elasticloadbalancing:<r>:<a>:loadbalancer/app/<name>/<16 hex>
    std::string name;
    std::string dns_name;  // <name>-<digits>.<region>.elb.amazonaws.com, "internal-" prefixed when internal
    std::string canonical_hosted_zone_id;
    std::string scheme = "internet-facing";  // or "internal"
    std::string type = "application";
    std::string ip_address_type = "ipv4";
    std::string vpc_id;
    std::vector<ZoneSubnet> zones;
    std::vector<std::string> security_groups;
    // provisioning until active_at, then active (State.Code).
    Instant created_at;
    Instant active_at;
    Attributes attributes;
    Tags tags;
    // The loopback address its listeners bind (127.255.128.N, N from 1 in creation order): data plane only,
    // never shown by the API.
    std::string local_address;

    std::string state_code(Instant now) const { return now < active_at ? "provisioning" : "active"; }
};

struct HealthCheck {
    bool enabled = true;
    std::string protocol = "HTTP";
    std::string port = "traffic-port";  // or a port number as a string
    std::string path = "/";
    int interval_seconds = 30;
    int timeout_seconds = 5;
    int healthy_threshold = 5;
    int unhealthy_threshold = 2;
    std::string matcher_http_code = "200";  // "200", "200,202", "200-299"
};

// TargetHealth.State values, as the API spells them (to_string below).
enum class TargetState { Initial, Healthy, Unhealthy, UnhealthyDraining, Unused, Draining, Unavailable };

inline const char* to_string(TargetState state) {
    switch (state) {
        case TargetState::Initial:
            return "initial";
        case TargetState::Healthy:
            return "healthy";
        case TargetState::Unhealthy:
            return "unhealthy";
        case TargetState::UnhealthyDraining:
            return "unhealthy.draining";
        case TargetState::Unused:
            return "unused";
        case TargetState::Draining:
            return "draining";
        case TargetState::Unavailable:
            return "unavailable";
    }
    return "unavailable";
}

struct TargetHealthStatus {
    TargetState state = TargetState::Initial;
    std::string reason;       // TargetHealthReasonEnum, e.g. Elb.InitialHealthChecking; empty when healthy
    std::string description;  // AWS's sentence for the reason; empty when healthy
};

// One (id, port) registration. A target id may be registered on several ports; the pair is the key.
struct RegisteredTarget {
    std::string id;  // an IP address (target type ip) or an instance id
    int port = 0;
    std::string availability_zone;  // from the subnet the IP belongs to; empty when unknown
    TargetHealthStatus health;
    Instant registered_at;
    // Health-check bookkeeping, owned by the ALB control logic (core/alb).
    int consecutive_passes = 0;
    int consecutive_failures = 0;
    bool checked_once = false;
    std::optional<Instant> next_check_at;
    // The probe vouched that the answer which settled this target holds, so its checks are skipped until the
    // probe says the answer changed (next_check_at then lags; the controller picks the schedule up again).
    bool checks_parked = false;
    // Set while draining: the registration is dropped at this instant.
    std::optional<Instant> drain_until;
    // When the target last became healthy (slow start ramps from here).
    std::optional<Instant> healthy_since;
};

struct TargetGroup {
    std::string arn;  // arn:aws:elasticloadbalancing:<r>:<a>:targetgroup/<name>/<16 hex>
    std::string name;
    std::string protocol = "HTTP";
    std::string protocol_version = "HTTP1";
    int port = 80;
    std::string vpc_id;
    std::string target_type = "ip";  // ip | instance
    std::string ip_address_type = "ipv4";
    HealthCheck health_check;
    Attributes attributes;
    Tags tags;
    std::vector<RegisteredTarget> targets;  // in registration order
    Instant created_at;
};

struct RuleCondition {
    std::string
        field;  // host-header, path-pattern, http-header, http-request-method, query-string, source-ip
    // host-header, path-pattern, http-request-method, source-ip (legacy Values and <Field>Config.Values
    // alike); http-header values.
    std::vector<std::string> values;
    std::string http_header_name;  // http-header only
    // query-string only: (key, value) pairs; an empty key matches any key.
    std::vector<std::pair<std::string, std::string>> query_values;
    // Whether the request used the legacy top-level Values (echoed back the way it came).
    bool legacy_values = false;
};

struct WeightedTargetGroup {
    std::string target_group_arn;
    int weight = 1;
};

struct FixedResponse {
    std::string status_code;  // "503"
    std::string content_type;
    std::optional<std::string> message_body;
};

struct Redirect {
    std::string protocol = "#{protocol}";
    std::string port = "#{port}";
    std::string host = "#{host}";
    std::string path = "/#{path}";
    std::string query = "#{query}";
    std::string status_code;  // HTTP_301 | HTTP_302
};

struct Action {
    std::string type;  // forward | fixed-response | redirect
    std::optional<int> order;
    // forward: either target_group_arn (single) or forward_groups (ForwardConfig). Both are kept as the
    // request gave them; a single target group is also mirrored into forward_groups with weight 1, as AWS
    // shows ForwardConfig for it.
    std::string target_group_arn;
    std::vector<WeightedTargetGroup> forward_groups;
    bool stickiness_enabled = false;
    int stickiness_duration_seconds = 0;
    bool has_forward_config = false;
    std::optional<FixedResponse> fixed_response;
    std::optional<Redirect> redirect;
};

struct Rule {
    std::string arn;  // ...:listener-rule/app/<lb name>/<lb id>/<listener id>/<16 hex>
    std::string listener_arn;
    bool is_default = false;
    int priority = 0;  // 1..50000; meaningless for the default rule ("default")
    std::vector<RuleCondition> conditions;
    std::vector<Action> actions;
    Tags tags;
};

struct Listener {
    std::string arn;  // ...:listener/app/<lb name>/<lb id>/<16 hex>
    std::string load_balancer_arn;
    int port = 80;
    std::string protocol = "HTTP";
    std::vector<Action> default_actions;
    std::string default_rule_arn;
    Tags tags;
};

}  // namespace ecsemu::core::elbv2
