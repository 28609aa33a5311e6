#pragma once
// The guide's network as an Ec2Directory for unit tests: ielts-prod-vpc's private app subnets in 1a and 1b,
// the backend and frontend security groups, and one group of another VPC. Lookups answer only for kRegion.
#include <map>
#include <string>

#include "emulator/core/model/ec2.hpp"

namespace ecsemu::test {

inline constexpr const char* kAccount = "123456789012";
inline constexpr const char* kRegion = "ap-southeast-1";
inline constexpr const char* kSubnetA = "subnet-0a1b2c3d4e5f60718";
inline constexpr const char* kSubnetB = "subnet-0b1c2d3e4f5a60729";
inline constexpr const char* kBackendSg = "sg-0be0be0be0be0be01";
inline constexpr const char* kFrontendSg = "sg-0fe0fe0fe0fe0fe01";
inline constexpr const char* kOtherVpcSg = "sg-0ccccccccccccccc1";

class GuideEc2Directory final : public core::Ec2Directory {
public:
    GuideEc2Directory();
    const core::Subnet* find_subnet(const std::string& region, const std::string& subnet_id) const override;
    const core::SecurityGroup* find_security_group(const std::string& region,
                                                   const std::string& group_id) const override;

    std::map<std::string, core::Subnet> subnets;
    std::map<std::string, core::SecurityGroup> security_groups;
};

}  // namespace ecsemu::test
