// The stub runtime's modelled usage: the pure model on its own, then through a running stub whose real-time
// clock is a fake the test moves, so the expected CPU units are exact.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "net/asio/asio_clock.hpp"
#include "net/stub/stub_task_runtime.hpp"
#include "net/stub/stub_usage.hpp"
#include "runtime_test_support.hpp"

using namespace std::chrono_literals;
using ecsemu::core::ContainerLaunch;
using ecsemu::core::TaskLaunch;
using ecsemu::core::TaskUsage;
using ecsemu::net::AsioClock;
using ecsemu::net::model_stub_usage;
using ecsemu::net::StubContainerUsage;
using ecsemu::net::StubRuntimeOptions;
using ecsemu::net::StubTaskRuntime;
using ecsemu::net::StubUsageWindow;
using ecsemu::test::get;
using ecsemu::test::RecordingObserver;
using ecsemu::test::run_until;
using ecsemu::test::RuntimeEvent;
using ecsemu::test::test_ip;

namespace {

using Environment = std::vector<std::pair<std::string, std::string>>;

struct FakeRealClock {
    std::chrono::steady_clock::time_point now{};
    void advance(std::chrono::milliseconds by) { now += by; }
};

struct UsageWorld {
    UsageWorld() : clock(io, 1000.0), observer(clock), runtime(io, clock, observer, options_with(real)) {}

    static StubRuntimeOptions options_with(FakeRealClock& real) {
        StubRuntimeOptions options;
        options.real_now = [&real] { return real.now; };
        return options;
    }
    bool wait_running(std::size_t count) {
        return run_until(io, [&] { return observer.count(RuntimeEvent::Kind::Running) >= count; });
    }

    FakeRealClock real;
    boost::asio::io_context io;
    AsioClock clock;
    RecordingObserver observer;
    StubTaskRuntime runtime;
};

ContainerLaunch stub(std::string name, int port, Environment environment = {}) {
    ContainerLaunch container;
    container.name = std::move(name);
    container.image = "ecsemu/stub";
    container.container_ports = {port};
    container.environment = std::move(environment);
    return container;
}

TaskLaunch task(const std::string& id, const std::string& ip, int cpu_units,
                std::vector<ContainerLaunch> containers) {
    TaskLaunch launch;
    launch.task_id = id;
    launch.task_arn = "arn:aws:ecs:us-east-1:000000000000:task/default/" + id;
    launch.family = "web";
    launch.revision = 1;
    launch.private_ip = ip;
    launch.cpu_units = cpu_units;
    launch.memory_mib = 1024;
    launch.containers = std::move(containers);
    return launch;
}

}  // namespace

TEST_CASE("the stub model spreads request CPU over the window and adds each running container's baseline",
          "[stub][usage]") {
    StubUsageWindow window;
    window.cpu_reservation_units = 512;
    window.containers = {StubContainerUsage{true, 1.0, 64}, StubContainerUsage{true, 3.0, 100},
                         StubContainerUsage{false, 50.0, 1000}};  // not running: counts for nothing
    window.request_cpu_us = 3'000'000;                            // 3 CPU seconds...
    window.elapsed_seconds = 6;                                   // ...over 6 s: half a vCPU
    TaskUsage usage = model_stub_usage("t", window);
    CHECK(usage.task_id == "t");
    // 512 / 3 containers per share: 1 % and 3 % of it.
    CHECK(usage.cpu_units == Approx(512.0 + 512.0 / 3 * 0.01 + 512.0 / 3 * 0.03));
    CHECK(usage.memory_mib == Approx(164));

    window.elapsed_seconds = 0;  // nothing to spread the requests over
    CHECK(model_stub_usage("t", window).cpu_units == Approx(512.0 / 3 * 0.04));
    CHECK(model_stub_usage("t", StubUsageWindow{}).cpu_units == 0);
}

TEST_CASE("a stub task's CPU is requests x ECSEMU_STUB_CPU_MS_PER_REQUEST over real elapsed time",
          "[stub][usage]") {
    UsageWorld world;
    const std::string ip = test_ip(40);
    world.runtime.start(task("u1", ip, 256,
                             {stub("app", 8080,
                                   {{"ECSEMU_STUB_CPU_MS_PER_REQUEST", "50"},
                                    {"ECSEMU_STUB_IDLE_CPU_PERCENT", "0"},
                                    {"ECSEMU_STUB_MEMORY_MIB", "300"}})}));
    REQUIRE(world.wait_running(1));
    for (int i = 0; i < 4; ++i) REQUIRE(get(world.io, ip, 8080, "/").status == 200);
    world.real.advance(2s);

    auto usage = world.runtime.take_usage();
    REQUIRE(usage.size() == 1);
    CHECK(usage[0].task_id == "u1");
    CHECK(usage[0].cpu_units == Approx(1024.0 * 0.2 / 2));  // 4 x 50 ms in 2 s
    CHECK(usage[0].memory_mib == Approx(300));

    // The next window starts at the take: only what is served after it counts, over its own length.
    REQUIRE(get(world.io, ip, 8080, "/").status == 200);
    world.real.advance(500ms);
    usage = world.runtime.take_usage();
    REQUIRE(usage.size() == 1);
    CHECK(usage[0].cpu_units == Approx(1024.0 * 0.05 / 0.5));

    world.real.advance(10s);
    CHECK(world.runtime.take_usage()[0].cpu_units == 0);
}

TEST_CASE("an idle stub task shows the baseline and default memory of its running containers",
          "[stub][usage]") {
    UsageWorld world;
    const std::string ip = test_ip(41);
    world.runtime.start(task(
        "u2", ip, 1024, {stub("app", 8080), stub("late", 8081, {{"ECSEMU_STUB_START_DELAY_S", "3600"}})}));
    REQUIRE(world.wait_running(1));
    world.real.advance(60s);

    auto usage = world.runtime.take_usage();
    REQUIRE(usage.size() == 1);
    // Only "app" is up: 1 % of its half of the reservation; 64 MiB by default.
    CHECK(usage[0].cpu_units == Approx(1024.0 / 2 * 0.01));
    CHECK(usage[0].memory_mib == Approx(64));
    // Requests cost nothing by default.
    REQUIRE(get(world.io, ip, 8080, "/").status == 200);
    world.real.advance(60s);
    CHECK(world.runtime.take_usage()[0].cpu_units == Approx(1024.0 / 2 * 0.01));

    world.runtime.stop("u2");
    REQUIRE(run_until(world.io, [&] { return world.runtime.task_count() == 0; }));
    CHECK(world.runtime.take_usage().empty());
}
