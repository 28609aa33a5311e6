#include <catch2/catch.hpp>

#include "ecs_test_support.hpp"
#include "emulator/core/ecs/services.hpp"
#include "emulator/core/ecs/tasks.hpp"

using namespace ecsemu;
using namespace ecsemu::test;
using nlohmann::json;

namespace {

json describe_backend(EcsHarness& ecs) {
    return ecs.ok("DescribeServices", {{"cluster", "ielts-prod-cluster"},
                                       {"services", {"ielts-backend-service"}}})["services"][0];
}

json update(const json& members) {
    json request = {{"cluster", "ielts-prod-cluster"}, {"service", "ielts-backend-service"}};
    request.update(members);
    return request;
}

}  // namespace

TEST_CASE("UpdateService desiredCount alone starts no deployment", "[ecs][service][update]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    const json created = ecs.ok("CreateService", guide_backend_create_service_request())["service"];
    const json updated = ecs.ok("UpdateService", update({{"desiredCount", 4}}))["service"];
    CHECK(updated["desiredCount"] == 4);
    REQUIRE(updated["deployments"].size() == 1);
    CHECK(updated["deployments"][0]["id"] == created["deployments"][0]["id"]);
    CHECK(updated["deployments"][0]["desiredCount"] == 4);
    CHECK(updated["deployments"][0]["updatedAt"].get<double>() >
          created["deployments"][0]["updatedAt"].get<double>());
}

TEST_CASE("UpdateService with a new revision makes a new PRIMARY and the old one ACTIVE",
          "[ecs][service][update]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    const json created = ecs.ok("CreateService", guide_backend_create_service_request())["service"];
    ecs.ok("RegisterTaskDefinition", backend_task_definition_request());
    const json updated = ecs.ok("UpdateService", update({{"taskDefinition", "ielts-backend"}}))["service"];
    CHECK(updated["taskDefinition"] ==
          "arn:aws:ecs:ap-southeast-1:123456789012:task-definition/ielts-backend:2");
    REQUIRE(updated["deployments"].size() == 2);
    const json& primary = updated["deployments"][0];
    const json& previous = updated["deployments"][1];
    CHECK(primary["status"] == "PRIMARY");
    CHECK(primary["taskDefinition"] == updated["taskDefinition"]);
    CHECK(primary["rolloutState"] == "IN_PROGRESS");
    CHECK(primary["id"] != created["deployments"][0]["id"]);
    // Service Connect carries over to the new deployment.
    CHECK(primary["serviceConnectConfiguration"] == created["deployments"][0]["serviceConnectConfiguration"]);
    CHECK(primary["serviceConnectResources"] == created["deployments"][0]["serviceConnectResources"]);
    CHECK(previous["status"] == "ACTIVE");
    CHECK(previous["id"] == created["deployments"][0]["id"]);
    CHECK(previous["taskDefinition"] == created["taskDefinition"]);

    SECTION("forceNewDeployment adds another") {
        const json forced = ecs.ok("UpdateService", update({{"forceNewDeployment", true}}))["service"];
        REQUIRE(forced["deployments"].size() == 3);
        CHECK(forced["deployments"][0]["status"] == "PRIMARY");
        CHECK(forced["deployments"][1]["status"] == "ACTIVE");
        CHECK(forced["deployments"][2]["status"] == "ACTIVE");
    }
    SECTION("the same revision again starts nothing") {
        const json same = ecs.ok("UpdateService", update({{"taskDefinition", "ielts-backend:2"}}))["service"];
        CHECK(same["deployments"].size() == 2);
    }
}

TEST_CASE("UpdateService updates configuration members", "[ecs][service][update]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    ecs.ok("CreateService", guide_backend_create_service_request());
    const json updated =
        ecs.ok("UpdateService", update({{"deploymentConfiguration", {{"maximumPercent", 150}}},
                                        {"healthCheckGracePeriodSeconds", 60},
                                        {"enableExecuteCommand", true}}))["service"];
    CHECK(updated["deploymentConfiguration"]["maximumPercent"] == 150);
    CHECK(updated["deploymentConfiguration"]["minimumHealthyPercent"] == 100);  // kept
    CHECK(updated["healthCheckGracePeriodSeconds"] == 60);
    CHECK(updated["enableExecuteCommand"] == true);
    CHECK(updated["deployments"].size() == 1);

    const json moved = ecs.ok(
        "UpdateService",
        update({{"networkConfiguration", {{"awsvpcConfiguration", {{"subnets", {kSubnetA}}}}}}}))["service"];
    CHECK(moved["deployments"].size() == 2);
    CHECK(moved["networkConfiguration"]["awsvpcConfiguration"]["subnets"] == json({kSubnetA}));
    CHECK(moved["deployments"][0]["networkConfiguration"] == moved["networkConfiguration"]);

    CHECK(ecs.error("UpdateService", update({{"deploymentConfiguration", {{"minimumHealthyPercent", 150}}}}))
              .code == "InvalidParameterException");
    CHECK(ecs.error(
                 "UpdateService",
                 update(
                     {{"loadBalancers",
                       {{{"targetGroupArn", "tg"}, {"containerName", "backend"}, {"containerPort", 9090}}}}}))
              .message == "The container backend did not have a container port 9090 defined.");
}

