#pragma once
// EC2 networking objects ecsemu knows: enough for awsvpc placement (subnet -> AZ) and validation.
#include <map>
#include <string>
#include <vector>

#include "emulator/core/time.hpp"

namespace ecsemu::core {

using Tags = std::map<std::string, std::string>;

struct Vpc {
    std::string id;  // vpc-<17 hex>
    std::string cidr_block;
    std::string cidr_block_association_id;  // vpc-cidr-assoc-<17 hex>
    std::string dhcp_options_id;            // dopt-<17 hex>, shared by every VPC of a region
    std::string state = "available";
    bool is_default = false;
    Tags tags;
};

struct Subnet {
    std::string id;  // subnet-<17 hex>
    std::string vpc_id;
    std::string cidr_block;
    std::string availability_zone;     // e.g. ap-southeast-1a
    std::string availability_zone_id;  // e.g. apse1-az1
    std::string state = "available";
    int available_ip_address_count = 0;
    bool default_for_az = false;           // the default VPC's subnets only
    bool map_public_ip_on_launch = false;  // true for default subnets, as AWS creates them
    Tags tags;
};

// One rule as AWS's SecurityGroupRule API shows it: a single peer (one CIDR or one referenced group).
// DescribeSecurityGroups' IpPermissions are these rules grouped by (protocol, ports).
struct SecurityGroupRule {
    std::string id;           // sgr-<17 hex>
    std::string ip_protocol;  // "tcp", "udp", "icmp", "-1" (all), or another protocol number
    int from_port = -1;       // -1 with ip_protocol "-1"
    int to_port = -1;
    std::string cidr_ipv4;            // set for CIDR peers, else empty
    std::string referenced_group_id;  // set for security group peers, else empty
    std::string description;
};

struct SecurityGroup {
    std::string id;  // sg-<17 hex>
    std::string name;
    std::string description;
    std::string vpc_id;
    std::vector<SecurityGroupRule> ingress;
    std::vector<SecurityGroupRule> egress;
    Tags tags;

    // Every VPC gets exactly one group named "default"; users cannot create or delete it.
    bool is_vpc_default() const { return name == "default"; }
};

// Read-only lookup other services use to validate and place (ECS CreateService/RunTask, ELBv2).
// Lookups are O(1) hash lookups. A region is materialised (with its default VPC) on first lookup, so
// default subnet ids resolve even when no EC2 call has touched the region since a restart.
// Returned pointers stay valid until the resource is deleted or the state is reset.
class Ec2Directory {
public:
    virtual ~Ec2Directory() = default;
    virtual const Subnet* find_subnet(const std::string& region, const std::string& subnet_id) const = 0;
    virtual const SecurityGroup* find_security_group(const std::string& region,
                                                     const std::string& group_id) const = 0;
    // Not pure so test doubles written against the two lookups above keep compiling.
    virtual const Vpc* find_vpc(const std::string& /*region*/, const std::string& /*vpc_id*/) const {
        return nullptr;
    }
    // The subnet of vpc_id whose CIDR holds the dotted-quad ipv4 (ELBv2 ip targets take their zone from it).
    virtual const Subnet* find_subnet_containing(const std::string& /*region*/, const std::string& /*vpc_id*/,
                                                 const std::string& /*ipv4*/) const {
        return nullptr;
    }
    // The VPC's group named "default" (ELBv2 load balancers created without SecurityGroups get it).
    virtual const SecurityGroup* find_default_security_group(const std::string& /*region*/,
                                                             const std::string& /*vpc_id*/) const {
        return nullptr;
    }
};

// Availability zone for a subnet ecsemu does not know: stable, documented rule so unknown ids still spread.
// The zone letter is picked from the subnet id's characters: sum of bytes modulo 3 -> a, b or c.
std::string availability_zone_for_unknown_subnet(const std::string& region, const std::string& subnet_id);

}  // namespace ecsemu::core
