#include <catch2/catch.hpp>

#include "ecs_test_support.hpp"

using namespace ecsemu;
using namespace ecsemu::test;
using nlohmann::json;

namespace {

// The guide end to end plus the operations around it; every response, in order.
std::vector<std::string> run_script(EcsHarness& ecs) {
    std::vector<std::string> responses;
    const auto record = [&](const std::string& op, const json& params) {
        auto result = ecs.call(op, params);
        responses.push_back(
            op + " " +
            (result.ok() ? result.value().dump() : result.error().code + ": " + result.error().message));
        return result;
    };
    record("CreateCluster", {{"clusterName", "ielts-prod-cluster"},
                             {"serviceConnectDefaults", {{"namespace", "ielts.local"}}}});
    record("RegisterTaskDefinition", backend_task_definition_request());
    record("RegisterTaskDefinition", frontend_task_definition_request());
    record("CreateService", guide_backend_create_service_request());
    record("CreateService", guide_frontend_create_service_request());
    record("CreateService", guide_frontend_create_service_request());  // not idempotent: an error
    record("RunTask",
           {{"cluster", "ielts-prod-cluster"},
            {"taskDefinition", "ielts-backend"},
            {"count", 3},
            {"launchType", "FARGATE"},
            {"networkConfiguration", guide_backend_create_service_request()["networkConfiguration"]}});
    record("RegisterTaskDefinition", backend_task_definition_request());
    record("UpdateService", {{"cluster", "ielts-prod-cluster"},
                             {"service", "ielts-backend-service"},
                             {"taskDefinition", "ielts-backend"},
                             {"desiredCount", 3}});
    record("DescribeServices", {{"cluster", "ielts-prod-cluster"},
                                {"services", {"ielts-backend-service", "ielts-frontend-service"}}});
    auto tasks = record("ListTasks", {{"cluster", "ielts-prod-cluster"}});
    if (tasks.ok()) {
        record("StopTask", {{"cluster", "ielts-prod-cluster"}, {"task", tasks.value()["taskArns"][0]}});
        record("DescribeTasks", {{"cluster", "ielts-prod-cluster"}, {"tasks", tasks.value()["taskArns"]}});
    }
    record("DescribeClusters",
           {{"clusters", {"ielts-prod-cluster"}}, {"include", {"STATISTICS", "SETTINGS"}}});
    return responses;
}

}  // namespace

TEST_CASE("The same calls on fresh services give identical responses", "[ecs][determinism]") {
    EcsHarness first;
    EcsHarness second;
    const auto a = run_script(first);
    const auto b = run_script(second);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i] == b[i]);
}

TEST_CASE("A failed call leaves no trace in later ids", "[ecs][determinism]") {
    EcsHarness clean;
    EcsHarness with_failure;
    set_up_guide(clean);
    set_up_guide(with_failure);
    json bad = guide_backend_create_service_request();
    bad["loadBalancers"][0]["containerPort"] = 1;
    with_failure.error("CreateService", bad);
    clean.now = with_failure.now;  // same clock, so only ids could differ
    const json a = clean.ok("CreateService", guide_backend_create_service_request());
    const json b = with_failure.ok("CreateService", guide_backend_create_service_request());
    CHECK(a == b);
}

TEST_CASE("EcsService contract", "[ecs]") {
    EcsHarness ecs;
    CHECK(ecs.service.signing_name() == "ecs");
    CHECK(ecs.service.mutates("CreateService"));
    CHECK(ecs.service.mutates("StopTask"));
    CHECK(ecs.service.mutates("TagResource"));
    CHECK_FALSE(ecs.service.mutates("DescribeServices"));
    CHECK_FALSE(ecs.service.mutates("ListTasks"));
    CHECK_FALSE(ecs.service.mutates("Frobnicate"));

    const auto unknown = ecs.error("Frobnicate", json::object());
    CHECK(unknown.code == "UnknownOperationException");

    // Required members and JSON types are checked before the operation runs.
    CHECK(ecs.error("CreateService", {{"serviceName", 5}}).code == "SerializationException");
    CHECK(ecs.error("DeleteCluster", json::object()).code == "InvalidParameterException");
    CHECK(ecs.error("CreateCluster", json::array()).code == "SerializationException");

    ecs.ok("CreateCluster", nullptr);
    CHECK(ecs.service.find_state(kAccount, kRegion) != nullptr);
    ecs.service.reset();
    CHECK(ecs.service.find_state(kAccount, kRegion) == nullptr);
    CHECK(ecs.ok("ListClusters", json::object())["clusterArns"] == json::array());
}

TEST_CASE("Regions and accounts are separate", "[ecs]") {
    EcsHarness ecs;
    ecs.ok("CreateCluster", {{"clusterName", "only-here"}});
    api::ApiCall call;
    call.operation = "ListClusters";
    call.region = "eu-west-1";
    call.account_id = kAccount;
    call.params = json::object();
    CHECK(ecs.service.call(call).value()["clusterArns"] == json::array());
    call.region = kRegion;
    call.account_id = "000000000000";
    CHECK(ecs.service.call(call).value()["clusterArns"] == json::array());
}
