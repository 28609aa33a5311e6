#pragma once
// Drives EcsService the way the gateway does (decoded params in, JSON or AwsError out), with a fake EC2
// directory holding the guide's VPC, and a clock that advances 1.5 s per call.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "emulator/api/ecs/ecs_service.hpp"
#include "emulator/core/model/ec2.hpp"
#include "support/guide_ec2_directory.hpp"

namespace ecsemu::test {

class EcsHarness {
public:
    EcsHarness() : service(ec2) {}

    api::ApiResult call(const std::string& operation, const nlohmann::json& params);
    // REQUIRES the call to succeed; fails the test with the error otherwise.
    nlohmann::json ok(const std::string& operation, const nlohmann::json& params);
    // REQUIRES the call to fail; returns its error.
    core::AwsError error(const std::string& operation, const nlohmann::json& params);

    core::ecs::EcsState& state();

    GuideEc2Directory ec2;
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
