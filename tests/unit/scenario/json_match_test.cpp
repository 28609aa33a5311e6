#include <catch2/catch.hpp>

#include "emulator/api/scenario/json_match.hpp"
#include "emulator/api/scenario/stub_settings.hpp"

namespace ecsemu::test::scenario {

using namespace api::scenario;
using nlohmann::json;

TEST_CASE("What a request asks for is satisfied by an answer that has it, defaults and all",
          "[scenario][match]") {
    const json described = {
        {"family", "ielts-backend"},
        {"revision", 3},
        {"cpu", "512"},
        {"containerDefinitions",
         {{{"name", "backend"},
           {"essential", true},
           {"cpu", 0},
           {"portMappings", {{{"containerPort", 8080}, {"hostPort", 8080}, {"protocol", "tcp"}}}}}}}};
    CHECK(satisfies(described, {{"family", "ielts-backend"},
                                {"cpu", "512"},
                                {"containerDefinitions",
                                 {{{"name", "backend"}, {"portMappings", {{{"containerPort", 8080}}}}}}}}));
    // Empty values match absent ones: answers leave defaults out.
    CHECK(satisfies(described, {{"volumes", json::array()},
                                {"containerDefinitions", {{{"readonlyRootFilesystem", false}}}}}));
    CHECK_FALSE(satisfies(described, {{"cpu", "1024"}}));
    CHECK_FALSE(
        satisfies(described, {{"containerDefinitions", {{{"name", "backend"}}, {{"name", "sidecar"}}}}}));
    CHECK_FALSE(satisfies(described, {{"memory", "1024"}}));
    // Query and EC2 answers carry every scalar as text, and EC2 spells members in lower camel case.
    CHECK(satisfies(json{{"Port", "80"}, {"healthCheckEnabled", "true"}},
                    {{"Port", 80}, {"HealthCheckEnabled", true}}));
    CHECK(loosely_equal(json("70.0"), json(70.0)) == false);
    CHECK(loosely_equal(json(70.0), json(70)));
}

TEST_CASE("Lookups ignore case and follow dotted paths into lists", "[scenario][match]") {
    const json answer = {{"vpcSet", {{{"vpcId", "vpc-1"}, {"tagSet", {{{"key", "Name"}, {"value", "v"}}}}}}}};
    CHECK(text_of(answer, "VpcSet.0.VpcId") == "vpc-1");
    CHECK(text_of(answer, "vpcSet.0.TagSet.0.Value") == "v");
    CHECK(text_of(answer, "vpcSet.1.vpcId").empty());
    CHECK(list_of(json{{"Rules", ""}}, "Rules").empty());
    CHECK(list_of(json{{"Rules", {{"RuleArn", "a"}}}}, "Rules").size() == 1);
}

TEST_CASE("Stub settings go into matching containers' environment; the container's own values win",
          "[scenario][runtime]") {
    RuntimeRule backend;
    backend.image_glob = "*/ielts-backend:*";
    backend.stub_environment = {{"ECSEMU_STUB_CPU_MS_PER_REQUEST", "20"}, {"ECSEMU_STUB_LATENCY_MS", "5"}};
    RuntimeRule worker;
    worker.image_glob = "*/worker:*";
    worker.process = true;
    const json request = {{"family", "f"},
                          {"containerDefinitions",
                           {{{"name", "backend"},
                             {"image", "1.dkr.ecr/ielts-backend:latest"},
                             {"environment", {{{"name", "ECSEMU_STUB_LATENCY_MS"}, {"value", "50"}}}}},
                            {{"name", "worker"}, {"image", "1.dkr.ecr/worker:1"}},
                            {{"name", "other"}, {"image", "nginx:latest"}}}}};
    const json out = with_stub_settings(request, {backend, worker});
    CHECK(out["containerDefinitions"][0]["environment"] ==
          json{{{"name", "ECSEMU_STUB_LATENCY_MS"}, {"value", "50"}},
               {{"name", "ECSEMU_STUB_CPU_MS_PER_REQUEST"}, {"value", "20"}}});
    CHECK_FALSE(out["containerDefinitions"][1].contains("environment"));
    CHECK_FALSE(out["containerDefinitions"][2].contains("environment"));
    CHECK(runtime_rule_for({backend, worker}, "worker:1") == nullptr);  // the glob wants a "/"
}

}  // namespace ecsemu::test::scenario
