#include "ecs_test_support.hpp"

#include <catch2/catch.hpp>

namespace ecsemu::test {

using nlohmann::json;

api::ApiResult EcsHarness::call(const std::string& operation, const json& params) {
    api::ApiCall call;
    call.service = "ecs";
    call.operation = operation;
    call.region = kRegion;
    call.account_id = kAccount;
    call.params = params;
    call.now = now;
    now = now + core::Duration::milliseconds(1500);
    return service.call(call);
}

json EcsHarness::ok(const std::string& operation, const json& params) {
    auto result = call(operation, params);
    INFO(operation << " " << params.dump());
    if (!result.ok()) FAIL(result.error().code << ": " << result.error().message);
    return result.value();
}

core::AwsError EcsHarness::error(const std::string& operation, const json& params) {
    auto result = call(operation, params);
    INFO(operation << " " << params.dump());
    if (result.ok()) FAIL("expected an error, got " << result.value().dump());
    return result.error();
}

core::ecs::EcsState& EcsHarness::state() {
    return *service.find_state(kAccount, kRegion);
}

namespace {

json container(const std::string& name, int port, const std::string& health_path) {
    return {
        {"name", name},
        {"image", "123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/ielts-" + name + ":latest"},
        {"essential", true},
        {"portMappings",
         {{{"name", name}, {"containerPort", port}, {"protocol", "tcp"}, {"appProtocol", "http"}}}},
        {"environment", {{{"name", "PORT"}, {"value", std::to_string(port)}}}},
        {"secrets",
         {{{"name", "DB_PASSWORD"},
           {"valueFrom", "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:db"}}}},
        {"logConfiguration",
         {{"logDriver", "awslogs"},
          {"options",
           {{"awslogs-group", "/ecs/ielts-" + name},
            {"awslogs-region", "ap-southeast-1"},
            {"awslogs-stream-prefix", "ecs"}}}}},
        {"healthCheck",
         {{"command",
           {"CMD-SHELL", "curl -f http://localhost:" + std::to_string(port) + health_path + " || exit 1"}},
          {"startPeriod", 60}}},
    };
}

json task_definition_request(const std::string& family, const std::string& name, int port,
                             const std::string& cpu, const std::string& memory,
                             const std::string& health_path) {
    return {
        {"family", family},
        {"networkMode", "awsvpc"},
        {"requiresCompatibilities", {"FARGATE"}},
        {"cpu", cpu},
        {"memory", memory},
        {"executionRoleArn", "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"},
        {"taskRoleArn", "arn:aws:iam::123456789012:role/ielts-task-role"},
        {"containerDefinitions", {container(name, port, health_path)}},
        {"runtimePlatform", {{"cpuArchitecture", "X86_64"}, {"operatingSystemFamily", "LINUX"}}},
    };
}

}  // namespace

json backend_task_definition_request() {
    return task_definition_request("ielts-backend", "backend", 8080, "1024", "2048", "/actuator/health");
}

json frontend_task_definition_request() {
    return task_definition_request("ielts-frontend", "frontend", 3000, "512", "1024", "/api/health");
}

namespace {

// What the AWS CLI sends for the guide's create-service command (shorthand and JSON arguments decoded).
json guide_create_service_request(const std::string& name, const std::string& family,
                                  const char* security_group, int port) {
    const std::string tg =
        "arn:aws:elasticloadbalancing:ap-southeast-1:{account}:targetgroup/ielts-" + name + "-tg/xxx";
    return json::parse(R"({
        "cluster": "ielts-prod-cluster",
        "serviceName": "ielts-)" +
                       name + R"(-service",
        "taskDefinition": ")" +
                       family + R"(",
        "desiredCount": 2,
        "launchType": "FARGATE",
        "networkConfiguration": {"awsvpcConfiguration": {
            "subnets": [")" +
                       std::string(kSubnetA) + R"(", ")" + kSubnetB + R"("],
            "securityGroups": [")" +
                       security_group + R"("],
            "assignPublicIp": "DISABLED"}},
        "serviceConnectConfiguration": {
            "enabled": true,
            "namespace": "ielts.local",
            "services": [{
                "portName": ")" +
                       name + R"(",
                "discoveryName": ")" +
                       name + R"(",
                "clientAliases": [{"port": )" +
                       std::to_string(port) + R"(, "dnsName": ")" + name + R"(.ielts.local"}]
            }]
        },
        "loadBalancers": [{
            "targetGroupArn": ")" +
                       tg + R"(",
            "containerName": ")" +
                       name + R"(",
            "containerPort": )" +
                       std::to_string(port) + R"(
        }]
    })");
}

}  // namespace

json guide_backend_create_service_request() {
    return guide_create_service_request("backend", "ielts-backend", kBackendSg, 8080);
}

json guide_frontend_create_service_request() {
    return guide_create_service_request("frontend", "ielts-frontend", kFrontendSg, 3000);
}

void set_up_guide(EcsHarness& ecs) {
    ecs.ok("CreateCluster", {{"clusterName", "ielts-prod-cluster"}});
    ecs.ok("RegisterTaskDefinition", backend_task_definition_request());
    ecs.ok("RegisterTaskDefinition", frontend_task_definition_request());
}

}  // namespace ecsemu::test
