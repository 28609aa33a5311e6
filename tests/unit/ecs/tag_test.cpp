#include <catch2/catch.hpp>

#include "ecs_test_support.hpp"

using namespace ecsemu;
using namespace ecsemu::test;
using nlohmann::json;

TEST_CASE("Tags on clusters, services, task definitions and tasks", "[ecs][tags]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    ecs.ok("CreateService", guide_backend_create_service_request());
    const json task =
        ecs.ok("RunTask", {{"cluster", "ielts-prod-cluster"},
                           {"taskDefinition", "ielts-backend"},
                           {"launchType", "FARGATE"},
                           {"networkConfiguration",
                            guide_backend_create_service_request()["networkConfiguration"]}})["tasks"][0];
    const std::string scope = "arn:aws:ecs:ap-southeast-1:123456789012:";
    const std::string arns[] = {
        scope + "cluster/ielts-prod-cluster", scope + "service/ielts-prod-cluster/ielts-backend-service",
        scope + "task-definition/ielts-backend:1", task["taskArn"].get<std::string>()};
    for (const auto& arn : arns) {
        INFO(arn);
        CHECK(ecs.ok("ListTagsForResource", {{"resourceArn", arn}})["tags"] == json::array());
        CHECK(ecs.ok("TagResource",
                     {{"resourceArn", arn},
                      {"tags", {{{"key", "env"}, {"value", "prod"}}, {{"key", "team"}, {"value", "a"}}}}}) ==
              json::object());
        ecs.ok("TagResource", {{"resourceArn", arn}, {"tags", {{{"key", "team"}, {"value", "b"}}}}});
        CHECK(ecs.ok("ListTagsForResource", {{"resourceArn", arn}})["tags"] ==
              json::parse(R"([{"key":"env","value":"prod"},{"key":"team","value":"b"}])"));
        ecs.ok("UntagResource", {{"resourceArn", arn}, {"tagKeys", {"env", "absent"}}});
        CHECK(ecs.ok("ListTagsForResource", {{"resourceArn", arn}})["tags"] ==
              json::parse(R"([{"key":"team","value":"b"}])"));
    }
    CHECK(ecs.ok("DescribeClusters",
                 {{"clusters", {"ielts-prod-cluster"}}, {"include", {"TAGS"}}})["clusters"][0]["tags"] ==
          json::parse(R"([{"key":"team","value":"b"}])"));
}

TEST_CASE("Tagging errors", "[ecs][tags]") {
    EcsHarness ecs;
    set_up_guide(ecs);
    const std::string scope = "arn:aws:ecs:ap-southeast-1:123456789012:";
    CHECK(ecs.error("TagResource",
                    {{"resourceArn", scope + "cluster/nope"}, {"tags", {{{"key", "a"}, {"value", "b"}}}}})
              .code == "ClusterNotFoundException");
    CHECK(ecs.error("TagResource", {{"resourceArn", scope + "service/ielts-prod-cluster/nope"},
                                    {"tags", {{{"key", "a"}, {"value", "b"}}}}})
              .code == "ResourceNotFoundException");
    CHECK(ecs.error("TagResource", {{"resourceArn", scope + "service/short-arn"}, {"tags", json::array()}})
              .message == "Long arn format must be used for tagging operations");
    CHECK(ecs.error("ListTagsForResource", {{"resourceArn", "not-an-arn"}}).code ==
          "InvalidParameterException");
    CHECK(ecs.error("TagResource", {{"resourceArn", scope + "cluster/ielts-prod-cluster"},
                                    {"tags", {{{"key", "aws:reserved"}, {"value", "x"}}}}})
              .code == "InvalidParameterException");
    json many = json::array();
    for (int i = 0; i < 51; ++i) many.push_back({{"key", "k" + std::to_string(i)}, {"value", "v"}});
    CHECK(ecs.error("TagResource", {{"resourceArn", scope + "cluster/ielts-prod-cluster"}, {"tags", many}})
              .code == "InvalidParameterException");
    CHECK(ecs.error("TagResource", {{"resourceArn", scope + "cluster/ielts-prod-cluster"}}).code ==
          "InvalidParameterException");
}
