#include "emulator/core/elbv2/elbv2_names.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "emulator/core/elbv2/elbv2_errors.hpp"

namespace ecsemu::core::elbv2 {

namespace {

std::string arn_prefix(const ArnScope& scope) {
    return "arn:aws:elasticloadbalancing:" + scope.region + ":" + scope.account_id + ":";
}

// The text after the sixth ':' of an ARN ("loadbalancer/app/..."), or "" when there is none.
std::string_view resource_part(std::string_view arn) {
    std::size_t at = 0;
    for (int colons = 0; colons < 5; ++colons) {
        at = arn.find(':', at);
        if (at == std::string_view::npos) return {};
        ++at;
    }
    return arn.substr(at);
}

// The text after "<type>/app/" of a load balancer ARN: "<name>/<id>".
std::string_view after_type(std::string_view arn, std::string_view type) {
    const auto resource = resource_part(arn);
    return resource.starts_with(type) ? resource.substr(type.size()) : std::string_view{};
}

constexpr std::array<std::pair<std::string_view, std::string_view>, 17> kHostedZones{{
    {"ap-northeast-1", "Z14GRHDCWA56QT"},
    {"ap-northeast-2", "ZWKZPGTI48KDX"},
    {"ap-south-1", "ZP97RAFLXTNZK"},
    {"ap-southeast-1", "Z1LMS91P8CMLE5"},
    {"ap-southeast-2", "Z1GM3OXH4ZPM65"},
    {"ca-central-1", "ZQSVJUPU6J1EY"},
    {"eu-central-1", "Z215JYRZR1TBD5"},
    {"eu-north-1", "Z23TAZ7KKW2BZ6"},
    {"eu-west-1", "Z32O12XQLNTSW2"},
    {"eu-west-2", "ZHURV8PSTC4K8"},
    {"eu-west-3", "Z3Q77PNBQS71R4"},
    {"sa-east-1", "Z2P70J7HTTTPLU"},
    {"us-east-1", "Z35SXDOTRQ7X7K"},
    {"us-east-2", "Z3AADJGX6KTTL2"},
    {"us-west-1", "Z368ELLRRE2KJ0"},
    {"us-west-2", "Z1H1FL5HABSF5"},
    {"ap-east-1", "Z3DQVH9N71FHZ0"},
}};

}  // namespace

std::string load_balancer_arn(const ArnScope& scope, const std::string& name, const std::string& id) {
    return arn_prefix(scope) + "loadbalancer/app/" + name + "/" + id;
}

std::string target_group_arn(const ArnScope& scope, const std::string& name, const std::string& id) {
    return arn_prefix(scope) + "targetgroup/" + name + "/" + id;
}

std::string listener_arn(const std::string& load_balancer_arn, const std::string& id) {
    const auto prefix_end = load_balancer_arn.find(":loadbalancer/");
    return load_balancer_arn.substr(0, prefix_end) + ":listener/" +
           std::string(after_type(load_balancer_arn, "loadbalancer/")) + "/" + id;
}

std::string rule_arn(const std::string& listener_arn, const std::string& id) {
    const auto prefix_end = listener_arn.find(":listener/");
    return listener_arn.substr(0, prefix_end) + ":listener-rule/" +
           std::string(after_type(listener_arn, "listener/")) + "/" + id;
}

ArnKind kind_of_arn(const std::string& arn) {
    if (!arn.starts_with("arn:aws:elasticloadbalancing:")) return ArnKind::Unknown;
    const auto resource = resource_part(arn);
    if (resource.starts_with("loadbalancer/")) return ArnKind::LoadBalancer;
    if (resource.starts_with("targetgroup/")) return ArnKind::TargetGroup;
    if (resource.starts_with("listener/")) return ArnKind::Listener;
    if (resource.starts_with("listener-rule/")) return ArnKind::Rule;
    return ArnKind::Unknown;
}

Status validate_resource_name(const std::string& name, const std::string& what) {
    if (name.empty()) return validation_error(what + " name cannot be empty");
    if (name.size() > 32)
        return validation_error(what + " name '" + name + "' cannot be longer than '32' characters");
    const bool valid_chars = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!valid_chars) {
        return validation_error(
            what + " name '" + name +
            "' can only contain characters that are alphanumeric characters or hyphens(-)");
    }
    if (name.front() == '-' || name.back() == '-')
        return validation_error(what + " name '" + name + "' cannot begin or end with '-'");
    if (what == "Load balancer" && name.starts_with("internal-"))
        return validation_error("Load balancer name '" + name + "' cannot begin with 'internal-'");
    return Ok{};
}

std::string canonical_hosted_zone_id(const std::string& region) {
    for (const auto& [name, zone] : kHostedZones)
        if (name == region) return std::string(zone);
    return "Z35SXDOTRQ7X7K";
}

Result<Page> page_of(const std::vector<std::string>& keys, const std::optional<std::string>& marker,
                     const std::optional<int>& page_size) {
    if (page_size && (*page_size < 1 || *page_size > 400)) {
        return validation_error(
            "1 validation error detected: Value '" + std::to_string(*page_size) +
            "' at 'pageSize' failed to satisfy constraint: Member must have value between 1 "
            "and 400");
    }
    std::size_t begin = 0;
    if (marker && !marker->empty()) {
        const auto it = std::find(keys.begin(), keys.end(), *marker);
        if (it == keys.end()) return validation_error("Invalid marker '" + *marker + "'");
        begin = static_cast<std::size_t>(it - keys.begin());
    }
    const std::size_t size = page_size ? static_cast<std::size_t>(*page_size) : keys.size();
    const std::size_t end = std::min(keys.size(), begin + size);
    Page page;
    page.keys.assign(keys.begin() + static_cast<std::ptrdiff_t>(begin),
                     keys.begin() + static_cast<std::ptrdiff_t>(end));
    if (end < keys.size()) page.next_marker = keys[end];
    return page;
}

}  // namespace ecsemu::core::elbv2
