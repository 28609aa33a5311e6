#include <catch2/catch.hpp>
#include <string>

#include "emulator/api/scenario/scenario.hpp"

namespace ecsemu::test::scenario {

using api::scenario::parse_scenario;
using nlohmann::json;

namespace {

std::string error_of(const json& document) {
    auto parsed = parse_scenario(document.dump(), "scenarios/x.json");
    REQUIRE_FALSE(parsed.ok());
    return parsed.error().message;
}

json vpc() {
    return {{"name", "vpc"}, {"type", "ec2:CreateVpc"}, {"request", {{"CidrBlock", "10.0.0.0/16"}}}};
}

json target_group(json port) {
    return {{"name", "ielts-backend-tg"},
            {"type", "elbv2:CreateTargetGroup"},
            {"request",
             {{"Name", "ielts-backend-tg"}, {"Protocol", "HTTP"}, {"Port", port}, {"VpcId", "${vpc}"}}}};
}

std::string repo_file(const std::string& relative) {
    const std::string here = __FILE__;
    return here.substr(0, here.rfind("tests/unit/scenario/")) + relative;
}

}  // namespace

TEST_CASE("A wrong type names the file, the resource and the field", "[scenario]") {
    const json document = {{"resources", json::array({vpc(), vpc(), vpc(), target_group("80")})}};
    // Labels must be unique, so the duplicate is reported first.
    CHECK(error_of(document) == "scenarios/x.json: resources[1] \"vpc\": name: already used by resources[0]");
    const json fixed = {{"resources", json::array({vpc(), target_group("80")})}};
    CHECK(error_of(fixed) ==
          "scenarios/x.json: resources[1] \"ielts-backend-tg\" (elbv2:CreateTargetGroup): request.Port: "
          "expected "
          "an integer");
}

TEST_CASE("Nested fields, unknown members and missing required members are reported with their path",
          "[scenario]") {
    json rule = {{"name", "rule"},
                 {"type", "elbv2:CreateRule"},
                 {"request",
                  {{"ListenerArn", "arn"},
                   {"Priority", 10},
                   {"Conditions", json::array({{{"Field", "path-pattern"}, {"Values", "/api/*"}}})},
                   {"Actions", json::array({{{"Type", "forward"}}})}}}};
    CHECK(error_of({{"resources", json::array({rule})}}) ==
          "scenarios/x.json: resources[0] \"rule\" (elbv2:CreateRule): request.Conditions[0].Values: "
          "expected a "
          "list");
    rule["request"]["Conditions"][0]["Values"] = json::array({"/api/*"});
    rule["request"]["Actions"][0]["TargetGroupARN"] = "x";
    CHECK_THAT(error_of({{"resources", json::array({rule})}}),
               Catch::StartsWith("scenarios/x.json: resources[0] \"rule\" (elbv2:CreateRule): "
                                 "request.Actions[0].TargetGroupARN: unknown member (expected one of:"));
    rule["request"]["Actions"][0].erase("TargetGroupARN");
    rule["request"].erase("Priority");
    CHECK(error_of({{"resources", json::array({rule})}}) ==
          "scenarios/x.json: resources[0] \"rule\" (elbv2:CreateRule): request.Priority: missing (the "
          "operation "
          "requires it)");
}

TEST_CASE("References must name an earlier resource", "[scenario]") {
    CHECK(error_of({{"resources", json::array({target_group(80)})}}) ==
          "scenarios/x.json: resources[0] \"ielts-backend-tg\" (elbv2:CreateTargetGroup): request.VpcId: "
          "${vpc}: "
          "no resource is named \"vpc\"");
    CHECK(error_of({{"resources", json::array({target_group(80), vpc()})}}) ==
          "scenarios/x.json: resources[0] \"ielts-backend-tg\" (elbv2:CreateTargetGroup): request.VpcId: "
          "${vpc}: "
          "refers to resources[1], which comes later (a resource may only refer to earlier ones)");
    json self = vpc();
    self["request"]["CidrBlock"] = "${vpc.CidrBlock}";
    CHECK_THAT(error_of({{"resources", json::array({self})}}),
               Catch::EndsWith("a resource cannot refer to itself"));
    json unterminated = vpc();
    unterminated["request"]["CidrBlock"] = "${vpc";
    CHECK_THAT(error_of({{"resources", json::array({unterminated})}}),
               Catch::Contains("request.CidrBlock: \"${\" without a closing \"}\""));
}

TEST_CASE("The document's layout is checked", "[scenario]") {
    CHECK_THAT(error_of(json::array()), Catch::Contains("expected a JSON object"));
    CHECK(error_of({{"resources", json::array()}, {"regoin", "x"}}) ==
          "scenarios/x.json: regoin: unknown member (expected region, resources, ecsemu, description, extends)");
    CHECK(error_of({{"region", "ap-southeast-1"}}) ==
          "scenarios/x.json: resources: missing (a list of resources to apply)");
    CHECK_THAT(
        error_of(
            {{"resources",
              json::array({{{"name", "x"}, {"type", "ec2:RunInstances"}, {"request", json::object()}}})}}),
        Catch::StartsWith("scenarios/x.json: resources[0] \"x\": type: unsupported type \"ec2:RunInstances\" "
                          "(supported: application-autoscaling:PutScalingPolicy"));
    CHECK(error_of({{"resources", json::array()}, {"ecsemu", {{"timeScale", 0}}}}) ==
          "scenarios/x.json: ecsemu.timeScale: expected a number from 0.001 to 10000");
    CHECK(error_of(
              {{"resources", json::array()},
               {"ecsemu", {{"runtimes", json::array({{{"image", "a"}, {"stub", {{"LATENCY", "1"}}}}})}}}}) ==
          "scenarios/x.json: ecsemu.runtimes[0].stub.LATENCY: stub settings are ECSEMU_STUB_* variables");
    CHECK(error_of({{"resources", json::array()}, {"ecsemu", {{"sim", json::object()}}}}) ==
          "scenarios/x.json: ecsemu.sim: unknown member (expected timeScale, runtimes, simulation)");
    auto broken = parse_scenario("{\"resources\": [", "scenarios/x.json");
    REQUIRE_FALSE(broken.ok());
    CHECK_THAT(broken.error().message, Catch::StartsWith("scenarios/x.json: not valid JSON: "));
}

TEST_CASE("The ecsemu section keeps runtimes and the simulation object", "[scenario]") {
    const json document = {
        {"region", "us-east-1"},
        {"resources", json::array()},
        {"ecsemu",
         {{"timeScale", 10},
          {"runtimes",
           json::array({{{"image", "*/api:*"}, {"stub", {{"ECSEMU_STUB_CPU_MS_PER_REQUEST", 20}}}},
                        {{"image", "*/worker:*"},
                         {"process", {{"command", {"python3", "w.py"}}, {"workingDirectory", "/w"}}}}})},
          {"simulation", {{"traffic", {{"rps", 5}}}}}}}};
    auto parsed = parse_scenario(document.dump(), "s.json");
    REQUIRE(parsed.ok());
    CHECK(parsed->region == "us-east-1");
    CHECK(parsed->ecsemu.time_scale == 10.0);
    REQUIRE(parsed->ecsemu.runtimes.size() == 2);
    CHECK(parsed->ecsemu.runtimes[0].stub_environment ==
          std::vector<std::pair<std::string, std::string>>{{"ECSEMU_STUB_CPU_MS_PER_REQUEST", "20"}});
    CHECK(parsed->ecsemu.runtimes[1].process);
    CHECK(parsed->ecsemu.runtimes[1].command == std::vector<std::string>{"python3", "w.py"});
    CHECK(parsed->ecsemu.simulation["traffic"]["rps"] == 5);
}

TEST_CASE("scenarios/ielts.json parses", "[scenario]") {
    auto parsed = api::scenario::read_scenario_file(repo_file("scenarios/ielts.json"));
    INFO((parsed.ok() ? std::string() : parsed.error().message));
    REQUIRE(parsed.ok());
    CHECK(parsed->find("ielts-backend-service") != nullptr);
    CHECK(parsed->find("backend-cpu-scaling") != nullptr);
}

}  // namespace ecsemu::test::scenario
