#include "security_group_rules.hpp"

#include <cctype>

#include "emulator/core/ec2/ec2_errors.hpp"

namespace ecsemu::core::ec2 {

namespace {

std::optional<int> parse_protocol_number(std::string_view text) {
    if (text.empty() || text.size() > 3) return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value <= 255 ? std::optional<int>(value) : std::nullopt;
}

std::string lowercase(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string protocol_for_message(const std::string& protocol) {
    if (protocol == "-1") return "ALL";
    std::string out = protocol;
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

AwsError invalid_port_range(const std::string& detail) {
    return invalid_parameter_value("Invalid value '" + detail + "' for portRange.");
}

}  // namespace

Result<std::string> canonical_ip_protocol(std::string_view protocol) {
    const auto name = lowercase(protocol);
    if (name == "-1" || name == "all") return std::string("-1");
    if (name == "tcp" || name == "udp" || name == "icmp" || name == "icmpv6") return name;
    const auto number = parse_protocol_number(name);
    if (!number) {
        return invalid_parameter_value("Invalid value '" + std::string(protocol) +
                                       "' for IP protocol. Unknown protocol.");
    }
    switch (*number) {
        case 1:
            return std::string("icmp");
        case 6:
            return std::string("tcp");
        case 17:
            return std::string("udp");
        case 58:
            return std::string("icmpv6");
        default:
            return std::to_string(*number);
    }
}

Result<PortRange> port_range(std::string_view protocol, std::optional<int> from_port,
                             std::optional<int> to_port) {
    if (protocol == "-1") return PortRange{-1, -1};
    if (from_port.has_value() != to_port.has_value()) {
        return invalid_port_range("Must specify both from and to ports with TCP/UDP.");
    }
    if (protocol == "tcp" || protocol == "udp") {
        if (!from_port) return PortRange{0, 65535};
        if (*from_port < 0 || *to_port > 65535 || *from_port > *to_port) {
            return invalid_port_range(std::to_string(*from_port) + "-" + std::to_string(*to_port));
        }
        return PortRange{*from_port, *to_port};
    }
    if (protocol == "icmp" || protocol == "icmpv6") {
        if (!from_port) return PortRange{-1, -1};
        if (*from_port < -1 || *from_port > 255 || *to_port < -1 || *to_port > 255) {
            return invalid_port_range(std::to_string(*from_port) + "-" + std::to_string(*to_port));
        }
        return PortRange{*from_port, *to_port};
    }
    // Other protocols carry no ports; AWS stores and shows them as -1.
    return PortRange{-1, -1};
}

bool same_rule(const SecurityGroupRule& a, const SecurityGroupRule& b) {
    return a.ip_protocol == b.ip_protocol && a.from_port == b.from_port && a.to_port == b.to_port &&
           a.cidr_ipv4 == b.cidr_ipv4 && a.referenced_group_id == b.referenced_group_id;
}

AwsError duplicate_rule_error(const SecurityGroupRule& rule) {
    const auto& peer = rule.cidr_ipv4.empty() ? rule.referenced_group_id : rule.cidr_ipv4;
    return AwsError::client("InvalidPermission.Duplicate",
                            "the specified rule \"peer: " + peer + ", " +
                                protocol_for_message(rule.ip_protocol) +
                                ", from port: " + std::to_string(rule.from_port) +
                                ", to port: " + std::to_string(rule.to_port) + ", ALLOW\" already exists");
}

AwsError rule_not_found_error() {
    return AwsError::client("InvalidPermission.NotFound",
                            "The specified rule does not exist in this security group.");
}

}  // namespace ecsemu::core::ec2
