// The process runtime with real /bin/sh children, an accelerated AsioClock and per-test log directories.
// Every wait is bounded; the runtime's destructor kills whatever a failed test leaves running.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "emulator/runtime/process_task_runtime.hpp"
#include "net/asio/asio_clock.hpp"
#include "runtime_test_support.hpp"

using namespace std::chrono_literals;
using ecsemu::core::ContainerLaunch;
using ecsemu::core::Duration;
using ecsemu::core::Instant;
using ecsemu::core::TaskLaunch;
using ecsemu::net::AsioClock;
using ecsemu::runtime::ProcessMapping;
using ecsemu::runtime::ProcessRuntimeConfig;
using ecsemu::runtime::ProcessTaskRuntime;
using ecsemu::test::RecordingObserver;
using ecsemu::test::run_until;
using ecsemu::test::RuntimeEvent;

namespace {

using Kind = RuntimeEvent::Kind;
namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() /
                ("ecsemu-process-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::vector<ProcessMapping> shell_mappings() {
    return {
        {"test/exit3:*", {"/bin/sh", "-c", "exit 3"}, ""},
        {"test/self-kill:*", {"/bin/sh", "-c", "kill -KILL $$"}, ""},
        {"test/env:*",
         {"/bin/sh", "-c",
          "echo ip=$ECSEMU_TASK_IP region=$AWS_REGION exec=$AWS_EXECUTION_ENV greeting=$GREETING "
          "meta=$ECS_CONTAINER_METADATA_URI_V4 args=$*; echo pwd=$(pwd); echo to-stderr >&2",
          "sh"},
         ""},
        {"test/sleeper:*", {"/bin/sh", "-c", "echo $$ > \"$PID_FILE\"; echo ready; exec sleep 30"}, ""},
        {"test/stubborn:*", {"/bin/sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done"}, ""},
        {"test/orphaner:*", {"/bin/sh", "-c", "sleep 30 & echo $! > \"$PID_FILE\"; exit 0"}, ""},
        {"test/missing:*", {"/nonexistent/ecsemu-test-binary"}, ""},
    };
}

struct ProcessWorld {
    explicit ProcessWorld(double time_scale = 100.0)
        : clock(io, time_scale), observer(clock), runtime(io, clock, observer, config_for(logs.path())) {}

    static ProcessRuntimeConfig config_for(const fs::path& log_dir) {
        ProcessRuntimeConfig config;
        config.mappings = shell_mappings();
        config.mappings[2].working_directory = log_dir.string();
        config.log_dir = log_dir.string();
        return config;
    }

    bool wait_for(Kind kind, std::size_t count, std::chrono::milliseconds bound = 5s) {
        return run_until(
            io, [&] { return observer.count(kind) >= count; }, bound);
    }

    std::string log(const std::string& task_id, const std::string& container) {
        std::ifstream in(runtime.log_path(task_id, container));
        std::stringstream contents;
        contents << in.rdbuf();
        return contents.str();
    }

    TempDir logs;
    boost::asio::io_context io;
    AsioClock clock;
    RecordingObserver observer;
    ProcessTaskRuntime runtime;
};

ContainerLaunch container(std::string name, std::string image,
                          std::vector<std::pair<std::string, std::string>> env = {}) {
    ContainerLaunch c;
    c.name = std::move(name);
    c.image = std::move(image);
    c.environment = std::move(env);
    return c;
}

TaskLaunch task(const std::string& id, std::vector<ContainerLaunch> containers) {
    TaskLaunch launch;
    launch.task_id = id;
    launch.task_arn = "arn:aws:ecs:us-east-1:000000000000:task/default/" + id;
    launch.cluster_arn = "arn:aws:ecs:us-east-1:000000000000:cluster/default";
    launch.private_ip = "127.10.0.3";
    launch.containers = std::move(containers);
    return launch;
}

// Gone, or a zombie left for a PID 1 that does not reap: either way no longer running.
bool process_ended(int pid) {
    if (::kill(pid, 0) != 0) return true;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    auto close_paren = line.rfind(')');
    return close_paren == std::string::npos || line.substr(close_paren + 2, 1) == "Z";
}

int read_pid(const fs::path& file) {
    int pid = -1;
    std::ifstream(file) >> pid;
    return pid;
}

}  // namespace

