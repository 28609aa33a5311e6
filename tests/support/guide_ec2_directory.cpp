#include "support/guide_ec2_directory.hpp"

namespace ecsemu::test {

GuideEc2Directory::GuideEc2Directory() {
    auto add_subnet = [this](const char* id, const char* zone, const char* cidr) {
        core::Subnet subnet;
        subnet.id = id;
        subnet.vpc_id = "vpc-0123456789abcdef0";
        subnet.availability_zone = zone;
        subnet.cidr_block = cidr;
        subnets.emplace(id, subnet);
    };
    add_subnet(kSubnetA, "ap-southeast-1a", "10.0.11.0/24");
    add_subnet(kSubnetB, "ap-southeast-1b", "10.0.12.0/24");
    auto add_group = [this](const char* id, const char* vpc) {
        core::SecurityGroup group;
        group.id = id;
        group.vpc_id = vpc;
        security_groups.emplace(id, group);
    };
    add_group(kBackendSg, "vpc-0123456789abcdef0");
    add_group(kFrontendSg, "vpc-0123456789abcdef0");
    add_group(kOtherVpcSg, "vpc-0fffffffffffffff0");
}

const core::Subnet* GuideEc2Directory::find_subnet(const std::string& region,
                                                   const std::string& subnet_id) const {
    const auto it = subnets.find(subnet_id);
    return region == kRegion && it != subnets.end() ? &it->second : nullptr;
}

const core::SecurityGroup* GuideEc2Directory::find_security_group(const std::string& region,
                                                                  const std::string& group_id) const {
    const auto it = security_groups.find(group_id);
    return region == kRegion && it != security_groups.end() ? &it->second : nullptr;
}

}  // namespace ecsemu::test
