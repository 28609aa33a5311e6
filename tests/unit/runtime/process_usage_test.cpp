// Usage measured from /proc for a real busy-looping process task. Bounded: the loop runs for about half a
// second of real time, and the runtime's destructor kills it if a check fails first.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>

#include <boost/asio/io_context.hpp>

#include "emulator/runtime/process_task_runtime.hpp"
#include "net/asio/asio_clock.hpp"
#include "runtime_test_support.hpp"

using namespace std::chrono_literals;
using ecsemu::core::ContainerLaunch;
using ecsemu::core::TaskLaunch;
using ecsemu::net::AsioClock;
using ecsemu::runtime::ProcessRuntimeConfig;
using ecsemu::runtime::ProcessTaskRuntime;
using ecsemu::test::RecordingObserver;
using ecsemu::test::run_for;
using ecsemu::test::run_until;
using ecsemu::test::RuntimeEvent;

namespace {

namespace fs = std::filesystem;

struct LogDir {
    LogDir() {
        static std::atomic<int> counter{0};
        path = fs::temp_directory_path() /
               ("ecsemu-usage-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    }
    ~LogDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    fs::path path;
};

ProcessRuntimeConfig busy_config(const fs::path& log_dir) {
    ProcessRuntimeConfig config;
    config.mappings = {{"test/busy:*", {"/bin/sh", "-c", "while :; do :; done"}, ""}};
    config.log_dir = log_dir.string();
    return config;
}

TaskLaunch busy_task(const std::string& id) {
    ContainerLaunch container;
    container.name = "app";
    container.image = "test/busy:1";
    TaskLaunch launch;
    launch.task_id = id;
    launch.task_arn = "arn:aws:ecs:us-east-1:000000000000:task/default/" + id;
    launch.private_ip = "127.10.0.4";
    launch.cpu_units = 256;
    launch.memory_mib = 512;
    launch.containers = {container};
    return launch;
}

}  // namespace

TEST_CASE("a busy-looping process task shows CPU and memory through take_usage",
          "[runtime][process][usage]") {
    LogDir logs;
    boost::asio::io_context io;
    AsioClock clock(io, 100.0);
    RecordingObserver observer(clock);
    ProcessTaskRuntime runtime(io, clock, observer, busy_config(logs.path));

    runtime.start(busy_task("busy"));
    REQUIRE(run_until(io, [&] { return observer.count(RuntimeEvent::Kind::Running) >= 1; }));
    run_for(io, 500ms);

    auto usage = runtime.take_usage();
    REQUIRE(usage.size() == 1);
    CHECK(usage[0].task_id == "busy");
    // A spinning shell uses as much of a CPU as the machine gives it; shared machines give less than all.
    CHECK(usage[0].cpu_units > 0);
    CHECK(usage[0].cpu_units < 1024 * 1.5);  // one process: not more than one CPU, give or take tick rounding
    CHECK(usage[0].memory_mib > 0);

    runtime.stop("busy");
    REQUIRE(run_until(
        io, [&] { return observer.count(RuntimeEvent::Kind::Exited) >= 1; }, 3s));
    CHECK(runtime.take_usage().empty());
}
