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
    Tags tags;
};

struct SecurityGroupRule {
    std::string ip_protocol;  // "tcp", "-1", ...
    int from_port = -1;
    int to_port = -1;
    std::vector<std::string> cidr_ipv4;
    std::vector<std::string> source_group_ids;
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
};

// Read-only lookup other services use to validate and place (ECS CreateService/RunTask).
class Ec2Directory {
public:
    virtual ~Ec2Directory() = default;
    virtual const Subnet* find_subnet(const std::string& region, const std::string& subnet_id) const = 0;
    virtual const SecurityGroup* find_security_group(const std::string& region,
                                                     const std::string& group_id) const = 0;
};

// Availability zone for a subnet ecsemu does not know: stable, documented rule so unknown ids still spread.
// The zone letter is picked from the subnet id's characters: sum of bytes modulo 3 -> a, b or c.
std::string availability_zone_for_unknown_subnet(const std::string& region, const std::string& subnet_id);

}  // namespace ecsemu::core
