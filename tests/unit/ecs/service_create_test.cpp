#include <catch2/catch.hpp>

#include "ecs_test_support.hpp"

using namespace ecsemu;
using namespace ecsemu::test;
using nlohmann::json;

TEST_CASE("The guide's backend create-service is accepted and shaped as ECS returns it", "[ecs][service]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    const json service = ecs.ok("CreateService", guide_backend_create_service_request())["service"];

    CHECK(service["serviceArn"] ==
          "arn:aws:ecs:ap-southeast-1:123456789012:service/ielts-prod-cluster/ielts-backend-service");
    CHECK(service["serviceName"] == "ielts-backend-service");
    CHECK(service["clusterArn"] == "arn:aws:ecs:ap-southeast-1:123456789012:cluster/ielts-prod-cluster");
    CHECK(service["status"] == "ACTIVE");
    CHECK(service["desiredCount"] == 2);
    CHECK(service["runningCount"] == 0);
    CHECK(service["pendingCount"] == 0);
    CHECK(service["launchType"] == "FARGATE");
    CHECK(service["platformVersion"] == "LATEST");
    CHECK(service["platformFamily"] == "Linux");
    CHECK(service["taskDefinition"] ==
          "arn:aws:ecs:ap-southeast-1:123456789012:task-definition/ielts-backend:1");
    CHECK(service["loadBalancers"] == json::parse(R"([{
        "targetGroupArn": "arn:aws:elasticloadbalancing:ap-southeast-1:{account}:targetgroup/ielts-backend-tg/xxx",
        "containerName": "backend", "containerPort": 8080}])"));
    CHECK(service["serviceRegistries"] == json::array());
    CHECK(service["deploymentConfiguration"] == json::parse(R"({
        "deploymentCircuitBreaker": {"enable": false, "rollback": false},
        "maximumPercent": 200, "minimumHealthyPercent": 100, "strategy": "ROLLING", "bakeTimeInMinutes": 0})"));
    CHECK(service["roleArn"] ==
          "arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS");
    CHECK(service["events"] == json::array());
    CHECK(service["createdBy"] == "arn:aws:iam::123456789012:root");
    CHECK(service["healthCheckGracePeriodSeconds"] == 0);
    CHECK(service["schedulingStrategy"] == "REPLICA");
    CHECK(service["deploymentController"] == json({{"type", "ECS"}}));
    CHECK(service["enableECSManagedTags"] == false);
    CHECK(service["propagateTags"] == "NONE");
    CHECK(service["enableExecuteCommand"] == false);
    CHECK(service["placementConstraints"] == json::array());
    CHECK(service["placementStrategy"] == json::array());
    const json network = json::parse(R"({"awsvpcConfiguration": {
        "subnets": ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60729"],
        "securityGroups": ["sg-0be0be0be0be0be01"], "assignPublicIp": "DISABLED"}})");
    CHECK(service["networkConfiguration"] == network);
    CHECK_FALSE(service.contains("tags"));

    REQUIRE(service["deployments"].size() == 1);
    const json& d = service["deployments"][0];
    const std::string id = d["id"];
    REQUIRE(id.size() == std::string("ecs-svc/").size() + 19);
    CHECK(id.rfind("ecs-svc/", 0) == 0);
    CHECK(d["status"] == "PRIMARY");
    CHECK(d["taskDefinition"] == service["taskDefinition"]);
    CHECK(d["desiredCount"] == 2);
    CHECK(d["pendingCount"] == 0);
    CHECK(d["runningCount"] == 0);
    CHECK(d["failedTasks"] == 0);
    CHECK(d["createdAt"] == service["createdAt"]);
    CHECK(d["updatedAt"] == service["createdAt"]);
    CHECK(d["launchType"] == "FARGATE");
    CHECK(d["platformVersion"] == "1.4.0");
    CHECK(d["platformFamily"] == "Linux");
    CHECK(d["networkConfiguration"] == network);
    CHECK(d["rolloutState"] == "IN_PROGRESS");
    CHECK(d["rolloutStateReason"] == "ECS deployment " + id + " in progress.");
    CHECK(d["serviceConnectConfiguration"] == json::parse(R"({
        "enabled": true, "namespace": "ielts.local",
        "services": [{"portName": "backend", "discoveryName": "backend",
                      "clientAliases": [{"port": 8080, "dnsName": "backend.ielts.local"}]}]})"));
    REQUIRE(d["serviceConnectResources"].size() == 1);
    CHECK(d["serviceConnectResources"][0]["discoveryName"] == "backend");
    const std::string discovery_arn = d["serviceConnectResources"][0]["discoveryArn"];
    const std::string prefix = "arn:aws:servicediscovery:ap-southeast-1:123456789012:service/srv-";
    CHECK(discovery_arn.rfind(prefix, 0) == 0);
    CHECK(discovery_arn.size() == prefix.size() + 16);
}

