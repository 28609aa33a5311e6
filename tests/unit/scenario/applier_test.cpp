// The applier against the real services in process (ECS, EC2, ELBv2, Cloud Map behind one Gateway): a first
// apply creates, a second makes no mutating call, a changed task definition registers a revision and rolls
// the service that uses it.
#include <catch2/catch.hpp>
#include <memory>

#include "emulator/api/cloudmap/cloudmap_service.hpp"
#include "emulator/api/ec2/ec2_service.hpp"
#include "emulator/api/ecs/ecs_service.hpp"
#include "emulator/api/elbv2/elbv2_service.hpp"
#include "emulator/api/scenario/applier.hpp"
#include "emulator/api/scenario/status_report.hpp"
#include "emulator/api/wire/gateway.hpp"
#include "emulator/core/cloudmap/cloudmap_state.hpp"
#include "emulator/core/ecs/ecs_world.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"

namespace ecsemu::test::scenario {

using namespace api::scenario;
using nlohmann::json;

namespace {

struct InProcessAws {
    InProcessAws()
        : gateway(api::GatewayConfig{}, [] { return core::Instant{1'750'000'000'000}; }),
          ecs(ecs_world, ec2),
          elbv2(elbv2_world, ec2),
          cloudmap(cloudmap_world) {
        gateway.add_service(ec2);
        gateway.add_service(ecs);
        gateway.add_service(elbv2);
        gateway.add_service(cloudmap);
    }

    Transport transport() {
        return [this](const api::WireRequest& request) { return gateway.handle(request); };
    }

