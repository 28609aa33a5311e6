#pragma once
// Security group permissions as requested (AuthorizeSecurityGroupIngress/Egress) and their normalisation
// into single-peer rules.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/errors.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::core::ec2 {

enum class RuleDirection { Ingress, Egress };

struct CidrPeerRequest {
    std::string cidr_ip;
    std::string description;
};

// A group peer names the group by id or, within the default VPC or the target group's VPC, by name.
struct GroupPeerRequest {
    std::string group_id;
    std::string group_name;
    std::string description;
};

struct IpPermissionRequest {
    std::string ip_protocol;
    std::optional<int> from_port;
    std::optional<int> to_port;
    std::vector<CidrPeerRequest> ip_ranges;
    std::vector<GroupPeerRequest> groups;
};

// "tcp"/"6" -> "tcp", "udp"/"17" -> "udp", "icmp"/"1" -> "icmp", "all"/"-1" -> "-1"; other protocol numbers
// 0-255 stay numbers. Anything else is InvalidParameterValue.
Result<std::string> canonical_ip_protocol(std::string_view protocol);

struct PortRange {
    int from_port = -1;
    int to_port = -1;
};

// All protocols ("-1") ignore ports and store -1/-1. TCP and UDP need 0 <= from <= to <= 65535; without
// ports they cover 0-65535. ICMP ports are type and code, each -1..255.
// REQUIRES: protocol is canonical.
Result<PortRange> port_range(std::string_view protocol, std::optional<int> from_port,
                             std::optional<int> to_port);

// Same protocol, ports and peer: AWS refuses to add such a rule twice.
bool same_rule(const SecurityGroupRule& a, const SecurityGroupRule& b);

// InvalidPermission.Duplicate for `rule`, worded as EC2 words it.
AwsError duplicate_rule_error(const SecurityGroupRule& rule);

// InvalidPermission.NotFound for a revoke that matches no rule.
AwsError rule_not_found_error();

}  // namespace ecsemu::core::ec2