TEST_CASE("a process that exits 3 is reported running, then exited with 3", "[runtime][process]") {
    ProcessWorld world;
    world.runtime.start(
        task("p1", {container("app", "test/exit3:latest"), container("killer", "test/self-kill:1")}));
    CHECK(world.observer.events().empty());  // reports come later, never from inside start()
    REQUIRE(world.wait_for(Kind::Exited, 2));
    auto trace = world.observer.trace();
    std::sort(trace.begin(), trace.end());
    CHECK(trace == std::vector<std::string>{"exited p1/app 3", "exited p1/killer 137", "running p1/app",
                                            "running p1/killer"});
    CHECK(world.runtime.task_count() == 0);
    CHECK(world.runtime.live_process_count() == 0);
}

TEST_CASE("environment, arguments, working directory and output reach the log file", "[runtime][process]") {
    ProcessWorld world;
    auto env_container =
        container("app", "test/env:1",
                  {{"GREETING", "hello"}, {"ECS_CONTAINER_METADATA_URI_V4", "http://127.0.0.1:1/v4/x"}});
    env_container.command = {"one", "two"};
    world.runtime.start(task("p2", {env_container}));
    REQUIRE(world.wait_for(Kind::Exited, 1));
    CHECK(world.observer.trace().back() == "exited p2/app 0");

    CHECK(world.runtime.log_path("p2", "app") == (world.logs.path() / "p2" / "app.log").string());
    CHECK(world.log("p2", "app") ==
          "ip=127.10.0.3 region=us-east-1 exec=AWS_ECS_FARGATE greeting=hello meta=http://127.0.0.1:1/v4/x "
          "args=one two\n"
          "pwd=" +
              fs::canonical(world.logs.path()).string() +
              "\n"
              "to-stderr\n");
}

TEST_CASE("stop sends SIGTERM to the process group", "[runtime][process]") {
    ProcessWorld world;
    const fs::path pid_file = world.logs.path() / "sleeper.pid";
    world.runtime.start(task("p3", {container("app", "test/sleeper:1", {{"PID_FILE", pid_file.string()}})}));
    REQUIRE(world.wait_for(Kind::Running, 1));
    REQUIRE(run_until(world.io, [&] { return world.log("p3", "app") == "ready\n"; }));
    int pid = read_pid(pid_file);
    REQUIRE(pid > 0);

    world.runtime.stop("p3");
    world.runtime.stop("p3");
    world.runtime.stop("unknown");
    REQUIRE(world.wait_for(Kind::Exited, 1, 3s));
    CHECK(world.observer.trace() == std::vector<std::string>{"running p3/app", "exited p3/app 143"});
    CHECK(process_ended(pid));
}

TEST_CASE("a process that ignores SIGTERM is killed after stop_timeout on the Clock", "[runtime][process]") {
    ProcessWorld world(100.0);  // 30 emulated seconds take 300 ms
    auto stubborn = container("app", "test/stubborn:1");
    stubborn.stop_timeout = Duration::seconds(30);
    world.runtime.start(task("p4", {stubborn}));
    REQUIRE(world.wait_for(Kind::Running, 1));
    REQUIRE(run_until(world.io, [&] { return world.log("p4", "app") == "ready\n"; }));

    const Instant stop_requested = world.clock.now();
    auto real_start = std::chrono::steady_clock::now();
    world.runtime.stop("p4");
    REQUIRE(world.wait_for(Kind::Exited, 1, 3s));
    CHECK(std::chrono::steady_clock::now() - real_start < 1s);
    auto exited = world.observer.first(Kind::Exited, "p4");
    CHECK(exited->exit_code == 137);
    CHECK(exited->at - stop_requested >= Duration::seconds(30));
    CHECK(world.runtime.live_process_count() == 0);
}

