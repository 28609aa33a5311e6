// The guide's service (desired 2, minimumHealthyPercent 100, maximumPercent 200) started by the engine.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <set>

#include "engine_world.hpp"

namespace ecsemu::test {

using core::Duration;
using core::engine::ChangeKind;
using nlohmann::json;

namespace {

bool contains(const std::vector<std::string>& messages, const std::string& text) {
    return std::any_of(messages.begin(), messages.end(),
                       [&](const std::string& m) { return m.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("the guide's service reaches a steady state with 2 RUNNING tasks", "[engine][service]") {
    EngineWorld w;
    const json created = w.create_guide_service("ielts-backend-service");
    CHECK(created["runningCount"] == 0);
    const std::string deployment_id = created["deployments"][0]["id"];

    w.run_for(Duration::seconds(30));

    const json service = w.service("ielts-backend-service");
    CHECK(service["runningCount"] == 2);
    CHECK(service["pendingCount"] == 0);
    REQUIRE(service["deployments"].size() == 1);
    const json& deployment = service["deployments"][0];
    CHECK(deployment["status"] == "PRIMARY");
    CHECK(deployment["rolloutState"] == "COMPLETED");
    CHECK(deployment["rolloutStateReason"] == "ECS deployment " + deployment_id + " completed.");
    CHECK(deployment["runningCount"] == 2);
    CHECK(deployment["desiredCount"] == 2);

    const auto messages = w.event_messages("ielts-backend-service");
    REQUIRE(messages.size() == 3);
    CHECK(messages[0] == "(service ielts-backend-service) has reached a steady state.");
    CHECK(messages[1] ==
          "(service ielts-backend-service) (deployment " + deployment_id + ") deployment completed.");
    CHECK(messages[2].rfind("(service ielts-backend-service) has started 2 tasks: (task ", 0) == 0);

    const auto tasks = w.tasks("ielts-backend-service");
    REQUIRE(tasks.size() == 2);
    std::set<std::string> zones;
    for (const auto& task : tasks) {
        INFO(task.dump(2));
        CHECK(messages[2].find("(task " + id_of_arn(task["taskArn"]) + ")") != std::string::npos);
        CHECK(task["lastStatus"] == "RUNNING");
        CHECK(task["desiredStatus"] == "RUNNING");
        CHECK(task["healthStatus"] == "HEALTHY");
        CHECK(task["connectivity"] == "CONNECTED");
        CHECK(task["startedBy"] == deployment_id);
        CHECK(task["group"] == "service:ielts-backend-service");
        CHECK(task["attachments"][0]["status"] == "ATTACHED");
        CHECK(task["containers"][0]["lastStatus"] == "RUNNING");
        CHECK(task["containers"][0]["healthStatus"] == "HEALTHY");
        const std::string runtime_id = task["containers"][0]["runtimeId"];
        CHECK(runtime_id.rfind(id_of_arn(task["taskArn"]) + "-", 0) == 0);
        CHECK(task["pullStartedAt"].get<double>() <= task["pullStoppedAt"].get<double>());
        CHECK(task["pullStoppedAt"].get<double>() <= task["startedAt"].get<double>());
        CHECK(task["createdAt"].get<double>() < task["startedAt"].get<double>());
        // PROVISIONING(1) -> PENDING -> container running -> ACTIVATING -> RUNNING -> HEALTHY.
        CHECK(task["version"] == 6);
        zones.insert(task["availabilityZone"].get<std::string>());
    }
    CHECK(zones == std::set<std::string>{"ap-southeast-1a", "ap-southeast-1b"});

    REQUIRE(w.runtime.starts.size() == 2);
    CHECK(w.runtime.starts[0].private_ip != w.runtime.starts[1].private_ip);
    CHECK(w.runtime.starts[0].private_ip.rfind("127.", 0) == 0);
    CHECK(w.runtime.starts[0].containers[0].container_ports == std::vector<int>{8080});
    CHECK(w.runtime.starts[0].containers[0].health_check.has_value());
    CHECK(w.runtime.stops.empty());
}

TEST_CASE("the steady state comes a few emulated seconds after CreateService", "[engine][service]") {
    EngineWorld w;
    w.create_guide_service("web");
    // provisioning 2 s + containers running 0.5 s + activating 1 s, healthy 2 s after running.
    w.run_for(Duration::milliseconds(4400));
    CHECK(w.service("web")["deployments"][0]["rolloutState"] == "IN_PROGRESS");
    w.run_for(Duration::milliseconds(200));
    CHECK(w.service("web")["deployments"][0]["rolloutState"] == "COMPLETED");
}

TEST_CASE("a settled service produces no further changes", "[engine][service]") {
    EngineWorld w;
    w.create_guide_service("web");
    w.run_for(Duration::seconds(30));
    const std::size_t entries = w.engine.change_log().entries().size();
    w.run_for(Duration::minutes(30));
    CHECK(w.engine.change_log().entries().size() == entries);
    // The next thing due is the 6-hourly steady-state repeat.
    REQUIRE(w.engine.next_pass_at());
    CHECK(*w.engine.next_pass_at() - w.clock.now() > Duration::minutes(300));  // five hours
}

TEST_CASE("every planner action is in the change log with its cause", "[engine][log]") {
    EngineWorld w;
    w.create_guide_service("web");
    w.run_for(Duration::seconds(30));
    const auto starts = w.engine.change_log().of_kind(ChangeKind::StartTask);
    REQUIRE(starts.size() == 2);
    for (const auto& entry : starts) {
        CHECK(entry.service == std::string(kCluster) + "/web");
        CHECK(entry.cause == "Rollout");
        CHECK(entry.time == kStart);
    }
    const auto events = w.engine.change_log().of_kind(ChangeKind::EmitEvent);
    REQUIRE(events.size() == 3);
    CHECK(events[1].cause == "DeploymentCompleted");
    CHECK(events[2].cause == "SteadyState");
    CHECK(contains({events[2].detail}, "has reached a steady state."));
    // Each task went PROVISIONING -> PENDING -> ACTIVATING -> RUNNING.
    CHECK(w.engine.change_log().of_kind(ChangeKind::TaskStatusChange).size() == 6);
}

TEST_CASE("a desiredCount change scales out and in", "[engine][service]") {
    EngineWorld w;
    w.create_guide_service("web");
    w.run_for(Duration::seconds(30));
    w.call("UpdateService", {{"cluster", kCluster}, {"service", "web"}, {"desiredCount", 4}});
    w.run_for(Duration::seconds(30));
    CHECK(w.service("web")["runningCount"] == 4);
    CHECK(w.service("web")["deployments"].size() == 1);
    w.call("UpdateService", {{"cluster", kCluster}, {"service", "web"}, {"desiredCount", 1}});
    w.run_for(Duration::seconds(30));
    const json service = w.service("web");
    CHECK(service["runningCount"] == 1);
    CHECK(service["deployments"][0]["desiredCount"] == 1);
    const auto stopped = w.tasks("web", "STOPPED");
    REQUIRE(stopped.size() == 3);
    for (const auto& task : stopped) {
        CHECK(task["lastStatus"] == "STOPPED");
        CHECK(task["stopCode"] == "ServiceSchedulerInitiated");
        CHECK(task["stoppedReason"] == "Scaling activity initiated by (deployment " +
                                           service["deployments"][0]["id"].get<std::string>() + ")");
    }
}

TEST_CASE("each launch into the runtime gets its own number, and the store keeps it on the task",
          "[engine][service]") {
    EngineWorld w;
    w.create_guide_service("web", 3);
    w.run_task();
    w.run_for(Duration::seconds(30));
    REQUIRE(w.runtime.starts.size() == 4);
    std::set<std::uint64_t> numbers;
    for (const core::TaskLaunch& launch : w.runtime.starts) {
        CHECK(launch.launch_number > 0);
        numbers.insert(launch.launch_number);
        const core::ecs::Task* task = core::ecs::find_task(w.state(), kCluster, launch.task_id);
        REQUIRE(task != nullptr);
        CHECK(task->runtime_launch == launch.launch_number);
    }
    CHECK(numbers.size() == 4);
    CHECK(*numbers.rbegin() == 4);  // counted from 1
}

}  // namespace ecsemu::test
