#include "engine_world.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

namespace ecsemu::test {

using nlohmann::json;

json awsvpc_configuration() {
    return {{"awsvpcConfiguration",
             {{"subnets", {kSubnetA, kSubnetB}},
              {"securityGroups", {kSecurityGroup}},
              {"assignPublicIp", "DISABLED"}}}};
}

std::string id_of_arn(const std::string& arn) {
    return arn.substr(arn.rfind('/') + 1);
}

std::vector<std::string> logged(const EngineWorld& w) {
    std::vector<std::string> out;
    for (const auto& entry : w.engine.change_log().entries()) {
        out.push_back(std::to_string(entry.time.epoch_ms) + " " + entry.service + " " +
                      std::string(core::engine::to_string(entry.kind)) + " " + entry.cause + " " +
                      entry.task_id + " " + entry.detail);
    }
    return out;
}

std::vector<std::string> logged_alike(const EngineWorld& a, const EngineWorld& b) {
    auto logged_a = logged(a);
    const auto logged_b = logged(b);
    CHECK(logged_a.size() == logged_b.size());
    for (std::size_t i = 0; i < std::min(logged_a.size(), logged_b.size()); ++i) {
        if (logged_a[i] != logged_b[i]) {
            CHECK(logged_a[i] == logged_b[i]);
            break;
        }
    }
    return logged_a;
}

EngineWorld::EngineWorld(core::engine::EngineKnobs knobs)
    : engine(world, ec2, clock, runtime, std::move(knobs)) {
    runtime.set_observer(engine);
    ecs.set_settle_stops_immediately(false);
    call("CreateCluster", {{"clusterName", kCluster}});
    register_task_definition("ielts-backend",
                             "123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/ielts-backend:latest", true);
}

api::ApiResult EngineWorld::try_call(const std::string& operation, const json& params) {
    api::ApiCall api_call;
    api_call.service = "ecs";
    api_call.operation = operation;
    api_call.region = kRegion;
    api_call.account_id = kAccount;
    api_call.params = params;
    api_call.now = clock.now();
    api::ApiResult result = ecs.call(api_call);
    if (result.ok() && ecs.mutates(operation)) engine.on_api_mutation(kAccount, kRegion);
    return result;
}

json EngineWorld::call(const std::string& operation, const json& params) {
    auto result = try_call(operation, params);
    INFO(operation << " " << params.dump());
    if (!result.ok()) FAIL(result.error().code << ": " << result.error().message);
    return result.value();
}

json EngineWorld::register_task_definition(const std::string& family, const std::string& image,
                                           bool health_check) {
    json container = {
        {"name", "backend"},
        {"image", image},
        {"essential", true},
        {"portMappings", {{{"name", "backend"}, {"containerPort", 8080}, {"protocol", "tcp"}}}},
        {"environment", {{{"name", "PORT"}, {"value", "8080"}}}},
    };
    if (health_check) {
        container["healthCheck"] = {
            {"command", {"CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"}},
            {"startPeriod", 60}};
    }
    return call("RegisterTaskDefinition", {{"family", family},
                                           {"networkMode", "awsvpc"},
                                           {"requiresCompatibilities", {"FARGATE"}},
                                           {"cpu", "1024"},
                                           {"memory", "2048"},
                                           {"containerDefinitions", {container}}});
}

json EngineWorld::create_guide_service(const std::string& name, int desired, const std::string& family) {
    return call(
        "CreateService",
        {{"cluster", kCluster},
         {"serviceName", name},
         {"taskDefinition", family},
         {"desiredCount", desired},
         {"launchType", "FARGATE"},
         {"networkConfiguration", awsvpc_configuration()},
         {"loadBalancers",
          {{{"targetGroupArn",
             "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:targetgroup/ielts-backend-tg/0123"},
            {"containerName", "backend"},
            {"containerPort", 8080}}}}})["service"];
}

json EngineWorld::service(const std::string& name) {
    return call("DescribeServices", {{"cluster", kCluster}, {"services", {name}}})["services"][0];
}

json EngineWorld::task(const std::string& task_id) {
    return call("DescribeTasks", {{"cluster", kCluster}, {"tasks", {task_id}}})["tasks"][0];
}

std::vector<json> EngineWorld::tasks(const std::string& service_name, const std::string& desired) {
    const json arns =
        call("ListTasks",
             {{"cluster", kCluster}, {"serviceName", service_name}, {"desiredStatus", desired}})["taskArns"];
    std::vector<json> out;
    if (arns.empty()) return out;
    const json described = call("DescribeTasks", {{"cluster", kCluster}, {"tasks", arns}});
    for (const auto& t : described["tasks"]) out.push_back(t);
    return out;
}

std::vector<json> EngineWorld::all_service_tasks(const std::string& service_name) {
    auto out = tasks(service_name, "RUNNING");
    for (auto& t : tasks(service_name, "STOPPED")) out.push_back(std::move(t));
    return out;
}

std::string EngineWorld::run_task(const std::string& family) {
    const json run = call("RunTask", {{"cluster", kCluster},
                                      {"taskDefinition", family},
                                      {"launchType", "FARGATE"},
                                      {"networkConfiguration", awsvpc_configuration()}});
    return id_of_arn(run["tasks"][0]["taskArn"]);
}

std::vector<std::string> EngineWorld::event_messages(const std::string& service_name) {
    std::vector<std::string> out;
    const json described = service(service_name);
    for (const auto& event : described["events"]) out.push_back(event["message"]);
    return out;
}

}  // namespace ecsemu::test