TEST_CASE("Both guide services coexist and are listed and described", "[ecs][service]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    ecs.ok("CreateService", guide_backend_create_service_request());
    ecs.ok("CreateService", guide_frontend_create_service_request());
    const json list = ecs.ok("ListServices", {{"cluster", "ielts-prod-cluster"}});
    CHECK(
        list["serviceArns"] ==
        json({"arn:aws:ecs:ap-southeast-1:123456789012:service/ielts-prod-cluster/ielts-backend-service",
              "arn:aws:ecs:ap-southeast-1:123456789012:service/ielts-prod-cluster/ielts-frontend-service"}));
    const json described =
        ecs.ok("DescribeServices",
               {{"cluster", "ielts-prod-cluster"},
                {"services", {"ielts-backend-service", "ielts-frontend-service", "ielts-admin-service"}}});
    REQUIRE(described["services"].size() == 2);
    CHECK(described["services"][1]["deployments"][0]["serviceConnectConfiguration"]["services"][0]
                   ["clientAliases"] == json::parse(R"([{"port":3000,"dnsName":"frontend.ielts.local"}])"));
    CHECK(described["failures"] == json::parse(R"([{
        "arn": "arn:aws:ecs:ap-southeast-1:123456789012:service/ielts-prod-cluster/ielts-admin-service",
        "reason": "MISSING"}])"));
}

TEST_CASE("CreateService is not idempotent for an ACTIVE name", "[ecs][service]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    ecs.ok("CreateService", guide_backend_create_service_request());
    const auto error = ecs.error("CreateService", guide_backend_create_service_request());
    CHECK(error.code == "InvalidParameterException");
    CHECK(error.message == "Creation of service was not idempotent.");

    SECTION("a deleted (INACTIVE) name can be created again, with a new deployment") {
        const json old = ecs.ok("DescribeServices", {{"cluster", "ielts-prod-cluster"},
                                                     {"services", {"ielts-backend-service"}}})["services"][0];
        ecs.ok("DeleteService",
               {{"cluster", "ielts-prod-cluster"}, {"service", "ielts-backend-service"}, {"force", true}});
        const json again = ecs.ok("CreateService", guide_backend_create_service_request())["service"];
        CHECK(again["status"] == "ACTIVE");
        CHECK(again["deployments"][0]["id"] != old["deployments"][0]["id"]);
        // The Cloud Map service for discoveryName "backend" is reused.
        CHECK(again["deployments"][0]["serviceConnectResources"] ==
              old["deployments"][0]["serviceConnectResources"]);
    }
}

