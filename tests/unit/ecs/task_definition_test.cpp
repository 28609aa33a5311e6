#include <catch2/catch.hpp>

#include "ecs_test_support.hpp"

using namespace ecsemu;
using namespace ecsemu::test;
using nlohmann::json;

namespace {

json minimal_fargate(const std::string& family, const json& cpu, const json& memory) {
    json request = {{"family", family},
                    {"networkMode", "awsvpc"},
                    {"requiresCompatibilities", {"FARGATE"}},
                    {"containerDefinitions", {{{"name", "app"}, {"image", "nginx"}}}}};
    if (!cpu.is_null()) request["cpu"] = cpu;
    if (!memory.is_null()) request["memory"] = memory;
    return request;
}

}  // namespace

TEST_CASE("RegisterTaskDefinition returns the guide's backend definition as ECS shows it", "[ecs][taskdef]") {
    EcsHarness ecs;
    const json out = ecs.ok("RegisterTaskDefinition", backend_task_definition_request());
    const json& td = out.at("taskDefinition");
    CHECK(td.at("taskDefinitionArn") ==
          "arn:aws:ecs:ap-southeast-1:123456789012:task-definition/ielts-backend:1");
    CHECK(td.at("family") == "ielts-backend");
    CHECK(td.at("revision") == 1);
    CHECK(td.at("status") == "ACTIVE");
    CHECK(td.at("networkMode") == "awsvpc");
    CHECK(td.at("cpu") == "1024");
    CHECK(td.at("memory") == "2048");
    CHECK(td.at("compatibilities") == json({"EC2", "FARGATE"}));
    CHECK(td.at("requiresCompatibilities") == json({"FARGATE"}));
    CHECK(td.at("registeredBy") == "arn:aws:iam::123456789012:root");
    CHECK(td.at("registeredAt").get<double>() == Approx(1'700'000'000.0));
    CHECK(td.at("volumes") == json::array());
    CHECK(td.at("placementConstraints") == json::array());
    CHECK(td.at("runtimePlatform") ==
          json({{"cpuArchitecture", "X86_64"}, {"operatingSystemFamily", "LINUX"}}));
    CHECK(td.at("requiresAttributes").size() == 8);
    CHECK_FALSE(out.contains("tags"));

    const json& c = td.at("containerDefinitions").at(0);
    CHECK(c.at("name") == "backend");
    CHECK(c.at("cpu") == 0);
    CHECK(c.at("essential") == true);
    CHECK(c.at("portMappings") == json::parse(R"([{"containerPort":8080,"hostPort":8080,"protocol":"tcp",
                                                   "name":"backend","appProtocol":"http"}])"));
    CHECK(c.at("healthCheck") == json::parse(R"({"command":["CMD-SHELL",
        "curl -f http://localhost:8080/actuator/health || exit 1"],"interval":30,"timeout":5,"retries":3,
        "startPeriod":60})"));
    CHECK(c.at("environment") == json::parse(R"([{"name":"PORT","value":"8080"}])"));
    CHECK(c.at("secrets").at(0).at("name") == "DB_PASSWORD");  // echoed though core does not model it
    CHECK(c.at("logConfiguration").at("options").at("awslogs-group") == "/ecs/ielts-backend");
    CHECK(c.at("mountPoints") == json::array());
    CHECK(c.at("volumesFrom") == json::array());
}

TEST_CASE("Revisions count up per family and are never reused", "[ecs][taskdef]") {
    EcsHarness ecs;
    for (int expected = 1; expected <= 3; ++expected) {
        CHECK(ecs.ok("RegisterTaskDefinition",
                     backend_task_definition_request())["taskDefinition"]["revision"] == expected);
    }
    CHECK(ecs.ok("RegisterTaskDefinition",
                 frontend_task_definition_request())["taskDefinition"]["revision"] == 1);
    ecs.ok("DeregisterTaskDefinition", {{"taskDefinition", "ielts-backend:3"}});
    CHECK(ecs.ok("RegisterTaskDefinition", backend_task_definition_request())["taskDefinition"]["revision"] ==
          4);

    SECTION("family alone resolves to the latest ACTIVE revision") {
        ecs.ok("DeregisterTaskDefinition", {{"taskDefinition", "ielts-backend:4"}});
        const json out = ecs.ok("DescribeTaskDefinition", {{"taskDefinition", "ielts-backend"}});
        CHECK(out["taskDefinition"]["revision"] == 2);
    }
    SECTION("deregistered revisions stay describable by revision and ARN") {
        const json by_rev = ecs.ok("DescribeTaskDefinition", {{"taskDefinition", "ielts-backend:3"}});
        CHECK(by_rev["taskDefinition"]["status"] == "INACTIVE");
        CHECK(by_rev["taskDefinition"]["deregisteredAt"].is_number());
        const json by_arn = ecs.ok(
            "DescribeTaskDefinition",
            {{"taskDefinition", "arn:aws:ecs:ap-southeast-1:123456789012:task-definition/ielts-backend:3"}});
        CHECK(by_arn == by_rev);
    }
}

