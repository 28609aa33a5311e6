// Tasks that die: an essential container exits, a user stops a task, a task never starts.
#include <catch2/catch.hpp>

#include "engine_world.hpp"

namespace ecsemu::test {

using core::Duration;
using core::engine::ChangeKind;
using nlohmann::json;

TEST_CASE("an essential container exit stops the task and the scheduler replaces it", "[engine][failure]") {
    EngineWorld w;
    w.create_guide_service("web");
    w.run_for(Duration::seconds(30));
    const std::string victim = id_of_arn(w.tasks("web")[0]["taskArn"]);

    w.runtime.crash(victim, "backend", 3, "");
    w.run_for(Duration::seconds(30));

    const json task = w.task(victim);
    CHECK(task["lastStatus"] == "STOPPED");
    CHECK(task["desiredStatus"] == "STOPPED");
    CHECK(task["stopCode"] == "EssentialContainerExited");
    CHECK(task["stoppedReason"] == "Essential container in task exited");
    CHECK(task["containers"][0]["exitCode"] == 3);
    CHECK(task["containers"][0]["lastStatus"] == "STOPPED");

    const json service = w.service("web");
    CHECK(service["runningCount"] == 2);
    CHECK(service["deployments"].size() == 1);
    const auto running = w.tasks("web");
    REQUIRE(running.size() == 2);
    for (const auto& t : running) CHECK(id_of_arn(t["taskArn"]) != victim);
    CHECK(w.event_messages("web")[0] == "(service web) has reached a steady state.");
    CHECK(w.event_messages("web")[1].rfind("(service web) has started 1 tasks: (task ", 0) == 0);

    const auto decided = w.engine.change_log().of_kind(ChangeKind::TaskStopDecided);
    REQUIRE(decided.size() == 1);
    CHECK(decided[0].task_id == victim);
    CHECK(decided[0].cause == "EssentialContainerExited");
}

TEST_CASE("StopTask takes a service task down and the scheduler replaces it", "[engine][failure]") {
    EngineWorld w;
    w.create_guide_service("web");
    w.run_for(Duration::seconds(30));
    const std::string victim = id_of_arn(w.tasks("web")[0]["taskArn"]);

    const json answer =
        w.call("StopTask", {{"cluster", kCluster}, {"task", victim}, {"reason", "operator says so"}})["task"];
    CHECK(answer["desiredStatus"] == "STOPPED");
    CHECK(answer["lastStatus"] == "RUNNING");
    w.run_for(Duration::seconds(30));

    const json task = w.task(victim);
    CHECK(task["lastStatus"] == "STOPPED");
    CHECK(task["stopCode"] == "UserInitiated");
    CHECK(task["stoppedReason"] == "operator says so");
    CHECK(w.runtime.stops == std::vector<std::string>{victim});
    CHECK(w.service("web")["runningCount"] == 2);
    CHECK(w.tasks("web").size() == 2);
}

TEST_CASE("a container that crashes before it runs fails to start and counts for the breaker",
          "[engine][failure]") {
    EngineWorld w;
    w.register_task_definition("broken", "broken-image", false);
    ContainerScript broken;
    broken.reports_running = false;
    broken.exits_after = Duration::milliseconds(200);
    broken.exit_code = 127;
    broken.exit_reason = "CannotStartContainerError: exec: \"/app\": not found";
    w.runtime.script("broken-image", broken);
    w.call("CreateService", {{"cluster", kCluster},
                             {"serviceName", "broken"},
                             {"taskDefinition", "broken"},
                             {"desiredCount", 1},
                             {"launchType", "FARGATE"},
                             {"networkConfiguration", awsvpc_configuration()},
                             {"deploymentConfiguration",
                              {{"deploymentCircuitBreaker", {{"enable", true}, {"rollback", false}}}}}});
    w.run_for(Duration::minutes(5));

    const json service = w.service("broken");
    const json& deployment = service["deployments"][0];
    CHECK(deployment["rolloutState"] == "FAILED");
    CHECK(deployment["rolloutStateReason"] == "ECS deployment circuit breaker: tasks failed to start.");
    CHECK(deployment["failedTasks"] == 3);
    const auto stopped = w.tasks("broken", "STOPPED");
    REQUIRE(stopped.size() == 3);
    for (const auto& task : stopped) {
        CHECK(task["stopCode"] == "TaskFailedToStart");
        CHECK(task["stoppedReason"] == broken.exit_reason);
        CHECK(task["containers"][0]["exitCode"] == 127);
        CHECK(!task.contains("startedAt"));
    }
    CHECK(w.tasks("broken").empty());
}

TEST_CASE("a task whose containers never report running fails to start after the timeout",
          "[engine][failure]") {
    core::engine::EngineKnobs knobs;
    knobs.lifecycle.start_timeout = Duration::seconds(20);
    EngineWorld w(knobs);
    w.register_task_definition("silent", "silent-image", false);
    ContainerScript silent;
    silent.reports_running = false;
    w.runtime.script("silent-image", silent);
    const std::string id = w.run_task("silent");
    w.run_for(Duration::seconds(21));
    CHECK(w.task(id)["lastStatus"] == "PENDING");
    w.run_for(Duration::seconds(5));
    const json task = w.task(id);
    CHECK(task["lastStatus"] == "STOPPED");
    CHECK(task["stopCode"] == "TaskFailedToStart");
    CHECK(task["stoppedReason"] == "Timeout waiting for the essential containers to start");
}

TEST_CASE("an UNHEALTHY container gets its task replaced", "[engine][failure]") {
    EngineWorld w;
    w.create_guide_service("web");
    w.run_for(Duration::seconds(30));
    const std::string victim = id_of_arn(w.tasks("web")[0]["taskArn"]);
    w.engine.on_container_health(victim, "backend", core::ContainerHealth::Unhealthy);
    w.run_for(Duration::seconds(30));
    const json task = w.task(victim);
    CHECK(task["lastStatus"] == "STOPPED");
    CHECK(task["healthStatus"] == "UNHEALTHY");
    CHECK(task["stoppedReason"] == "Task failed container health checks");
    CHECK(w.service("web")["runningCount"] == 2);
    bool replaced_event = false;
    for (const auto& m : w.event_messages("web")) {
        replaced_event |=
            m.find("Amazon ECS replaced 1 tasks due to an unhealthy status.") != std::string::npos;
    }
    CHECK(replaced_event);
}

}  // namespace ecsemu::test