TEST_CASE("CreateService checks references the way ECS does", "[ecs][service]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    json request = guide_backend_create_service_request();

    SECTION("unknown cluster") {
        request["cluster"] = "nope";
        const auto error = ecs.error("CreateService", request);
        CHECK(error.code == "ClusterNotFoundException");
        CHECK(error.message == "Cluster not found.");
    }
    SECTION("unknown task definition") {
        request["taskDefinition"] = "ielts-admin";
        const auto error = ecs.error("CreateService", request);
        CHECK(error.code == "ClientException");
        CHECK(error.message == "TaskDefinition not found.");
    }
    SECTION("inactive task definition revision") {
        ecs.ok("DeregisterTaskDefinition", {{"taskDefinition", "ielts-backend:1"}});
        request["taskDefinition"] = "ielts-backend:1";
        CHECK(ecs.error("CreateService", request).message == "TaskDefinition is inactive");
    }
    SECTION("awsvpc without networkConfiguration") {
        request.erase("networkConfiguration");
        const auto error = ecs.error("CreateService", request);
        CHECK(error.code == "InvalidParameterException");
        CHECK(error.message ==
              "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    }
    SECTION("load balancer container that is not in the task definition") {
        request["loadBalancers"][0]["containerName"] = "web";
        CHECK(ecs.error("CreateService", request).message ==
              "The container web does not exist in the task definition.");
    }
    SECTION("load balancer port the container does not expose") {
        request["loadBalancers"][0]["containerPort"] = 80;
        CHECK(ecs.error("CreateService", request).message ==
              "The container backend did not have a container port 80 defined.");
    }
    SECTION("Service Connect portName must name a port mapping") {
        request["serviceConnectConfiguration"]["services"][0]["portName"] = "http";
        const auto error = ecs.error("CreateService", request);
        CHECK(error.code == "InvalidParameterException");
        CHECK(error.message.find("portName 'http'") != std::string::npos);
    }
    SECTION("malformed subnet id") {
        request["networkConfiguration"]["awsvpcConfiguration"]["subnets"] = {"subnet-xyz"};
        CHECK(ecs.error("CreateService", request).code == "InvalidParameterException");
    }
    SECTION("security group from another VPC") {
        request["networkConfiguration"]["awsvpcConfiguration"]["securityGroups"] = {kOtherVpcSg};
        CHECK(ecs.error("CreateService", request).code == "InvalidParameterException");
    }
    SECTION("an IAM role with awsvpc") {
        request["role"] = "ecsServiceRole";
        CHECK(ecs.error("CreateService", request).message ==
              "You cannot specify an IAM role for services that require a service linked role.");
    }
    SECTION("a non-Fargate task definition on FARGATE") {
        ecs.ok("RegisterTaskDefinition",
               {{"family", "bridge-app"},
                {"containerDefinitions", {{{"name", "backend"}, {"image", "x"}, {"memory", 128}}}}});
        request["taskDefinition"] = "bridge-app";
        request.erase("serviceConnectConfiguration");
        request.erase("loadBalancers");
        CHECK(ecs.error("CreateService", request).message ==
              "Task definition does not support launch_type FARGATE.");
    }
    SECTION("well-formed subnets EC2 does not know are accepted") {
        request["networkConfiguration"]["awsvpcConfiguration"]["subnets"] = {"subnet-0123456789abcdef9"};
        request["networkConfiguration"]["awsvpcConfiguration"]["securityGroups"] = {"sg-0123456789abcdef9"};
        CHECK(ecs.ok("CreateService", request)["service"]["status"] == "ACTIVE");
    }
    SECTION("nothing is stored when a request fails") {
        request["loadBalancers"][0]["containerPort"] = 80;
        ecs.error("CreateService", request);
        CHECK(ecs.state().services.count("ielts-prod-cluster") == 0);
        CHECK(ecs.state().namespaces.empty());
    }
}

TEST_CASE("CreateService defaults without load balancers, Service Connect or a launch type",
          "[ecs][service]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    json request = guide_backend_create_service_request();
    request.erase("loadBalancers");
    request.erase("serviceConnectConfiguration");
    request["deploymentConfiguration"] = {
        {"minimumHealthyPercent", 50}, {"deploymentCircuitBreaker", {{"enable", true}, {"rollback", true}}}};
    request["tags"] = {{{"key", "team"}, {"value", "ielts"}}};
    request["enableExecuteCommand"] = true;
    const json service = ecs.ok("CreateService", request)["service"];
    CHECK(service["deploymentConfiguration"]["maximumPercent"] == 200);
    CHECK(service["deploymentConfiguration"]["minimumHealthyPercent"] == 50);
    CHECK(service["deploymentConfiguration"]["deploymentCircuitBreaker"] ==
          json({{"enable", true}, {"rollback", true}}));
    CHECK(service["tags"] == json::parse(R"([{"key":"team","value":"ielts"}])"));
    CHECK(service["enableExecuteCommand"] == true);
    CHECK(service["loadBalancers"] == json::array());
    CHECK_FALSE(service["deployments"][0].contains("serviceConnectConfiguration"));
    // awsvpc services use the service-linked role even without a load balancer.
    CHECK(service["roleArn"] ==
          "arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS");

    request["serviceName"] = "no-launch-type";
    request.erase("launchType");
    const json ec2 = ecs.ok("CreateService", request)["service"];
    CHECK(ec2["launchType"] == "EC2");  // no capacity provider strategy on the cluster
    CHECK_FALSE(ec2.contains("platformVersion"));
}

TEST_CASE("Service Connect namespace defaults to the cluster's", "[ecs][service][serviceconnect]") {
    EcsHarness ecs;
    ecs.ok("CreateCluster", {{"clusterName", "ielts-prod-cluster"},
                             {"serviceConnectDefaults", {{"namespace", "ielts.local"}}}});
    ecs.ok("RegisterTaskDefinition", backend_task_definition_request());
    json request = guide_backend_create_service_request();
    request["serviceConnectConfiguration"] =
        json::parse(R"({"enabled": true, "services": [{"portName": "backend",
                                                             "clientAliases": [{"port": 80}]}]})");
    const json d = ecs.ok("CreateService", request)["service"]["deployments"][0];
    const std::string namespace_arn = ecs.state().namespaces.at("ielts.local").arn;
    CHECK(d["serviceConnectConfiguration"]["namespace"] == namespace_arn);
    CHECK(d["serviceConnectConfiguration"]["services"][0] == json::parse(R"({"portName": "backend",
        "discoveryName": "backend", "clientAliases": [{"port": 80, "dnsName": "backend.ielts.local"}]})"));

    ecs.ok("CreateCluster", {{"clusterName", "plain"}});
    request["cluster"] = "plain";
    CHECK(ecs.error("CreateService", request).code == "InvalidParameterException");
}
