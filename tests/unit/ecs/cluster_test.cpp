#include <catch2/catch.hpp>

#include "ecs_test_support.hpp"

using namespace ecsemu;
using namespace ecsemu::test;
using nlohmann::json;

TEST_CASE("CreateCluster returns an ACTIVE cluster with ECS's defaults", "[ecs][cluster]") {
    EcsHarness ecs;
    const json cluster = ecs.ok(
        "CreateCluster",
        {{"clusterName", "ielts-prod-cluster"}, {"tags", {{{"key", "env"}, {"value", "prod"}}}}})["cluster"];
    CHECK(cluster == json::parse(R"({
        "clusterArn": "arn:aws:ecs:ap-southeast-1:123456789012:cluster/ielts-prod-cluster",
        "clusterName": "ielts-prod-cluster",
        "status": "ACTIVE",
        "registeredContainerInstancesCount": 0,
        "runningTasksCount": 0,
        "pendingTasksCount": 0,
        "activeServicesCount": 0,
        "statistics": [],
        "tags": [{"key": "env", "value": "prod"}],
        "settings": [{"name": "containerInsights", "value": "disabled"}],
        "capacityProviders": [],
        "defaultCapacityProviderStrategy": []
    })"));
}

TEST_CASE("CreateCluster without a name creates default, and is idempotent", "[ecs][cluster]") {
    EcsHarness ecs;
    const json first = ecs.ok("CreateCluster", json::object())["cluster"];
    CHECK(first["clusterName"] == "default");
    const json again =
        ecs.ok("CreateCluster", {{"clusterName", "default"}, {"tags", {{{"key", "a"}, {"value", "b"}}}}});
    CHECK(again["cluster"]["tags"] == json::array());  // the existing cluster, unchanged
    CHECK(ecs.error("CreateCluster", {{"clusterName", "bad name!"}}).code == "InvalidParameterException");
}

TEST_CASE("DescribeClusters shows requested parts and reports missing clusters", "[ecs][cluster]") {
    EcsHarness ecs;
    ecs.ok("CreateCluster", {{"clusterName", "default"},
                             {"settings", {{{"name", "containerInsights"}, {"value", "enhanced"}}}},
                             {"configuration", {{"executeCommandConfiguration", {{"logging", "DEFAULT"}}}}},
                             {"serviceConnectDefaults", {{"namespace", "ielts.local"}}}});
    SECTION("no clusters named means default") {
        const json out = ecs.ok("DescribeClusters", json::object());
        REQUIRE(out["clusters"].size() == 1);
        CHECK(out["clusters"][0]["clusterName"] == "default");
        CHECK_FALSE(out["clusters"][0].contains("settings"));
        CHECK(out["failures"] == json::array());
        const std::string ns = out["clusters"][0]["serviceConnectDefaults"]["namespace"];
        CHECK(ns.rfind("arn:aws:servicediscovery:ap-southeast-1:123456789012:namespace/ns-", 0) == 0);
    }
    SECTION("include adds settings, statistics, configuration and attachments") {
        const json out =
            ecs.ok("DescribeClusters",
                   {{"clusters", {"default"}},
                    {"include", {"SETTINGS", "STATISTICS", "CONFIGURATIONS", "ATTACHMENTS", "TAGS"}}});
        const json& c = out["clusters"][0];
        CHECK(c["settings"] == json::parse(R"([{"name":"containerInsights","value":"enhanced"}])"));
        CHECK(c["statistics"].size() == 8);
        CHECK(c["statistics"][0] == json({{"name", "runningEC2TasksCount"}, {"value", "0"}}));
        CHECK(c["configuration"] == json::parse(R"({"executeCommandConfiguration":{"logging":"DEFAULT"}})"));
        CHECK(c["attachments"] == json::array());
    }
    SECTION("missing clusters are failures, by ARN") {
        const json out = ecs.ok("DescribeClusters", {{"clusters", {"nope", "default"}}});
        CHECK(out["clusters"].size() == 1);
        CHECK(out["failures"] ==
              json::parse(R"([{"arn":"arn:aws:ecs:ap-southeast-1:123456789012:cluster/nope",
                                                  "reason":"MISSING"}])"));
    }
    SECTION("an unknown include value is refused") {
        CHECK(ecs.error("DescribeClusters", {{"include", {"EVERYTHING"}}}).code ==
              "InvalidParameterException");
    }
}

