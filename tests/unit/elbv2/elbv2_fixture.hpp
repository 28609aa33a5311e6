#pragma once
// The guide's network for the ELBv2 tests: ielts-prod-vpc (10.0.0.0/16) with subnets in ap-southeast-1a
// (two) and 1b, its default security group and an ALB group, plus another VPC with one subnet and group.
// Calls go through Elbv2Service with params trees as the Query decoder builds them.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "emulator/api/elbv2/elbv2_service.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::test::elbv2 {

inline constexpr const char* kAccount = "123456789012";
inline constexpr const char* kRegion = "ap-southeast-1";
inline constexpr const char* kVpc = "vpc-0aaaaaaaaaaaaaaa1";
inline constexpr const char* kOtherVpc = "vpc-0bbbbbbbbbbbbbbb1";
inline constexpr const char* kSubnetA = "subnet-0a000000000000001";
inline constexpr const char* kSubnetA2 = "subnet-0a000000000000002";
inline constexpr const char* kSubnetB = "subnet-0b000000000000001";
inline constexpr const char* kOtherSubnet = "subnet-0c000000000000001";
inline constexpr const char* kDefaultSg = "sg-0defa0defa0defa01";
inline constexpr const char* kAlbSg = "sg-0a1b0a1b0a1b0a1b1";
inline constexpr const char* kOtherSg = "sg-0ccccccccccccccc1";

class TestDirectory final : public core::Ec2Directory {
public:
    TestDirectory();
    const core::Subnet* find_subnet(const std::string& region, const std::string& subnet_id) const override;
    const core::SecurityGroup* find_security_group(const std::string& region,
                                                   const std::string& group_id) const override;
    const core::Vpc* find_vpc(const std::string& region, const std::string& vpc_id) const override;
    const core::Subnet* find_subnet_containing(const std::string& region, const std::string& vpc_id,
                                               const std::string& ipv4) const override;
    const core::SecurityGroup* find_default_security_group(const std::string& region,
                                                           const std::string& vpc_id) const override;

    std::map<std::string, core::Vpc> vpcs;
    std::map<std::string, core::Subnet> subnets;
    std::map<std::string, core::SecurityGroup> groups;
};

// One service over the test directory; `now` advances only when a test moves it.
struct Elbv2Fixture {
    TestDirectory ec2;
    api::elbv2::Elbv2Service service{ec2};
    core::Instant now{1'700'000'000'000};

    api::ApiResult call(const std::string& operation, nlohmann::json params);
    // The call's result; fails the test (with the error) when the call fails.
    nlohmann::json ok(const std::string& operation, nlohmann::json params);
    // The call's error code; fails the test when the call succeeds.
    std::string error_code(const std::string& operation, nlohmann::json params);

    core::elbv2::Elbv2State& state();

    // The guide's stack pieces.
    std::string create_alb(const std::string& name = "ielts-alb");
    std::string create_tg(const std::string& name, int port, const std::string& health_path = "/");
    std::string create_listener(const std::string& lb_arn, int port, const std::string& tg_arn);
};

nlohmann::json forward_to(const std::string& tg_arn);
nlohmann::json path_condition(const std::string& pattern);

}  // namespace ecsemu::test::elbv2