TEST_CASE("UpdateService errors", "[ecs][service][update]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    auto error = ecs.error("UpdateService", update({{"desiredCount", 1}}));
    CHECK(error.code == "ServiceNotFoundException");
    CHECK(error.message == "Service not found.");

    ecs.ok("CreateService", guide_backend_create_service_request());
    ecs.ok("RegisterTaskDefinition", backend_task_definition_request());
    ecs.ok("DeregisterTaskDefinition", {{"taskDefinition", "ielts-backend:2"}});
    error = ecs.error("UpdateService", update({{"taskDefinition", "ielts-backend:2"}}));
    CHECK(error.code == "ClientException");
    CHECK(error.message == "TaskDefinition is inactive");

    ecs.ok("DeleteService", update({{"force", true}}));
    error = ecs.error("UpdateService", update({{"desiredCount", 1}}));
    CHECK(error.code == "ServiceNotActiveException");
    CHECK(error.message == "Service was not ACTIVE.");
}

TEST_CASE("DeleteService needs force or a scale-in to 0", "[ecs][service][delete]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    ecs.ok("CreateService", guide_backend_create_service_request());
    const auto error = ecs.error("DeleteService", update(json::object()));
    CHECK(error.code == "InvalidParameterException");
    CHECK(error.message == "The service cannot be stopped while it is scaled above 0.");

    SECTION("force") {
        const json deleted = ecs.ok("DeleteService", update({{"force", true}}))["service"];
        CHECK(deleted["status"] == "DRAINING");
        CHECK(deleted["desiredCount"] == 0);
    }
    SECTION("scaled to 0 first") {
        ecs.ok("UpdateService", update({{"desiredCount", 0}}));
        CHECK(ecs.ok("DeleteService", update(json::object()))["service"]["status"] == "DRAINING");
    }
    // No tasks: the service is INACTIVE at once, still describable, no longer listed.
    CHECK(describe_backend(ecs)["status"] == "INACTIVE");
    CHECK(ecs.ok("ListServices", {{"cluster", "ielts-prod-cluster"}})["serviceArns"] == json::array());
    CHECK(ecs.error("DeleteService", update({{"force", true}})).code == "ServiceNotFoundException");
}

TEST_CASE("A DRAINING service with live tasks stays DRAINING", "[ecs][service][delete]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    ecs.ok("CreateService", guide_backend_create_service_request());
    // Stand in for the scheduler: one task of the PRIMARY deployment.
    auto& service = ecs.state().services.at("ielts-prod-cluster").at("ielts-backend-service");
    core::ecs::Task task;
    task.id = "0123456789abcdef0123456789abcdef";
    task.cluster_name = "ielts-prod-cluster";
    task.deployment_id = service.deployments[0].id;
    task.service_name = service.name;
    task.last_status = core::ecs::TaskStatus::Running;
    core::ecs::store_task(ecs.state(), task);

    CHECK(describe_backend(ecs)["runningCount"] == 1);
    CHECK(describe_backend(ecs)["deployments"][0]["runningCount"] == 1);
    ecs.ok("DeleteService", update({{"force", true}}));
    CHECK(describe_backend(ecs)["status"] == "DRAINING");
    CHECK(ecs.ok("ListServices", {{"cluster", "ielts-prod-cluster"}})["serviceArns"].size() == 1);
    CHECK(ecs.error("DeleteCluster", {{"cluster", "ielts-prod-cluster"}}).code ==
          "ClusterContainsServicesException");

    // When the last task has stopped, the service can finish draining.
    core::ecs::settle_stopped_task(ecs.state().tasks["ielts-prod-cluster"][task.id], ecs.now);
    auto& draining = ecs.state().services.at("ielts-prod-cluster").at("ielts-backend-service");
    CHECK(core::ecs::finish_draining(ecs.state(), draining));
    CHECK(describe_backend(ecs)["status"] == "INACTIVE");
}

TEST_CASE("DescribeServices limits and ListServices filters", "[ecs][service]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    CHECK(ecs.error("DescribeServices", {{"cluster", "ielts-prod-cluster"},
                                         {"services", json(std::vector<std::string>(11, "s"))}})
              .code == "InvalidParameterException");
    CHECK(ecs.error("DescribeServices", {{"cluster", "nope"}, {"services", {"s"}}}).code ==
          "ClusterNotFoundException");
    CHECK(ecs.error("DescribeServices", {{"cluster", "ielts-prod-cluster"}}).code ==
          "InvalidParameterException");

    json request = guide_backend_create_service_request();
    request.erase("loadBalancers");
    request.erase("serviceConnectConfiguration");
    for (int i = 0; i < 12; ++i) {
        request["serviceName"] = "svc-" + std::string(i < 10 ? "0" : "") + std::to_string(i);
        ecs.ok("CreateService", request);
    }
    const json first = ecs.ok("ListServices", {{"cluster", "ielts-prod-cluster"}});
    CHECK(first["serviceArns"].size() == 10);  // ListServices pages by 10 unless told otherwise
    const json rest =
        ecs.ok("ListServices", {{"cluster", "ielts-prod-cluster"}, {"nextToken", first["nextToken"]}});
    CHECK(rest["serviceArns"].size() == 2);
    CHECK(ecs.ok("ListServices", {{"cluster", "ielts-prod-cluster"}, {"launchType", "EC2"}})["serviceArns"]
              .empty());
    CHECK(ecs.ok("ListServices", {{"cluster", "ielts-prod-cluster"},
                                  {"maxResults", 100},
                                  {"launchType", "FARGATE"},
                                  {"schedulingStrategy", "REPLICA"}})["serviceArns"]
              .size() == 12);

    const json tagged =
        ecs.ok("DescribeServices",
               {{"cluster", "ielts-prod-cluster"}, {"services", {"svc-00"}}, {"include", {"TAGS"}}});
    CHECK(tagged["services"][0]["tags"] == json::array());
}