TEST_CASE("DeleteCluster refuses clusters with services or tasks, then leaves it INACTIVE",
          "[ecs][cluster]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    const json service_request = guide_backend_create_service_request();
    ecs.ok("CreateService", service_request);

    auto error = ecs.error("DeleteCluster", {{"cluster", "ielts-prod-cluster"}});
    CHECK(error.code == "ClusterContainsServicesException");
    CHECK(error.message == "The Cluster cannot be deleted while Services are active.");

    ecs.ok("DeleteService",
           {{"cluster", "ielts-prod-cluster"}, {"service", "ielts-backend-service"}, {"force", true}});
    const json run = ecs.ok("RunTask", {{"cluster", "ielts-prod-cluster"},
                                        {"taskDefinition", "ielts-backend"},
                                        {"launchType", "FARGATE"},
                                        {"networkConfiguration", service_request["networkConfiguration"]}});
    error = ecs.error("DeleteCluster", {{"cluster", "ielts-prod-cluster"}});
    CHECK(error.code == "ClusterContainsTasksException");
    CHECK(error.message == "The Cluster cannot be deleted while Tasks are active.");

    ecs.ok("StopTask", {{"cluster", "ielts-prod-cluster"}, {"task", run["tasks"][0]["taskArn"]}});
    const json deleted = ecs.ok(
        "DeleteCluster", {{"cluster", "arn:aws:ecs:ap-southeast-1:123456789012:cluster/ielts-prod-cluster"}});
    CHECK(deleted["cluster"]["status"] == "INACTIVE");

    CHECK(ecs.ok("DescribeClusters", {{"clusters", {"ielts-prod-cluster"}}})["clusters"][0]["status"] ==
          "INACTIVE");
    CHECK(ecs.ok("ListClusters", json::object())["clusterArns"] == json::array());
    CHECK(ecs.error("DeleteCluster", {{"cluster", "ielts-prod-cluster"}}).code == "ClusterNotFoundException");
    CHECK(ecs.error("CreateService", guide_backend_create_service_request()).message == "Cluster not found.");

    // The name can be used again.
    CHECK(ecs.ok("CreateCluster", {{"clusterName", "ielts-prod-cluster"}})["cluster"]["status"] == "ACTIVE");
}

TEST_CASE("ListClusters pages by name", "[ecs][cluster]") {
    EcsHarness ecs;
    for (const char* name : {"c", "a", "b"}) ecs.ok("CreateCluster", {{"clusterName", name}});
    const json first = ecs.ok("ListClusters", {{"maxResults", 2}});
    CHECK(first["clusterArns"] == json({"arn:aws:ecs:ap-southeast-1:123456789012:cluster/a",
                                        "arn:aws:ecs:ap-southeast-1:123456789012:cluster/b"}));
    const json second = ecs.ok("ListClusters", {{"maxResults", 2}, {"nextToken", first["nextToken"]}});
    CHECK(second["clusterArns"] == json({"arn:aws:ecs:ap-southeast-1:123456789012:cluster/c"}));
    CHECK_FALSE(second.contains("nextToken"));
    CHECK(ecs.error("ListClusters", {{"nextToken", "zz"}}).code == "InvalidParameterException");
}

TEST_CASE("Cluster counts follow services and tasks", "[ecs][cluster]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    ecs.ok("CreateService", guide_backend_create_service_request());
    ecs.ok("CreateService", guide_frontend_create_service_request());
    ecs.ok("RunTask",
           {{"cluster", "ielts-prod-cluster"},
            {"taskDefinition", "ielts-backend"},
            {"count", 3},
            {"launchType", "FARGATE"},
            {"networkConfiguration", guide_backend_create_service_request()["networkConfiguration"]}});
    const json c = ecs.ok("DescribeClusters",
                          {{"clusters", {"ielts-prod-cluster"}}, {"include", {"STATISTICS"}}})["clusters"][0];
    CHECK(c["activeServicesCount"] == 2);
    CHECK(c["pendingTasksCount"] == 3);
    CHECK(c["runningTasksCount"] == 0);
    CHECK(c["statistics"][3] == json({{"name", "pendingFargateTasksCount"}, {"value", "3"}}));
    CHECK(c["statistics"][5] == json({{"name", "activeFargateServiceCount"}, {"value", "2"}}));
}

TEST_CASE("PutClusterCapacityProviders sets Fargate providers and a default strategy", "[ecs][cluster]") {
    EcsHarness ecs;
    ecs.ok("CreateCluster", {{"clusterName", "spot"}});
    const json cluster = ecs.ok("PutClusterCapacityProviders",
                                {{"cluster", "spot"},
                                 {"capacityProviders", {"FARGATE", "FARGATE_SPOT"}},
                                 {"defaultCapacityProviderStrategy",
                                  {{{"capacityProvider", "FARGATE_SPOT"}, {"weight", 1}}}}})["cluster"];
    CHECK(cluster["capacityProviders"] == json({"FARGATE", "FARGATE_SPOT"}));
    CHECK(cluster["defaultCapacityProviderStrategy"] ==
          json::parse(R"([{"capacityProvider":"FARGATE_SPOT","weight":1,"base":0}])"));
    CHECK(ecs.error("PutClusterCapacityProviders",
                    {{"cluster", "spot"},
                     {"capacityProviders", {"FARGATE"}},
                     {"defaultCapacityProviderStrategy", {{{"capacityProvider", "FARGATE_SPOT"}}}}})
              .code == "InvalidParameterException");
    CHECK(ecs.error("PutClusterCapacityProviders", {{"cluster", "nope"},
                                                    {"capacityProviders", json::array()},
                                                    {"defaultCapacityProviderStrategy", json::array()}})
              .code == "ClusterNotFoundException");
}
