// UpdateService --force-new-deployment on the guide's service: every task replaced, within the bounds.
#include <catch2/catch.hpp>

#include <set>

#include "engine_world.hpp"

namespace ecsemu::test {

using core::Duration;
using nlohmann::json;

namespace {

struct Census {
    int active = 0;           // desiredStatus RUNNING, not STOPPED: what maximumPercent bounds
    int running_healthy = 0;  // RUNNING, HEALTHY, desiredStatus RUNNING: what minimumHealthyPercent keeps
};

Census take_census(EngineWorld& w, const std::string& service) {
    Census census;
    for (const auto& task : w.tasks(service, "RUNNING")) {
        if (task["lastStatus"] == "STOPPED") continue;
        ++census.active;
        if (task["lastStatus"] == "RUNNING" && task["healthStatus"] == "HEALTHY") ++census.running_healthy;
    }
    return census;
}

std::set<std::string> task_ids(const std::vector<json>& tasks) {
    std::set<std::string> ids;
    for (const auto& task : tasks) ids.insert(id_of_arn(task["taskArn"]));
    return ids;
}

}  // namespace

TEST_CASE("forceNewDeployment replaces every task, never above 4 nor below 2 healthy", "[engine][rollout]") {
    EngineWorld w;
    w.create_guide_service("web");
    w.run_for(Duration::seconds(30));
    const std::set<std::string> old_ids = task_ids(w.tasks("web"));
    REQUIRE(old_ids.size() == 2);
    const std::string old_deployment = w.service("web")["deployments"][0]["id"];

    const json updated =
        w.call("UpdateService", {{"cluster", kCluster}, {"service", "web"}, {"forceNewDeployment", true}});
    const std::string new_deployment = updated["service"]["deployments"][0]["id"];
    REQUIRE(new_deployment != old_deployment);

    int max_active = 0;
    int min_healthy = 2;
    w.run_for_checking(Duration::seconds(60), Duration::milliseconds(100), [&] {
        const Census census = take_census(w, "web");
        max_active = std::max(max_active, census.active);
        min_healthy = std::min(min_healthy, census.running_healthy);
        CHECK(census.active <= 4);
        CHECK(census.running_healthy >= 2);
    });
    CHECK(max_active == 4);
    CHECK(min_healthy == 2);

    const json service = w.service("web");
    CHECK(service["runningCount"] == 2);
    REQUIRE(service["deployments"].size() == 1);
    CHECK(service["deployments"][0]["id"] == new_deployment);
    CHECK(service["deployments"][0]["rolloutState"] == "COMPLETED");

    const auto running = w.tasks("web");
    REQUIRE(running.size() == 2);
    for (const auto& task : running) {
        CHECK(old_ids.count(id_of_arn(task["taskArn"])) == 0);
        CHECK(task["startedBy"] == new_deployment);
    }
    for (const auto& id : old_ids) {
        const json task = w.task(id);
        CHECK(task["lastStatus"] == "STOPPED");
        CHECK(task["stopCode"] == "ServiceSchedulerInitiated");
        CHECK(task["stoppedReason"] == "Scaling activity initiated by (deployment " + old_deployment + ")");
        CHECK(task["attachments"][0]["status"] == "DELETED");
        CHECK(task["containers"][0]["exitCode"] == 0);
        CHECK(task.contains("stoppingAt"));
        CHECK(task.contains("executionStoppedAt"));
        CHECK(task.contains("stoppedAt"));
    }
    std::set<std::string> stopped_in_runtime(w.runtime.stops.begin(), w.runtime.stops.end());
    CHECK(stopped_in_runtime == old_ids);

    const auto messages = w.event_messages("web");
    CHECK(messages[0] == "(service web) has reached a steady state.");
    CHECK(messages[1] == "(service web) (deployment " + new_deployment + ") deployment completed.");
    // Both new tasks turn healthy at once here, so both old ones are stopped in one step.
    int stopped_tasks = 0;
    for (const auto& m : messages) {
        if (m.find("has stopped ") == std::string::npos) continue;
        for (const auto& id : old_ids) stopped_tasks += m.find("(task " + id + ")") != std::string::npos;
    }
    CHECK(stopped_tasks == 2);
}

TEST_CASE("an old task drains for the load balancer delay before it stops", "[engine][rollout]") {
    core::engine::EngineKnobs knobs;
    knobs.lifecycle.load_balancer_drain = Duration::seconds(20);
    EngineWorld w(knobs);
    w.create_guide_service("web", 1);
    w.run_for(Duration::seconds(30));
    const std::string old_id = id_of_arn(w.tasks("web")[0]["taskArn"]);
    w.call("UpdateService", {{"cluster", kCluster}, {"service", "web"}, {"forceNewDeployment", true}});
    w.run_for(Duration::seconds(10));
    CHECK(w.task(old_id)["lastStatus"] == "DEACTIVATING");
    CHECK(w.task(old_id)["desiredStatus"] == "STOPPED");
    CHECK(w.runtime.stops.empty());
    w.run_for(Duration::seconds(20));
    CHECK(w.task(old_id)["lastStatus"] == "STOPPED");
    CHECK(w.runtime.stops == std::vector<std::string>{old_id});
}

TEST_CASE("a new task definition revision rolls out the same way", "[engine][rollout]") {
    EngineWorld w;
    w.create_guide_service("web");
    w.run_for(Duration::seconds(30));
    w.register_task_definition("ielts-backend", "ielts-backend:v2", true);
    w.call("UpdateService", {{"cluster", kCluster}, {"service", "web"}, {"taskDefinition", "ielts-backend"}});
    w.run_for(Duration::seconds(60));
    const json service = w.service("web");
    CHECK(service["deployments"].size() == 1);
    CHECK(service["deployments"][0]["taskDefinition"].get<std::string>().find("ielts-backend:2") !=
          std::string::npos);
    for (const auto& task : w.tasks("web")) {
        CHECK(task["taskDefinitionArn"].get<std::string>().find("ielts-backend:2") != std::string::npos);
        CHECK(task["containers"][0]["image"] == "ielts-backend:v2");
    }
}

}  // namespace ecsemu::test

namespace ecsemu::test {

TEST_CASE(
    "forceNewDeployment without any health check keeps the old tasks until the new ones count as healthy",
    "[engine][rollout]") {
    EngineWorld w;
    w.register_task_definition("plain", "ielts/plain:1", false);
    w.create_guide_service("web", 2, "plain");
    w.run_for(Duration::seconds(30));
    REQUIRE(w.tasks("web").size() == 2);
    w.call("UpdateService", {{"cluster", kCluster}, {"service", "web"}, {"forceNewDeployment", true}});
    w.run_for(Duration::milliseconds(500));
    int running = 0;
    for (const auto& task : w.tasks("web")) running += task["lastStatus"] == "RUNNING";
    CHECK(running == 2);
}

}  // namespace ecsemu::test