TEST_CASE("process containers that cannot start report CannotStartContainerError", "[runtime][process]") {
    ProcessWorld world;
    world.runtime.start(task("p5", {container("app", "nope:latest"), container("gone", "test/missing:1")}));
    REQUIRE(world.wait_for(Kind::Exited, 2));
    CHECK(
        world.observer.trace() ==
        std::vector<std::string>{
            "exited p5/app 127 CannotStartContainerError: no process mapping for image nope:latest",
            "exited p5/gone 127 CannotStartContainerError: /nonexistent/ecsemu-test-binary: No such file or "
            "directory"});
    CHECK(world.observer.count(Kind::Running) == 0);
    CHECK(world.runtime.task_count() == 0);
}

TEST_CASE("what a container leaves behind in its process group dies with it", "[runtime][process]") {
    ProcessWorld world;
    const fs::path pid_file = world.logs.path() / "orphan.pid";
    world.runtime.start(task("p6", {container("app", "test/orphaner:1", {{"PID_FILE", pid_file.string()}})}));
    REQUIRE(world.wait_for(Kind::Exited, 1));
    CHECK(world.observer.trace().back() == "exited p6/app 0");
    int orphan = read_pid(pid_file);
    REQUIRE(orphan > 0);
    CHECK(run_until(
        world.io, [&] { return process_ended(orphan); }, 2s));
}

TEST_CASE("destroying the runtime kills the processes it started", "[runtime][process]") {
    TempDir scratch;
    const fs::path pid_file = scratch.path() / "sleeper.pid";
    int pid = -1;
    {
        ProcessWorld world;
        world.runtime.start(
            task("p7", {container("app", "test/sleeper:1", {{"PID_FILE", pid_file.string()}})}));
        REQUIRE(world.wait_for(Kind::Running, 1));
        REQUIRE(run_until(world.io, [&] { return world.log("p7", "app") == "ready\n"; }));
        pid = read_pid(pid_file);
        CHECK(world.runtime.live_process_count() == 1);
    }
    REQUIRE(pid > 0);
    CHECK(process_ended(pid));
}

TEST_CASE("a process container's healthCheck command decides its health", "[runtime][process][health]") {
    ProcessWorld world;  // time scale 100: a 5 s interval is 50 ms
    auto checked = [](std::string name, std::vector<std::string> command, int retries) {
        auto c = container(std::move(name), "test/sleeper:1", {{"PID_FILE", "/dev/null"}});
        ecsemu::core::ContainerHealthCheckSpec spec;
        spec.command = std::move(command);
        spec.interval = Duration::seconds(5);
        spec.timeout = Duration::seconds(2);
        spec.retries = retries;
        c.health_check = spec;
        return c;
    };
    world.runtime.start(task(
        "h1", {checked("ok", {"CMD-SHELL", "test -n \"$PID_FILE\""}, 3),
               checked("bad", {"CMD", "/bin/false"}, 2), checked("slow", {"CMD-SHELL", "sleep 30"}, 1)}));
    REQUIRE(world.wait_for(Kind::Health, 3, 10s));
    auto trace = world.observer.trace();
    trace.erase(
        std::remove_if(trace.begin(), trace.end(), [](const auto& l) { return l.rfind("health", 0) != 0; }),
        trace.end());
    std::sort(trace.begin(), trace.end());
    // The check runs with the container's environment; a failing command and one killed at its timeout fail.
    CHECK(trace == std::vector<std::string>{"health h1/bad UNHEALTHY", "health h1/ok HEALTHY",
                                            "health h1/slow UNHEALTHY"});
    world.runtime.stop("h1");
    REQUIRE(world.wait_for(Kind::Exited, 3));
    // A check killed by the stop is reaped a moment after the containers' exits are reported.
    CHECK(run_until(
        world.io, [&] { return world.runtime.live_process_count() == 0; }, 5s));
}
