#include <catch2/catch.hpp>
#include <set>

#include "ecs_test_support.hpp"

using namespace ecsemu;
using namespace ecsemu::test;
using nlohmann::json;

namespace {

json run_request(int count) {
    return {{"cluster", "ielts-prod-cluster"},
            {"taskDefinition", "ielts-backend"},
            {"count", count},
            {"launchType", "FARGATE"},
            {"startedBy", "migration-job"},
            {"networkConfiguration", guide_backend_create_service_request()["networkConfiguration"]}};
}

std::string detail(const json& attachment, const std::string& name) {
    for (const auto& d : attachment["details"]) {
        if (d["name"] == name) return d["value"];
    }
    return "";
}

}  // namespace

TEST_CASE("RunTask creates PROVISIONING Fargate tasks with an ENI", "[ecs][task]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    const json out = ecs.ok("RunTask", run_request(1));
    CHECK(out["failures"] == json::array());
    REQUIRE(out["tasks"].size() == 1);
    const json& task = out["tasks"][0];
    const std::string arn = task["taskArn"];
    const std::string prefix = "arn:aws:ecs:ap-southeast-1:123456789012:task/ielts-prod-cluster/";
    REQUIRE(arn.rfind(prefix, 0) == 0);
    const std::string id = arn.substr(prefix.size());
    CHECK(id.size() == 32);
    CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);

    CHECK(task["clusterArn"] == "arn:aws:ecs:ap-southeast-1:123456789012:cluster/ielts-prod-cluster");
    CHECK(task["taskDefinitionArn"] ==
          "arn:aws:ecs:ap-southeast-1:123456789012:task-definition/ielts-backend:1");
    CHECK(task["lastStatus"] == "PROVISIONING");
    CHECK(task["desiredStatus"] == "RUNNING");
    CHECK(task["launchType"] == "FARGATE");
    CHECK(task["platformVersion"] == "1.4.0");
    CHECK(task["platformFamily"] == "Linux");
    CHECK(task["cpu"] == "1024");
    CHECK(task["memory"] == "2048");
    CHECK(task["group"] == "family:ielts-backend");
    CHECK(task["startedBy"] == "migration-job");
    CHECK(task["version"] == 1);
    CHECK(task["healthStatus"] == "UNKNOWN");
    CHECK(task["attributes"] == json::parse(R"([{"name":"ecs.cpu-architecture","value":"x86_64"}])"));
    CHECK(task["ephemeralStorage"] == json({{"sizeInGiB", 20}}));
    CHECK(task["overrides"] == json::parse(R"({"containerOverrides":[{"name":"backend"}],
                                              "inferenceAcceleratorOverrides":[]})"));
    CHECK(task["availabilityZone"] == "ap-southeast-1a");

    REQUIRE(task["attachments"].size() == 1);
    const json& eni = task["attachments"][0];
    CHECK(eni["type"] == "ElasticNetworkInterface");
    CHECK(eni["status"] == "PRECREATED");
    CHECK(detail(eni, "subnetId") == kSubnetA);
    const std::string eni_id = detail(eni, "networkInterfaceId");
    CHECK(eni_id.size() == 4 + 17);
    const std::string ip = detail(eni, "privateIPv4Address");
    CHECK(ip.rfind("10.0.11.", 0) == 0);
    std::string dashed = ip;
    std::replace(dashed.begin(), dashed.end(), '.', '-');
    CHECK(detail(eni, "privateDnsName") == "ip-" + dashed + ".ap-southeast-1.compute.internal");
    CHECK(detail(eni, "macAddress").size() == 17);

    REQUIRE(task["containers"].size() == 1);
    const json& c = task["containers"][0];
    const std::string container_arn = c["containerArn"];
    CHECK(container_arn.rfind(
              "arn:aws:ecs:ap-southeast-1:123456789012:container/ielts-prod-cluster/" + id + "/", 0) == 0);
    CHECK(c["taskArn"] == arn);
    CHECK(c["name"] == "backend");
    CHECK(c["lastStatus"] == "PENDING");
    CHECK(c["cpu"] == "0");
    CHECK(c["networkInterfaces"] == json::array({{{"attachmentId", eni["id"]}, {"privateIpv4Address", ip}}}));
}