    api::Gateway gateway;
    api::ec2::Ec2Service ec2;
    core::ecs::EcsWorld ecs_world;
    api::ecs::EcsService ecs;
    core::elbv2::Elbv2World elbv2_world;
    api::elbv2::Elbv2Service elbv2;
    core::cloudmap::CloudMapWorld cloudmap_world;
    api::cloudmap::CloudMapService cloudmap;
};

json resource(const std::string& name, const std::string& type, json request) {
    return {{"name", name}, {"type", type}, {"request", std::move(request)}};
}

json stack(const std::string& backend_env) {
    json resources = json::array();
    resources.push_back(resource(
        "vpc", "ec2:CreateVpc",
        {{"CidrBlock", "10.0.0.0/16"},
         {"TagSpecifications",
          {{{"ResourceType", "vpc"}, {"Tags", {{{"Key", "Name"}, {"Value", "ielts-prod-vpc"}}}}}}}}));
    resources.push_back(resource(
        "a", "ec2:CreateSubnet",
        {{"VpcId", "${vpc}"}, {"CidrBlock", "10.0.11.0/24"}, {"AvailabilityZone", "ap-southeast-1a"}}));
    resources.push_back(resource(
        "b", "ec2:CreateSubnet",
        {{"VpcId", "${vpc}"}, {"CidrBlock", "10.0.12.0/24"}, {"AvailabilityZone", "ap-southeast-1b"}}));
    resources.push_back(resource("sg", "ec2:CreateSecurityGroup",
                                 {{"GroupName", "be"}, {"Description", "backend"}, {"VpcId", "${vpc}"}}));
    resources.push_back(resource("in", "ec2:AuthorizeSecurityGroupIngress",
                                 {{"GroupId", "${sg}"},
                                  {"IpPermissions",
                                   {{{"IpProtocol", "tcp"},
                                     {"FromPort", 8080},
                                     {"ToPort", 8080},
                                     {"IpRanges", {{{"CidrIp", "10.0.0.0/16"}}}}}}}}));
    resources.push_back(resource("ns", "servicediscovery:CreateHttpNamespace", {{"Name", "ielts.local"}}));
    resources.push_back(resource(
        "cluster", "ecs:CreateCluster",
        {{"clusterName", "ielts-prod-cluster"}, {"serviceConnectDefaults", {{"namespace", "${ns.Arn}"}}}}));
    resources.push_back(resource(
        "td", "ecs:RegisterTaskDefinition",
        {{"family", "ielts-backend"},
         {"networkMode", "awsvpc"},
         {"requiresCompatibilities", {"FARGATE"}},
         {"cpu", "512"},
         {"memory", "1024"},
         {"containerDefinitions",
          {{{"name", "backend"},
            {"image", "repo/ielts-backend:latest"},
            {"essential", true},
            {"portMappings", {{{"containerPort", 8080}, {"name", "backend"}, {"appProtocol", "http"}}}},
            {"environment", {{{"name", "MODE"}, {"value", backend_env}}}}}}}}));
    resources.push_back(
        resource("alb", "elbv2:CreateLoadBalancer",
                 {{"Name", "ielts-prod-alb"}, {"Subnets", {"${a}", "${b}"}}, {"SecurityGroups", {"${sg}"}}}));
    resources.push_back(resource("tg", "elbv2:CreateTargetGroup",
                                 {{"Name", "ielts-backend-tg"},
                                  {"Protocol", "HTTP"},
                                  {"Port", 8080},
                                  {"VpcId", "${vpc}"},
                                  {"TargetType", "ip"},
                                  {"HealthCheckPath", "/actuator/health"}}));
    resources.push_back(
        resource("tg-attributes", "elbv2:ModifyTargetGroupAttributes",
                 {{"TargetGroupArn", "${tg}"},
                  {"Attributes", {{{"Key", "deregistration_delay.timeout_seconds"}, {"Value", "30"}}}}}));
    resources.push_back(resource("listener", "elbv2:CreateListener",
                                 {{"LoadBalancerArn", "${alb}"},
                                  {"Protocol", "HTTP"},
                                  {"Port", 80},
                                  {"DefaultActions", {{{"Type", "forward"}, {"TargetGroupArn", "${tg}"}}}}}));
    resources.push_back(resource("rule", "elbv2:CreateRule",
                                 {{"ListenerArn", "${listener}"},
                                  {"Priority", 10},
                                  {"Conditions", {{{"Field", "path-pattern"}, {"Values", {"/api/*"}}}}},
                                  {"Actions", {{{"Type", "forward"}, {"TargetGroupArn", "${tg}"}}}}}));
    resources.push_back(resource(
        "service", "ecs:CreateService",
        {{"cluster", "ielts-prod-cluster"},
         {"serviceName", "ielts-backend-service"},
         {"taskDefinition", "${td}"},
         {"desiredCount", 2},
         {"launchType", "FARGATE"},
         {"deploymentConfiguration", {{"minimumHealthyPercent", 100}, {"maximumPercent", 200}}},
         {"networkConfiguration",
          {{"awsvpcConfiguration",
            {{"subnets", {"${a}", "${b}"}}, {"securityGroups", {"${sg}"}}, {"assignPublicIp", "DISABLED"}}}}},
         {"serviceConnectConfiguration",
          {{"enabled", true},
           {"namespace", "ielts.local"},
           {"services",
            {{{"portName", "backend"},
              {"discoveryName", "backend"},
              {"clientAliases", {{{"port", 8080}, {"dnsName", "backend.ielts.local"}}}}}}}}},
         {"loadBalancers",
          {{{"targetGroupArn", "${tg}"}, {"containerName", "backend"}, {"containerPort", 8080}}}}}));
    return {{"resources", resources},
            {"ecsemu",
             {{"runtimes",
               {{{"image", "*/ielts-backend:*"}, {"stub", {{"ECSEMU_STUB_CPU_MS_PER_REQUEST", "20"}}}}}}}}};
}

struct Run {
    std::shared_ptr<Scenario> scenario;  // the reports point into it
    ApplyReport report;
    std::size_t mutating_calls = 0;
    std::map<std::string, KindResult> applied;
};

Run apply_stack(InProcessAws& aws, const json& document) {
    auto scenario = parse_scenario(document.dump(), "stack.json");
    INFO((scenario.ok() ? std::string() : scenario.error().message));
    REQUIRE(scenario.ok());
    Run run;
    run.scenario = std::make_shared<Scenario>(std::move(scenario.value()));
    AwsClient client(aws.transport(), run.scenario->region);
    Applier applier(*run.scenario, client);
    run.report = applier.apply();
    run.mutating_calls = client.mutating_calls();
    run.applied = applier.applied();
    return run;
}

Outcome outcome_of(const Run& run, const std::string& label) {
    for (const auto& resource : run.report.resources) {
        if (resource.resource->label == label) return resource.outcome;
    }
    FAIL("no report for " << label);
    return Outcome::Unchanged;
}

}  // namespace

TEST_CASE("Applying creates every resource; applying again changes nothing", "[scenario][apply]") {
    InProcessAws aws;
    const Run first = apply_stack(aws, stack("one"));
    INFO(first.report.error.value_or(""));
    REQUIRE(first.report.ok());
    REQUIRE(first.report.resources.size() == 14);
    for (const auto& resource : first.report.resources) {
        INFO(resource.resource->label);
        CHECK(resource.outcome == (resource.resource->type == "elbv2:ModifyTargetGroupAttributes"
                                       ? Outcome::Updated
                                       : Outcome::Created));
    }
    CHECK(first.applied.at("vpc").id.rfind("vpc-", 0) == 0);
    CHECK(first.applied.at("tg").id.find(":targetgroup/ielts-backend-tg/") != std::string::npos);
    CHECK(first.applied.at("td").id.find(":task-definition/ielts-backend:1") != std::string::npos);
    // The stub settings of the image's runtime rule went into the container's environment.
    CHECK(first.applied.at("td").record["containerDefinitions"][0]["environment"].dump().find(
              "ECSEMU_STUB_CPU_MS_PER_REQUEST") != std::string::npos);

    const Run second = apply_stack(aws, stack("one"));
    INFO(second.report.error.value_or(""));
    REQUIRE(second.report.ok());
    for (const auto& resource : second.report.resources) {
        INFO(resource.resource->label);
        CHECK(resource.outcome == Outcome::Unchanged);
    }
    CHECK(second.mutating_calls == 0);
    CHECK(second.applied.at("tg").id == first.applied.at("tg").id);
    CHECK(second.applied.at("ns").id == first.applied.at("ns").id);
}

TEST_CASE("A changed task definition registers a revision and updates the service to it",
          "[scenario][apply]") {
    InProcessAws aws;
    REQUIRE(apply_stack(aws, stack("one")).report.ok());
    const Run changed = apply_stack(aws, stack("two"));
    INFO(changed.report.error.value_or(""));
    REQUIRE(changed.report.ok());
    CHECK(outcome_of(changed, "td") == Outcome::Updated);
    CHECK(changed.applied.at("td").id.find(":task-definition/ielts-backend:2") != std::string::npos);
    CHECK(outcome_of(changed, "service") == Outcome::Updated);
    CHECK(changed.applied.at("service").record["taskDefinition"] == changed.applied.at("td").id);
    CHECK(outcome_of(changed, "tg") == Outcome::Unchanged);
    CHECK(changed.mutating_calls == 2);  // RegisterTaskDefinition, UpdateService
}

TEST_CASE("A failed call stops the apply and names the resource", "[scenario][apply]") {
    InProcessAws aws;
    json document = stack("one");
    document["resources"][8]["request"]["Subnets"] = {"subnet-0000000000000dead"};
    const Run run = apply_stack(aws, document);
    REQUIRE(run.report.error.has_value());
    CHECK_THAT(*run.report.error,
               Catch::StartsWith("stack.json: resources[8] \"alb\" (elbv2:CreateLoadBalancer): "
                                 "elbv2:CreateLoadBalancer failed: "));
    CHECK(run.report.resources.size() == 8);
}

TEST_CASE("An unknown field of a referenced resource is an error at resolution", "[scenario][apply]") {
    InProcessAws aws;
    json document = stack("one");
    document["resources"][1]["request"]["VpcId"] = "${vpc.NoSuchField}";
    const Run run = apply_stack(aws, document);
    REQUIRE(run.report.error.has_value());
    CHECK_THAT(*run.report.error,
               Catch::StartsWith("stack.json: resources[1] \"a\" (ec2:CreateSubnet): request.VpcId: "
                                 "${vpc.NoSuchField}: \"vpc\" has no field NoSuchField (it has: "));
}

TEST_CASE("Status reads clusters, services, deployments and tasks through the APIs", "[scenario][status]") {
    InProcessAws aws;
    REQUIRE(apply_stack(aws, stack("one")).report.ok());
    AwsClient client(aws.transport(), "ap-southeast-1");
    auto status = gather_status(client);
    INFO((status.ok() ? std::string() : status.error().message));
    REQUIRE(status.ok());
    REQUIRE(status->at("clusters").size() == 1);
    const json& service = status->at("clusters")[0]["services"][0];
    CHECK(service["serviceName"] == "ielts-backend-service");
    CHECK(service["desiredCount"] == 2);
    CHECK(service["deployments"].size() == 1);
    CHECK(render_status(status.value()).find("service ielts-backend-service") != std::string::npos);
    CHECK(client.mutating_calls() == 0);
}

}  // namespace ecsemu::test::scenario