TEST_CASE("Fargate task definitions are validated as ECS does", "[ecs][taskdef][fargate]") {
    EcsHarness ecs;
    SECTION("vCPU and GB spellings are normalised") {
        const json out = ecs.ok("RegisterTaskDefinition", minimal_fargate("web", "0.5 vCPU", "1GB"));
        CHECK(out["taskDefinition"]["cpu"] == "512");
        CHECK(out["taskDefinition"]["memory"] == "1024");
    }
    SECTION("an invalid combination names the values") {
        const auto error = ecs.error("RegisterTaskDefinition", minimal_fargate("web", "512", "512"));
        CHECK(error.code == "ClientException");
        CHECK(error.message ==
              "No Fargate configuration exists for given values: 512 CPU, 512 memory. See the Amazon ECS "
              "documentation for the valid values.");
    }
    SECTION("task-level cpu is required") {
        const auto error = ecs.error("RegisterTaskDefinition", minimal_fargate("web", nullptr, "512"));
        CHECK(error.message == "Fargate requires that 'cpu' be defined at the task level.");
    }
    SECTION("task-level memory is required") {
        const auto error = ecs.error("RegisterTaskDefinition", minimal_fargate("web", "256", nullptr));
        CHECK(error.message == "Fargate requires that 'memory' be defined at the task level.");
    }
    SECTION("awsvpc is required") {
        json request = minimal_fargate("web", "256", "512");
        request.erase("networkMode");
        const auto error = ecs.error("RegisterTaskDefinition", request);
        CHECK(error.code == "ClientException");
        CHECK(error.message == "Fargate only supports network mode \u2018awsvpc\u2019.");
    }
    SECTION("awslogs needs an execution role") {
        json request = minimal_fargate("web", "256", "512");
        request["containerDefinitions"][0]["logConfiguration"] = {{"logDriver", "awslogs"}};
        const auto error = ecs.error("RegisterTaskDefinition", request);
        CHECK(error.message ==
              "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
    }
    SECTION("unparsable cpu") {
        const auto error = ecs.error("RegisterTaskDefinition", minimal_fargate("web", "lots", "512"));
        CHECK(error.code == "InvalidParameterException");
        CHECK(error.message == "Invalid 'cpu' setting for task.");
    }
    SECTION("awsvpc host ports must match container ports") {
        json request = minimal_fargate("web", "256", "512");
        request["containerDefinitions"][0]["portMappings"] = {{{"containerPort", 80}, {"hostPort", 8080}}};
        const auto error = ecs.error("RegisterTaskDefinition", request);
        CHECK(error.message ==
              "When networkMode=awsvpc, the host ports and container ports in port mappings must match.");
    }
}

TEST_CASE("EC2 task definitions need container memory and are not Fargate compatible", "[ecs][taskdef]") {
    EcsHarness ecs;
    const json request = {
        {"family", "sleep360"},
        {"containerDefinitions",
         {{{"name", "sleep"}, {"image", "busybox"}, {"cpu", 10}, {"command", {"sleep", "360"}}}}}};
    const auto error = ecs.error("RegisterTaskDefinition", request);
    CHECK(error.code == "ClientException");
    CHECK(error.message ==
          "Invalid setting for container 'sleep'. At least one of 'memory' or 'memoryReservation' must be "
          "specified.");

    json with_memory = request;
    with_memory["containerDefinitions"][0]["memory"] = 10;
    const json td = ecs.ok("RegisterTaskDefinition", with_memory)["taskDefinition"];
    CHECK(td["compatibilities"] == json({"EXTERNAL", "EC2"}));
    CHECK_FALSE(td.contains("networkMode"));
    CHECK_FALSE(td.contains("cpu"));
    CHECK(td["containerDefinitions"][0]["command"] == json({"sleep", "360"}));
}

TEST_CASE("Container definition basics are checked", "[ecs][taskdef]") {
    EcsHarness ecs;
    json request = minimal_fargate("web", "256", "512");
    request["containerDefinitions"][0].erase("image");
    CHECK(ecs.error("RegisterTaskDefinition", request).message ==
          "Container.image should not be null or empty.");
    CHECK(ecs.error("RegisterTaskDefinition", {{"family", "web"}}).code == "InvalidParameterException");
    CHECK(ecs.error("RegisterTaskDefinition", {{"family", "web"}, {"containerDefinitions", "nope"}}).code ==
          "SerializationException");
}

TEST_CASE("Unknown task definitions are a ClientException", "[ecs][taskdef]") {
    EcsHarness ecs;
    for (const char* ref :
         {"nothing", "nothing:1", "arn:aws:ecs:ap-southeast-1:123456789012:task-definition/x:1"}) {
        const auto error = ecs.error("DescribeTaskDefinition", {{"taskDefinition", ref}});
        CHECK(error.code == "ClientException");
        CHECK(error.message == "Unable to describe task definition.");
    }
}

TEST_CASE("ListTaskDefinitions filters, sorts and pages", "[ecs][taskdef]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    ecs.ok("RegisterTaskDefinition", backend_task_definition_request());
    ecs.ok("RegisterTaskDefinition", backend_task_definition_request());
    ecs.ok("DeregisterTaskDefinition", {{"taskDefinition", "ielts-backend:2"}});
    const std::string prefix = "arn:aws:ecs:ap-southeast-1:123456789012:task-definition/";

    CHECK(ecs.ok("ListTaskDefinitions", json::object())["taskDefinitionArns"] ==
          json({prefix + "ielts-backend:1", prefix + "ielts-backend:3", prefix + "ielts-frontend:1"}));
    CHECK(ecs.ok("ListTaskDefinitions",
                 {{"sort", "DESC"}, {"familyPrefix", "ielts-b"}})["taskDefinitionArns"] ==
          json({prefix + "ielts-backend:3", prefix + "ielts-backend:1"}));
    CHECK(ecs.ok("ListTaskDefinitions", {{"status", "INACTIVE"}})["taskDefinitionArns"] ==
          json({prefix + "ielts-backend:2"}));

    const json first = ecs.ok("ListTaskDefinitions", {{"maxResults", 2}});
    CHECK(first["taskDefinitionArns"].size() == 2);
    REQUIRE(first.contains("nextToken"));
    const json second = ecs.ok("ListTaskDefinitions", {{"maxResults", 2}, {"nextToken", first["nextToken"]}});
    CHECK(second["taskDefinitionArns"] == json({prefix + "ielts-frontend:1"}));
    CHECK_FALSE(second.contains("nextToken"));
    CHECK(ecs.error("ListTaskDefinitions", {{"maxResults", 101}}).code == "InvalidParameterException");
    CHECK(ecs.error("ListTaskDefinitions", {{"sort", "UP"}}).code == "InvalidParameterException");

    ecs.ok("DeregisterTaskDefinition", {{"taskDefinition", "ielts-frontend:1"}});
    CHECK(ecs.ok("ListTaskDefinitionFamilies", json::object())["families"] ==
          json({"ielts-backend", "ielts-frontend"}));
    CHECK(ecs.ok("ListTaskDefinitionFamilies", {{"status", "ACTIVE"}})["families"] ==
          json({"ielts-backend"}));
    CHECK(ecs.ok("ListTaskDefinitionFamilies", {{"status", "INACTIVE"}})["families"] ==
          json({"ielts-frontend"}));
}

TEST_CASE("Deregistering needs a revision", "[ecs][taskdef]") {
    EcsHarness ecs;
    ecs.ok("RegisterTaskDefinition", backend_task_definition_request());
    CHECK(ecs.error("DeregisterTaskDefinition", {{"taskDefinition", "ielts-backend"}}).code ==
          "ClientException");
    const json out = ecs.ok("DeregisterTaskDefinition", {{"taskDefinition", "ielts-backend:1"}});
    CHECK(out["taskDefinition"]["status"] == "INACTIVE");
    const double deregistered_at = out["taskDefinition"]["deregisteredAt"];
    // A second deregistration changes nothing.
    CHECK(ecs.ok("DeregisterTaskDefinition",
                 {{"taskDefinition", "ielts-backend:1"}})["taskDefinition"]["deregisteredAt"] ==
          deregistered_at);
}

TEST_CASE("Task definition tags come back with include TAGS", "[ecs][taskdef][tags]") {
    EcsHarness ecs;
    json request = backend_task_definition_request();
    request["tags"] = {{{"key", "app"}, {"value", "ielts"}}};
    const json registered = ecs.ok("RegisterTaskDefinition", request);
    CHECK(registered["tags"] == json::parse(R"([{"key":"app","value":"ielts"}])"));
    CHECK_FALSE(ecs.ok("DescribeTaskDefinition", {{"taskDefinition", "ielts-backend"}}).contains("tags"));
    CHECK(ecs.ok("DescribeTaskDefinition",
                 {{"taskDefinition", "ielts-backend"}, {"include", {"TAGS"}}})["tags"] == registered["tags"]);
}