TEST_CASE("RunTask spreads tasks over the subnets' zones with distinct addresses", "[ecs][task]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    const json out = ecs.ok("RunTask", run_request(4));
    REQUIRE(out["tasks"].size() == 4);
    std::map<std::string, int> per_zone;
    std::set<std::string> ips;
    for (const auto& task : out["tasks"]) {
        ++per_zone[task["availabilityZone"].get<std::string>()];
        ips.insert(detail(task["attachments"][0], "privateIPv4Address"));
    }
    CHECK(per_zone == std::map<std::string, int>{{"ap-southeast-1a", 2}, {"ap-southeast-1b", 2}});
    CHECK(ips.size() == 4);
}

TEST_CASE("RunTask validation", "[ecs][task]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    json request = run_request(1);
    SECTION("count") {
        request["count"] = 11;
        CHECK(ecs.error("RunTask", request).code == "InvalidParameterException");
    }
    SECTION("unknown task definition") {
        request["taskDefinition"] = "ielts-admin";
        const auto error = ecs.error("RunTask", request);
        CHECK(error.code == "ClientException");
        CHECK(error.message == "TaskDefinition not found.");
    }
    SECTION("inactive task definition") {
        ecs.ok("DeregisterTaskDefinition", {{"taskDefinition", "ielts-backend:1"}});
        request["taskDefinition"] = "ielts-backend:1";
        const auto error = ecs.error("RunTask", request);
        CHECK(error.code == "InvalidParameterException");
        CHECK(error.message == "TaskDefinition is inactive");
    }
    SECTION("missing network configuration") {
        request.erase("networkConfiguration");
        CHECK(ecs.error("RunTask", request).message ==
              "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    }
    SECTION("override for an unknown container") {
        request["overrides"] = {{"containerOverrides", {{{"name", "web"}, {"command", {"true"}}}}}};
        CHECK(ecs.error("RunTask", request).message ==
              "Override for container named web is not a container in the TaskDefinition.");
    }
    SECTION("EC2 launch type finds no container instances") {
        request["launchType"] = "EC2";
        const json out = ecs.ok("RunTask", request);
        CHECK(out["tasks"] == json::array());
        CHECK(out["failures"][0]["reason"] == "No Container Instances were found in your cluster.");
    }
    SECTION("overrides are kept per container") {
        request["overrides"] = {{"containerOverrides",
                                 {{{"name", "backend"},
                                   {"command", {"migrate"}},
                                   {"environment", {{{"name", "MODE"}, {"value", "job"}}}}}}}};
        request["group"] = "migrations";
        const json task = ecs.ok("RunTask", request)["tasks"][0];
        CHECK(
            task["overrides"]["containerOverrides"] ==
            json::parse(
                R"([{"name":"backend","command":["migrate"],"environment":[{"name":"MODE","value":"job"}]}])"));
        CHECK(task["group"] == "migrations");
    }
    SECTION("nothing is created on failure") {
        request["count"] = 0;
        ecs.error("RunTask", request);
        CHECK(ecs.state().tasks.empty());
    }
}

TEST_CASE("StopTask stops a task; ListTasks filters by desired status", "[ecs][task]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    const json tasks = ecs.ok("RunTask", run_request(2))["tasks"];
    const std::string first = tasks[0]["taskArn"];
    const std::string second = tasks[1]["taskArn"];

    const json stopped = ecs.ok(
        "StopTask", {{"cluster", "ielts-prod-cluster"}, {"task", first}, {"reason", "Scaling down"}})["task"];
    CHECK(stopped["desiredStatus"] == "STOPPED");
    CHECK(stopped["lastStatus"] == "STOPPED");
    CHECK(stopped["stopCode"] == "UserInitiated");
    CHECK(stopped["stoppedReason"] == "Scaling down");
    CHECK(stopped["stoppingAt"].is_number());
    CHECK(stopped["stoppedAt"].is_number());
    CHECK(stopped["version"] == 3);
    CHECK(stopped["containers"][0]["lastStatus"] == "STOPPED");

    const std::string id = second.substr(second.rfind('/') + 1);
    const json by_id = ecs.ok("StopTask", {{"cluster", "ielts-prod-cluster"}, {"task", id}})["task"];
    CHECK(by_id["stoppedReason"] == "Task stopped by user");
    // Stopping again changes nothing.
    CHECK(ecs.ok("StopTask", {{"cluster", "ielts-prod-cluster"}, {"task", id}})["task"] == by_id);

    const auto error = ecs.error("StopTask", {{"cluster", "ielts-prod-cluster"}, {"task", "0123"}});
    CHECK(error.code == "InvalidParameterException");
    CHECK(error.message == "The referenced task was not found.");

    CHECK(ecs.ok("ListTasks", {{"cluster", "ielts-prod-cluster"}})["taskArns"] == json::array());
    CHECK(ecs.ok("ListTasks", {{"cluster", "ielts-prod-cluster"},
                               {"desiredStatus", "STOPPED"}})["taskArns"] == json({first, second}));
}

TEST_CASE("ListTasks filters and pages", "[ecs][task]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    const json backend = ecs.ok("RunTask", run_request(3))["tasks"];
    json frontend_request = run_request(1);
    frontend_request["taskDefinition"] = "ielts-frontend";
    frontend_request.erase("startedBy");
    const json frontend = ecs.ok("RunTask", frontend_request)["tasks"];
    ecs.ok("CreateService", guide_backend_create_service_request());

    const auto list = [&](const json& filter) {
        json request = {{"cluster", "ielts-prod-cluster"}};
        request.update(filter);
        return ecs.ok("ListTasks", request)["taskArns"];
    };
    CHECK(list(json::object()).size() == 4);
    CHECK(list({{"family", "ielts-frontend"}}) == json({frontend[0]["taskArn"]}));
    CHECK(list({{"startedBy", "migration-job"}}).size() == 3);
    CHECK(list({{"launchType", "EC2"}}) == json::array());
    CHECK(list({{"desiredStatus", "PENDING"}}) == json::array());
    CHECK(list({{"serviceName", "ielts-backend-service"}}) ==
          json::array());  // no scheduler has started any yet
    CHECK(list({{"containerInstance", "ci"}}) == json::array());
    CHECK(ecs.error("ListTasks", {{"cluster", "ielts-prod-cluster"}, {"serviceName", "nope"}}).code ==
          "ServiceNotFoundException");
    CHECK(ecs.error("ListTasks", {{"cluster", "nope"}}).code == "ClusterNotFoundException");

    const json page = ecs.ok("ListTasks", {{"cluster", "ielts-prod-cluster"}, {"maxResults", 3}});
    CHECK(page["taskArns"] == json({backend[0]["taskArn"], backend[1]["taskArn"], backend[2]["taskArn"]}));
    const json next =
        ecs.ok("ListTasks",
               {{"cluster", "ielts-prod-cluster"}, {"maxResults", 3}, {"nextToken", page["nextToken"]}});
    CHECK(next["taskArns"] == json({frontend[0]["taskArn"]}));
}

TEST_CASE("DescribeTasks reports missing tasks and tags on request", "[ecs][task]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    json request = run_request(1);
    request["tags"] = {{{"key", "job"}, {"value", "migrate"}}};
    const json task = ecs.ok("RunTask", request)["tasks"][0];
    CHECK(task["tags"] == json::parse(R"([{"key":"job","value":"migrate"}])"));

    const json out =
        ecs.ok("DescribeTasks", {{"cluster", "ielts-prod-cluster"},
                                 {"tasks", {task["taskArn"], "ffffffffffffffffffffffffffffffff"}}});
    REQUIRE(out["tasks"].size() == 1);
    CHECK(out["tasks"][0]["tags"] == json::array());
    CHECK(out["failures"] == json::parse(R"([{"arn":
        "arn:aws:ecs:ap-southeast-1:123456789012:task/ielts-prod-cluster/ffffffffffffffffffffffffffffffff",
        "reason":"MISSING"}])"));
    const json tagged =
        ecs.ok("DescribeTasks",
               {{"cluster", "ielts-prod-cluster"}, {"tasks", {task["taskArn"]}}, {"include", {"TAGS"}}});
    CHECK(tagged["tasks"][0]["tags"] == task["tags"]);
    CHECK(ecs.error("DescribeTasks", {{"cluster", "ielts-prod-cluster"}, {"tasks", json::array()}}).message ==
          "Tasks cannot be empty.");
}
