#include "emulator/core/elbv2/target_groups.hpp"

#include <algorithm>
#include <charconv>

#include "emulator/core/elbv2/elbv2_errors.hpp"
#include "emulator/core/elbv2/elbv2_names.hpp"
#include "emulator/core/elbv2/usage.hpp"

namespace ecsemu::core::elbv2 {

namespace {

std::optional<int> parse_int(const std::string& text) {
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
    return value;
}

AwsError out_of_range(const char* member, int value, int low, int high) {
    return validation_error("1 validation error detected: Value '" + std::to_string(value) + "' at '" +
                            member +
                            "' failed to satisfy constraint: Member must have value less than or equal to " +
                            std::to_string(high) + " and greater than or equal to " + std::to_string(low));
}

Status check_range(const char* member, const std::optional<int>& value, int low, int high) {
    if (value && (*value < low || *value > high)) return out_of_range(member, *value, low, high);
    return Ok{};
}

// "200", "200,202", "200-299"; every code 200..499.
bool valid_matcher(const std::string& text) {
    if (text.empty()) return false;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const std::string part =
            text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const auto dash = part.find('-');
        const auto low = parse_int(part.substr(0, dash));
        const auto high = dash == std::string::npos ? low : parse_int(part.substr(dash + 1));
        if (!low || !high || *low < 200 || *high > 499 || *low > *high) return false;
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return true;
}

Result<HealthCheck> apply_health_check(HealthCheck check, const HealthCheckChanges& changes) {
    if (changes.matcher_grpc_code_given)
        return validation_error("GrpcCode matchers are only supported for GRPC target groups");
    if (auto valid = check_range("healthCheckIntervalSeconds", changes.interval_seconds, 5, 300); !valid)
        return valid.error();
    if (auto valid = check_range("healthCheckTimeoutSeconds", changes.timeout_seconds, 2, 120); !valid)
        return valid.error();
    if (auto valid = check_range("healthyThresholdCount", changes.healthy_threshold, 2, 10); !valid)
        return valid.error();
    if (auto valid = check_range("unhealthyThresholdCount", changes.unhealthy_threshold, 2, 10); !valid)
        return valid.error();
    if (changes.protocol && *changes.protocol != "HTTP" && *changes.protocol != "HTTPS")
        return validation_error("Health check protocol '" + *changes.protocol +
                                "' is not supported for HTTP target groups");
    if (changes.port && *changes.port != "traffic-port") {
        const auto port = parse_int(*changes.port);
        if (!port || *port < 1 || *port > 65535)
            return validation_error("Health check port '" + *changes.port +
                                    "' must be 'traffic-port' or 1-65535");
    }
    if (changes.path &&
        (changes.path->empty() || changes.path->front() != '/' || changes.path->size() > 1024))
        return validation_error("Health check path '" + *changes.path +
                                "' must start with '/' and be 1-1024 characters");
    if (changes.matcher_http_code && !valid_matcher(*changes.matcher_http_code))
        return validation_error("Health check matcher HTTP code '" + *changes.matcher_http_code +
                                "' must be values between 200 and 499");
    if (changes.enabled) check.enabled = *changes.enabled;
    if (changes.protocol) check.protocol = *changes.protocol;
    if (changes.port) check.port = *changes.port;
    if (changes.path) check.path = *changes.path;
    if (changes.interval_seconds) check.interval_seconds = *changes.interval_seconds;
    if (changes.timeout_seconds) check.timeout_seconds = *changes.timeout_seconds;
    if (changes.healthy_threshold) check.healthy_threshold = *changes.healthy_threshold;
    if (changes.unhealthy_threshold) check.unhealthy_threshold = *changes.unhealthy_threshold;
    if (changes.matcher_http_code) check.matcher_http_code = *changes.matcher_http_code;
    if (check.timeout_seconds >= check.interval_seconds) {
        return invalid_configuration("Health check timeout '" + std::to_string(check.timeout_seconds) +
                                     "' must be smaller than the interval '" +
                                     std::to_string(check.interval_seconds) + "'");
    }
    return check;
}

bool same_health_check(const HealthCheck& a, const HealthCheck& b) {
    return a.enabled == b.enabled && a.protocol == b.protocol && a.port == b.port && a.path == b.path &&
           a.interval_seconds == b.interval_seconds && a.timeout_seconds == b.timeout_seconds &&
           a.healthy_threshold == b.healthy_threshold && a.unhealthy_threshold == b.unhealthy_threshold &&
           a.matcher_http_code == b.matcher_http_code;
}

bool same_settings(const TargetGroup& a, const TargetGroup& b) {
    return a.protocol == b.protocol && a.protocol_version == b.protocol_version && a.port == b.port &&
           a.vpc_id == b.vpc_id && a.target_type == b.target_type && a.ip_address_type == b.ip_address_type &&
           same_health_check(a.health_check, b.health_check);
}

const TargetGroup* find_by_name(const Elbv2State& state, const std::string& name) {
    for (const auto& [arn, group] : state.target_groups)
        if (group.name == name) return &group;
    return nullptr;
}

Result<TargetGroup> build_target_group(const Elbv2Call& call, const CreateTargetGroupRequest& request) {
    if (auto valid = validate_resource_name(request.name, "Target group"); !valid) return valid.error();
    TargetGroup group;
    group.name = request.name;
    group.target_type = request.target_type.value_or("instance");
    if (group.target_type != "instance" && group.target_type != "ip") {
        return validation_error("Target type '" + group.target_type +
                                "' is not supported; ecsemu supports 'instance' and 'ip' target groups");
    }
    if (!request.protocol) return validation_error("A protocol must be specified");
    if (*request.protocol != "HTTP" && *request.protocol != "HTTPS") {
        return validation_error(
            "Protocol '" + *request.protocol +
            "' is not supported; application load balancer target groups use HTTP or HTTPS");
    }
    group.protocol = *request.protocol;
    group.protocol_version = request.protocol_version.value_or("HTTP1");
    if (group.protocol_version != "HTTP1" && group.protocol_version != "HTTP2") {
        return validation_error("Protocol version '" + group.protocol_version +
                                "' is not supported; ecsemu supports HTTP1 and HTTP2");
    }
    if (!request.port) return validation_error("A port must be specified");
    if (auto valid = check_range("port", request.port, 1, 65535); !valid) return valid.error();
    group.port = *request.port;
    if (!request.vpc_id || request.vpc_id->empty()) return validation_error("A VPC ID must be specified");
    if (call.ec2.find_vpc(call.region, *request.vpc_id) == nullptr)
        return validation_error("The VPC ID '" + *request.vpc_id + "' is not found");
    group.vpc_id = *request.vpc_id;
    group.ip_address_type = request.ip_address_type.value_or("ipv4");
    if (group.ip_address_type != "ipv4") return validation_error("ecsemu supports IPv4 target groups only");
    HealthCheck defaults;
    defaults.protocol = group.protocol;
    auto health_check = apply_health_check(defaults, request.health_check);
    if (!health_check) return health_check.error();
    group.health_check = std::move(health_check).value();
    return group;
}

}  // namespace

Result<const TargetGroup*> create_target_group(Elbv2Call& call, const CreateTargetGroupRequest& request) {
    auto built = build_target_group(call, request);
    if (!built) return built.error();
    if (const TargetGroup* existing = find_by_name(call.state(), request.name)) {
        if (same_settings(*existing, built.value())) return existing;
        return duplicate_target_group_name(request.name);
    }
    TargetGroup group = std::move(built).value();
    group.arn = target_group_arn(ArnScope{call.account_id, call.region}, group.name, call.ids().hex(16));
    auto tags = tags_from_list(request.tags, group.arn);
    if (!tags) return tags.error();
    group.tags = std::move(tags).value();
    group.attributes = default_target_group_attributes();
    group.created_at = call.now;
    const std::string arn = group.arn;
    const auto inserted = call.state().target_groups.emplace(arn, std::move(group));
    return &inserted.first->second;
}

Result<TargetGroupPage> describe_target_groups(const Elbv2State& state,
                                               const std::optional<std::string>& lb_arn,
                                               const std::vector<std::string>& arns,
                                               const std::vector<std::string>& names,
                                               const std::optional<std::string>& marker,
                                               const std::optional<int>& page_size) {
    const int selectors = (lb_arn ? 1 : 0) + (arns.empty() ? 0 : 1) + (names.empty() ? 0 : 1);
    if (selectors > 1) {
        return validation_error("Only one of LoadBalancerArn, TargetGroupArns or Names can be specified");
    }
    std::vector<std::string> keys;
    const auto add = [&keys](const std::string& arn) {
        if (std::find(keys.begin(), keys.end(), arn) == keys.end()) keys.push_back(arn);
    };
    if (lb_arn) {
        if (state.load_balancers.count(*lb_arn) == 0) return load_balancer_not_found();
        for (const auto& arn : target_groups_of_load_balancer(state, *lb_arn)) add(arn);
    } else if (!arns.empty()) {
        for (const auto& arn : arns) {
            if (state.target_groups.count(arn) == 0) return target_group_not_found();
            add(arn);
        }
    } else if (!names.empty()) {
        for (const auto& name : names) {
            const TargetGroup* found = find_by_name(state, name);
            if (found == nullptr) {
                return AwsError::client("TargetGroupNotFound", "Target groups '[" + name + "]' not found");
            }
            add(found->arn);
        }
    } else {
        for (const auto& [arn, group] : state.target_groups) add(arn);
    }
    auto page = page_of(keys, marker, page_size);
    if (!page) return page.error();
    TargetGroupPage out;
    for (const auto& arn : page->keys) out.target_groups.push_back(&state.target_groups.at(arn));
    out.next_marker = page->next_marker;
    return out;
}

Result<const TargetGroup*> modify_target_group(Elbv2State& state, const std::string& arn,
                                               const HealthCheckChanges& changes) {
    const auto found = state.target_groups.find(arn);
    if (found == state.target_groups.end()) return target_group_not_found();
    auto health_check = apply_health_check(found->second.health_check, changes);
    if (!health_check) return health_check.error();
    found->second.health_check = std::move(health_check).value();
    return &found->second;
}

Status delete_target_group(Elbv2State& state, const std::string& arn) {
    if (state.target_groups.count(arn) == 0) return Ok{};
    if (target_group_in_use(state, arn))
        return resource_in_use("Target group '" + arn + "' is currently in use by a listener or a rule");
    state.target_groups.erase(arn);
    return Ok{};
}

Result<const TargetGroup*> find_target_group(const Elbv2State& state, const std::string& arn) {
    const auto found = state.target_groups.find(arn);
    if (found == state.target_groups.end()) return target_group_not_found();
    return &found->second;
}

Result<Attributes> modify_target_group_attributes(Elbv2State& state, const std::string& arn,
                                                  const AttributeList& changes) {
    const auto found = state.target_groups.find(arn);
    if (found == state.target_groups.end()) return target_group_not_found();
    auto next = apply_target_group_attributes(found->second.attributes, changes);
    if (!next) return next;
    found->second.attributes = next.value();
    return next;
}

}  // namespace ecsemu::core::elbv2
