#pragma once
// Drives EcsService the way the gateway does (decoded params in, JSON or AwsError out), with a fake EC2
// directory holding the guide's VPC, and a clock that advances 1.5 s per call.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "emulator/api/ecs/ecs_service.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::test {

inline constexpr const char* kAccount = "123456789012";
inline constexpr const char* kRegion = "ap-southeast-1";
// The guide's private app subnets (1a, 1b) and security groups of ielts-prod-vpc.
inline constexpr const char* kSubnetA = "subnet-0a1b2c3d4e5f60718";
inline constexpr const char* kSubnetB = "subnet-0b1c2d3e4f5a60729";
inline constexpr const char* kBackendSg = "sg-0be0be0be0be0be01";
inline constexpr const char* kFrontendSg = "sg-0fe0fe0fe0fe0fe01";
inline constexpr const char* kOtherVpcSg = "sg-0ccccccccccccccc1";

class FakeEc2Directory final : public core::Ec2Directory {
public:
    FakeEc2Directory();
    const core::Subnet* find_subnet(const std::string& region, const std::string& subnet_id) const override;
    const core::SecurityGroup* find_security_group(const std::string& region,
                                                   const std::string& group_id) const override;

    std::map<std::string, core::Subnet> subnets;
    std::map<std::string, core::SecurityGroup> security_groups;
};

class EcsHarness {
public:
    EcsHarness() : service(ec2) {}

    api::ApiResult call(const std::string& operation, const nlohmann::json& params);
    // REQUIRES the call to succeed; fails the test with the error otherwise.
    nlohmann::json ok(const std::string& operation, const nlohmann::json& params);
    // REQUIRES the call to fail; returns its error.
    core::AwsError error(const std::string& operation, const nlohmann::json& params);

    core::ecs::EcsState& state();

    FakeEc2Directory ec2;
    api::ecs::EcsService service;
    core::Instant now{1'700'000'000'000};
};

// Requests shaped exactly as the AWS CLI sends them for the guide (ecs-service-guide.md).
nlohmann::json backend_task_definition_request();
nlohmann::json frontend_task_definition_request();
nlohmann::json guide_backend_create_service_request();
nlohmann::json guide_frontend_create_service_request();
// Registers both task definitions and creates ielts-prod-cluster.
void set_up_guide(EcsHarness& ecs);

}  // namespace ecsemu::test
