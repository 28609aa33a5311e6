// Standalone tasks (RunTask), DeleteService, restart recovery, reset and determinism.
#include <catch2/catch.hpp>

#include "emulator/core/engine/restart_recovery.hpp"
#include "engine_world.hpp"

namespace ecsemu::test {

using core::Duration;
using core::engine::ChangeKind;
using nlohmann::json;

namespace {

std::vector<std::string> status_changes(const core::engine::ChangeLog& log, const std::string& task_id) {
    std::vector<std::string> out;
    for (const auto& entry : log.of_kind(ChangeKind::TaskStatusChange)) {
        if (entry.task_id == task_id) out.push_back(entry.detail);
    }
    return out;
}

}  // namespace

TEST_CASE("a RunTask task goes through every lastStatus to STOPPED", "[engine][lifecycle]") {
    EngineWorld w;
    const json run = w.call("RunTask", {{"cluster", kCluster},
                                        {"taskDefinition", "ielts-backend"},
                                        {"launchType", "FARGATE"},
                                        {"networkConfiguration", awsvpc_configuration()}});
    const std::string id = id_of_arn(run["tasks"][0]["taskArn"]);
    CHECK(run["tasks"][0]["lastStatus"] == "PROVISIONING");
    CHECK(run["tasks"][0]["attachments"][0]["status"] == "PRECREATED");

    w.run_for(Duration::milliseconds(2100));
    json task = w.task(id);
    CHECK(task["lastStatus"] == "PENDING");
    CHECK(task["attachments"][0]["status"] == "ATTACHED");
    CHECK(task["connectivity"] == "CONNECTED");
    REQUIRE(w.runtime.starts.size() == 1);
    CHECK(w.runtime.starts[0].task_id == id);
    CHECK(w.runtime.starts[0].family == "ielts-backend");

    w.run_for(Duration::seconds(10));
    task = w.task(id);
    CHECK(task["lastStatus"] == "RUNNING");
    CHECK(task["healthStatus"] == "HEALTHY");
    const std::int64_t running_version = task["version"];

    w.call("StopTask", {{"cluster", kCluster}, {"task", id}, {"reason", "done"}});
    w.run_for(Duration::seconds(10));
    task = w.task(id);
    CHECK(task["lastStatus"] == "STOPPED");
    CHECK(task["stopCode"] == "UserInitiated");
    CHECK(task["stoppedReason"] == "done");
    CHECK(task["attachments"][0]["status"] == "DELETED");
    CHECK(task["version"].get<std::int64_t>() > running_version);
    CHECK(status_changes(w.engine.change_log(), id) ==
          std::vector<std::string>{"PROVISIONING -> PENDING", "PENDING -> ACTIVATING",
                                   "ACTIVATING -> RUNNING", "RUNNING -> DEACTIVATING",
                                   "DEACTIVATING -> STOPPING", "STOPPING -> DEPROVISIONING",
                                   "DEPROVISIONING -> STOPPED"});
    // A standalone task is not replaced.
    CHECK(w.call("ListTasks", {{"cluster", kCluster}})["taskArns"].empty());
}

TEST_CASE("a task stopped while PROVISIONING never reaches the runtime", "[engine][lifecycle]") {
    EngineWorld w;
    const std::string id = w.run_task();
    w.call("StopTask", {{"cluster", kCluster}, {"task", id}});
    w.run_for(Duration::seconds(5));
    CHECK(w.task(id)["lastStatus"] == "STOPPED");
    CHECK(w.runtime.starts.empty());
    CHECK(status_changes(w.engine.change_log(), id) ==
          std::vector<std::string>{"PROVISIONING -> DEPROVISIONING", "DEPROVISIONING -> STOPPED"});
}

TEST_CASE("DeleteService drains the service's tasks, then the service is INACTIVE", "[engine][lifecycle]") {
    EngineWorld w;
    w.create_guide_service("web");
    w.run_for(Duration::seconds(30));
    const json deleted =
        w.call("DeleteService", {{"cluster", kCluster}, {"service", "web"}, {"force", true}});
    CHECK(deleted["service"]["status"] == "DRAINING");
    CHECK(w.service("web")["status"] == "DRAINING");
    w.run_for(Duration::seconds(30));
    CHECK(w.service("web")["status"] == "INACTIVE");
    for (const auto& task : w.tasks("web", "STOPPED")) {
        CHECK(task["lastStatus"] == "STOPPED");
        CHECK(task["stopCode"] == "ServiceSchedulerInitiated");
    }
    CHECK(w.tasks("web", "STOPPED").size() == 2);
    CHECK(w.runtime.stops.size() == 2);
    CHECK(w.engine.change_log().of_kind(ChangeKind::ServiceInactive).size() == 1);
}

TEST_CASE("a service re-created while its namesake drains runs beside it", "[engine][lifecycle]") {
    EngineWorld w;
    w.create_guide_service("web");
    w.run_for(Duration::seconds(30));
    const auto old_tasks = w.tasks("web");
    w.call("DeleteService", {{"cluster", kCluster}, {"service", "web"}, {"force", true}});
    const json recreated = w.create_guide_service("web");
    CHECK(recreated["status"] == "ACTIVE");
    w.run_for(Duration::seconds(30));

    const json service = w.service("web");
    CHECK(service["status"] == "ACTIVE");
    CHECK(service["runningCount"] == 2);
    CHECK(service["deployments"][0]["rolloutState"] == "COMPLETED");
    for (const auto& task : old_tasks) {
        const json now = w.task(id_of_arn(task["taskArn"]));
        CHECK(now["lastStatus"] == "STOPPED");
        CHECK(now["stopCode"] == "ServiceSchedulerInitiated");
    }
    REQUIRE(w.state().replaced_services.size() == 1);
    CHECK(w.state().replaced_services[0].status == core::ecs::ServiceStatus::Inactive);
    CHECK(w.tasks("web").size() == 2);
}

TEST_CASE("after a restart, tasks left by the previous run are STOPPED and services start anew",
          "[engine][restart]") {
    // The previous run, as journal replay rebuilds it: API calls only, no engine.
    sim::VirtualClock clock(kStart);
    GuideEc2Directory ec2;
    core::ecs::EcsWorld world;
    api::ecs::EcsService ecs(world, ec2);
    auto call = [&](const std::string& op, const json& params) {
        api::ApiCall c;
        c.service = "ecs";
        c.operation = op;
        c.region = kRegion;
        c.account_id = kAccount;
        c.params = params;
        c.now = clock.now();
        auto result = ecs.call(c);
        REQUIRE(result.ok());
        return result.value();
    };
    call("CreateCluster", {{"clusterName", kCluster}});
    call("RegisterTaskDefinition", {{"family", "app"},
                                    {"networkMode", "awsvpc"},
                                    {"requiresCompatibilities", {"FARGATE"}},
                                    {"cpu", "256"},
                                    {"memory", "512"},
                                    {"containerDefinitions", {{{"name", "app"}, {"image", "app:1"}}}}});
    const json run = call("RunTask", {{"cluster", kCluster},
                                      {"taskDefinition", "app"},
                                      {"launchType", "FARGATE"},
                                      {"networkConfiguration", awsvpc_configuration()}});
    call("CreateService", {{"cluster", kCluster},
                           {"serviceName", "svc"},
                           {"taskDefinition", "app"},
                           {"desiredCount", 2},
                           {"launchType", "FARGATE"},
                           {"networkConfiguration", awsvpc_configuration()}});
    const std::string leftover = id_of_arn(run["tasks"][0]["taskArn"]);

    clock.run_for(Duration::seconds(5));
    FakeRuntime runtime(clock);
    core::engine::Engine engine(world, ec2, clock, runtime);
    runtime.set_observer(engine);
    engine.recover_after_restart();
    clock.run_for(Duration::minutes(2));

    const json task = call("DescribeTasks", {{"cluster", kCluster}, {"tasks", {leftover}}})["tasks"][0];
    CHECK(task["lastStatus"] == "STOPPED");
    CHECK(task["stopCode"] == "EssentialContainerExited");
    CHECK(task["stoppedReason"] == core::engine::kStoppedByRestartReason);
    CHECK(task["stoppedAt"].get<double>() == (kStart + Duration::seconds(5)).epoch_seconds());
    const json service =
        call("DescribeServices", {{"cluster", kCluster}, {"services", {"svc"}}})["services"][0];
    CHECK(service["runningCount"] == 2);
    // No health check, no load balancer: healthy 40 s after RUNNING, then the deployment completes.
    CHECK(service["deployments"][0]["rolloutState"] == "COMPLETED");
    CHECK(engine.change_log().of_kind(ChangeKind::TaskStoppedByRestart).size() == 1);
}

TEST_CASE("a reset stops everything the runtime still runs", "[engine][lifecycle]") {
    EngineWorld w;
    w.create_guide_service("web");
    w.run_for(Duration::seconds(30));
    w.ecs.reset();
    w.engine.on_world_reset();
    CHECK(w.runtime.stops.size() == 2);
    w.run_for(Duration::seconds(30));  // late exit reports for tasks the world forgot are ignored
    CHECK(w.world.regions().empty());
}

TEST_CASE("STOPPED tasks are forgotten an hour after they stopped", "[engine][lifecycle]") {
    EngineWorld w;
    const std::string id = w.run_task();
    w.call("StopTask", {{"cluster", kCluster}, {"task", id}});
    w.run_for(Duration::seconds(10));
    CHECK(w.task(id)["lastStatus"] == "STOPPED");
    w.run_for(Duration::minutes(59));
    w.create_guide_service("web");  // any activity runs a pass
    w.run_for(Duration::seconds(10));
    CHECK(w.call("DescribeTasks", {{"cluster", kCluster}, {"tasks", {id}}})["tasks"].size() == 1);
    w.run_for(Duration::minutes(2));
    w.call("UpdateService", {{"cluster", kCluster}, {"service", "web"}, {"desiredCount", 1}});
    w.run_for(Duration::seconds(10));
    const json described = w.call("DescribeTasks", {{"cluster", kCluster}, {"tasks", {id}}});
    CHECK(described["tasks"].empty());
    CHECK(described["failures"][0]["reason"] == "MISSING");
}

TEST_CASE("the same inputs give the same change log", "[engine][determinism]") {
    auto scenario = [] {
        EngineWorld w;
        w.create_guide_service("web");
        w.run_for(Duration::seconds(20));
        w.call("UpdateService", {{"cluster", kCluster}, {"service", "web"}, {"forceNewDeployment", true}});
        w.run_for(Duration::seconds(5));
        w.runtime.crash(id_of_arn(w.tasks("web")[0]["taskArn"]), "backend", 2);
        w.run_for(Duration::seconds(60));
        return w.engine.change_log().digest();
    };
    const auto first = scenario();
    CHECK(first == scenario());
}

}  // namespace ecsemu::test
