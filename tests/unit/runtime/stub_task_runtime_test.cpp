// The stub task runtime on a real io_context with an accelerated AsioClock and real loopback sockets on
// per-process 127.x addresses. Timing assertions compare emulated instants the runtime reported; real time
// only bounds the waits.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "net/asio/asio_clock.hpp"
#include "net/stub/stub_task_runtime.hpp"
#include "runtime_test_support.hpp"

using namespace std::chrono_literals;
using ecsemu::core::ContainerHealth;
using ecsemu::core::ContainerHealthCheckSpec;
using ecsemu::core::ContainerLaunch;
using ecsemu::core::Duration;
using ecsemu::core::Instant;
using ecsemu::core::TaskLaunch;
using ecsemu::net::AsioClock;
using ecsemu::net::StubRuntimeOptions;
using ecsemu::net::StubTaskRuntime;
using ecsemu::test::get;
using ecsemu::test::RecordingObserver;
using ecsemu::test::run_until;
using ecsemu::test::RuntimeEvent;
using ecsemu::test::start_get;
using ecsemu::test::test_ip;

namespace {

using Kind = RuntimeEvent::Kind;
using Environment = std::vector<std::pair<std::string, std::string>>;

struct StubWorld {
    explicit StubWorld(double time_scale = 1000.0, StubRuntimeOptions options = {})
        : clock(io, time_scale), observer(clock), runtime(io, clock, observer, options) {}

    bool wait_for(Kind kind, std::size_t count, std::chrono::milliseconds bound = 5s) {
        return run_until(
            io, [&] { return observer.count(kind) >= count; }, bound);
    }
    // True when, with nothing left to do, io_context::run returns: no timer, socket or coroutine leaked.
    bool runs_dry() {
        io.restart();
        io.run_for(3s);
        return io.stopped();
    }

    boost::asio::io_context io;
    AsioClock clock;
    RecordingObserver observer;
    StubTaskRuntime runtime;
};

ContainerLaunch stub_container(std::string name, std::vector<int> ports, Environment environment = {}) {
    ContainerLaunch container;
    container.name = std::move(name);
    container.image = "ecsemu/stub";
    container.container_ports = std::move(ports);
    container.environment = std::move(environment);
    return container;
}

TaskLaunch task(const std::string& id, const std::string& ip, std::vector<ContainerLaunch> containers) {
    TaskLaunch launch;
    launch.task_id = id;
    launch.task_arn = "arn:aws:ecs:us-east-1:000000000000:task/default/" + id;
    launch.family = "web";
    launch.revision = 4;
    launch.private_ip = ip;
    launch.containers = std::move(containers);
    return launch;
}

ContainerHealthCheckSpec health_check(std::string url, int interval_s, int retries, int start_period_s = 0) {
    ContainerHealthCheckSpec spec;
    spec.command = {"CMD-SHELL", "curl -f " + url + " || exit 1"};
    spec.interval = Duration::seconds(interval_s);
    spec.retries = retries;
    spec.start_period = Duration::seconds(start_period_s);
    return spec;
}

}  // namespace

TEST_CASE("a stub answers with its identity on the task's private IP, and stop closes it",
          "[stub][runtime]") {
    StubWorld world;
    const std::string ip = test_ip(1);
    world.runtime.start(task("t1", ip, {stub_container("app", {8080}), stub_container("sidecar", {9090})}));
    CHECK(world.observer.events().empty());  // reports come from the clock, never from inside start()
    REQUIRE(world.wait_for(Kind::Running, 2));

    auto app = get(world.io, ip, 8080, "/hello?x=1", "X-Trace: abc\r\n");
    CHECK(app.status == 200);
    CHECK_THAT(app.body,
               Catch::Contains("\"taskArn\":\"arn:aws:ecs:us-east-1:000000000000:task/default/t1\""));
    CHECK_THAT(app.body, Catch::Contains("\"family\":\"web\",\"revision\":4,\"container\":\"app\""));
    CHECK_THAT(app.body, Catch::Contains("\"path\":\"/hello?x=1\",\"method\":\"GET\""));
    CHECK_THAT(app.body, Catch::Contains("\"x-trace\":\"abc\""));
    CHECK_THAT(app.raw, Catch::Contains("Content-Type: application/json"));
    CHECK_THAT(get(world.io, ip, 9090, "/").body, Catch::Contains("\"container\":\"sidecar\""));
    CHECK(get(world.io, "127.0.0.1", 8080, "/").status != 200);  // bound on the task IP only
    REQUIRE(world.runtime.stats("t1"));
    CHECK(world.runtime.stats("t1")->requests == 2);

    world.runtime.stop("t1");
    world.runtime.stop("t1");
    world.runtime.stop("unknown");
    CHECK(world.observer.count(Kind::Exited) == 0);
    REQUIRE(world.wait_for(Kind::Exited, 2));
    CHECK(world.observer.trace() == std::vector<std::string>{"running t1/app", "running t1/sidecar",
                                                             "exited t1/app 0", "exited t1/sidecar 0"});
    CHECK(get(world.io, ip, 8080, "/").connect_failed);
    CHECK_FALSE(world.runtime.stats("t1"));
    CHECK(world.runtime.task_count() == 0);
    CHECK(world.runs_dry());
}

TEST_CASE("ports open only after ECSEMU_STUB_START_DELAY_S", "[stub][runtime]") {
    StubWorld world;
    const std::string ip = test_ip(2);
    const Instant started = world.clock.now();
    world.runtime.start(
        task("t2", ip, {stub_container("app", {8080}, {{"ECSEMU_STUB_START_DELAY_S", "5"}})}));
    auto early = start_get(world.io, ip, 8080, "/");
    REQUIRE(run_until(world.io, [&] { return early->finished; }));
    CHECK(early->connect_failed);

    REQUIRE(world.wait_for(Kind::Running, 1));
    CHECK(world.observer.events()[0].at - started >= Duration::seconds(5));
    CHECK(get(world.io, ip, 8080, "/").status == 200);
}

TEST_CASE("latency delays answers on the Clock; requests and CPU are counted", "[stub][runtime]") {
    StubWorld world;
    const std::string ip = test_ip(3);
    world.runtime.start(task(
        "t3", ip,
        {stub_container("app", {8080},
                        {{"ECSEMU_STUB_LATENCY_MS", "3000"}, {"ECSEMU_STUB_CPU_MS_PER_REQUEST", "2.5"}})}));
    REQUIRE(world.wait_for(Kind::Running, 1));

    const Instant sent = world.clock.now();
    auto first = start_get(world.io, ip, 8080, "/a");
    auto second = start_get(world.io, ip, 8080, "/b");  // answered concurrently: the loop is never blocked
    REQUIRE(run_until(world.io, [&] { return first->finished && second->finished; }));
    CHECK(first->status == 200);
    CHECK(second->status == 200);
    CHECK(world.clock.now() - sent >= Duration::seconds(3));
    CHECK(world.clock.now() - sent < Duration::seconds(6) + Duration::seconds(3));  // not one after the other
    auto stats = world.runtime.stats("t3");
    REQUIRE(stats);
    CHECK(stats->requests == 2);
    CHECK(stats->cpu_time_us == 5000);
}

TEST_CASE("ECSEMU_STUB_STATUS applies to every path but the health path", "[stub][runtime]") {
    StubWorld world;
    const std::string ip = test_ip(4);
    auto with_check = stub_container("app", {8080}, {{"ECSEMU_STUB_STATUS", "500"}});
    with_check.health_check = health_check("http://localhost:8080/ping", 30, 3);
    world.runtime.start(
        task("t4", ip, {with_check, stub_container("plain", {8081}, {{"ECSEMU_STUB_STATUS", "404"}})}));
    REQUIRE(world.wait_for(Kind::Running, 2));

    CHECK(get(world.io, ip, 8080, "/").status == 500);
    CHECK(get(world.io, ip, 8080, "/ping").status == 200);
    CHECK(get(world.io, ip, 8080, "/health").status == 500);  // the healthCheck names /ping
    CHECK(get(world.io, ip, 8081, "/x").status == 404);
    CHECK(get(world.io, ip, 8081, "/x/health").status == 200);
}

TEST_CASE("ECSEMU_STUB_HEALTH=fail: 503 DOWN everywhere and UNHEALTHY after retries", "[stub][runtime]") {
    StubWorld world;
    const std::string ip = test_ip(5);
    auto container = stub_container("app", {8080}, {{"ECSEMU_STUB_HEALTH", "fail"}});
    container.health_check = health_check("http://localhost:8080/health", 5, 2);
    world.runtime.start(task("t5", ip, {container}));
    REQUIRE(world.wait_for(Kind::Health, 1));

    auto running = world.observer.first(Kind::Running, "t5");
    auto health = world.observer.first(Kind::Health, "t5");
    REQUIRE(running);
    CHECK(health->health == ContainerHealth::Unhealthy);
    CHECK(health->at - running->at >= Duration::seconds(10));  // two failed checks, 5 s apart
    auto answer = get(world.io, ip, 8080, "/orders");
    CHECK(answer.status == 503);
    CHECK(answer.body == "{\"status\":\"DOWN\"}");
    CHECK(get(world.io, ip, 8080, "/health").status == 503);
}

TEST_CASE("fail-after: healthy first, then 503 and UNHEALTHY", "[stub][runtime]") {
    StubWorld world(100.0);  // 10 emulated seconds take 100 ms: room for the first request before failing
    const std::string ip = test_ip(6);
    auto container = stub_container("app", {8080}, {{"ECSEMU_STUB_HEALTH", "fail-after:10"}});
    container.health_check = health_check("http://localhost:8080/health", 2, 2);
    world.runtime.start(task("t6", ip, {container}));
    REQUIRE(world.wait_for(Kind::Running, 1));
    CHECK(get(world.io, ip, 8080, "/").status == 200);

    REQUIRE(world.wait_for(Kind::Health, 2));
    CHECK(world.observer.trace() ==
          std::vector<std::string>{"running t6/app", "health t6/app HEALTHY", "health t6/app UNHEALTHY"});
    const auto& events = world.observer.events();
    CHECK(events[2].at - events[0].at >= Duration::seconds(12));  // failing from 10 s; checks at 10 and 12
    CHECK(get(world.io, ip, 8080, "/").status == 503);
}

TEST_CASE("ECSEMU_STUB_EXIT_AFTER_S exits one container; the engine's stop ends the rest",
          "[stub][runtime]") {
    StubWorld world;
    const std::string ip = test_ip(7);
    auto crashing =
        stub_container("app", {8080}, {{"ECSEMU_STUB_EXIT_AFTER_S", "3"}, {"ECSEMU_STUB_EXIT_CODE", "7"}});
    world.runtime.start(task("t7", ip, {crashing, stub_container("sidecar", {8081})}));
    // An engine stops the task when an essential container exits, from inside the report.
    world.observer.on_event = [&](const RuntimeEvent& event) {
        if (event.kind == Kind::Exited && event.container == "app") world.runtime.stop(event.task_id);
    };
    REQUIRE(world.wait_for(Kind::Exited, 2));
    CHECK(world.observer.trace() == std::vector<std::string>{"running t7/app", "running t7/sidecar",
                                                             "exited t7/app 7", "exited t7/sidecar 0"});
    auto running = world.observer.first(Kind::Running, "t7");
    auto exited = world.observer.first(Kind::Exited, "t7");
    CHECK(exited->at - running->at >= Duration::seconds(3));
    CHECK(world.runtime.task_count() == 0);

    // Without an explicit code the exit code is 1, and a task whose containers all exited is forgotten.
    world.observer.on_event = nullptr;
    world.runtime.start(
        task("t7b", test_ip(8), {stub_container("app", {8080}, {{"ECSEMU_STUB_EXIT_AFTER_S", "1"}})}));
    REQUIRE(world.wait_for(Kind::Exited, 3));
    CHECK(world.observer.trace().back() == "exited t7b/app 1");
    CHECK(world.runtime.task_count() == 0);
    CHECK(world.runs_dry());
}

TEST_CASE("stop lets in-flight requests finish within the grace", "[stub][runtime]") {
    StubWorld world;
    const std::string ip = test_ip(9);
    world.runtime.start(
        task("t9", ip, {stub_container("app", {8080}, {{"ECSEMU_STUB_LATENCY_MS", "1000"}})}));
    REQUIRE(world.wait_for(Kind::Running, 1));
    auto exchange = start_get(world.io, ip, 8080, "/slow");
    REQUIRE(run_until(world.io, [&] { return world.runtime.stats("t9")->requests == 1; }));

    world.runtime.stop("t9");
    REQUIRE(
        run_until(world.io, [&] { return exchange->finished && world.observer.count(Kind::Exited) == 1; }));
    CHECK(exchange->status == 200);
    CHECK(world.observer.trace().back() == "exited t9/app 0");
    CHECK(world.runs_dry());
}

TEST_CASE("stop abandons requests still waiting when the grace ends", "[stub][runtime]") {
    StubRuntimeOptions options;
    options.stop_grace = Duration::seconds(2);
    StubWorld world(1000.0, options);
    const std::string ip = test_ip(10);
    world.runtime.start(
        task("t10", ip, {stub_container("app", {8080}, {{"ECSEMU_STUB_LATENCY_MS", "60000"}})}));
    REQUIRE(world.wait_for(Kind::Running, 1));
    auto exchange = start_get(world.io, ip, 8080, "/stuck");
    REQUIRE(run_until(world.io, [&] { return world.runtime.stats("t10")->requests == 1; }));

    const Instant stop_requested = world.clock.now();
    world.runtime.stop("t10");
    REQUIRE(
        run_until(world.io, [&] { return exchange->finished && world.observer.count(Kind::Exited) == 1; }));
    CHECK(exchange->status == 0);  // closed without an answer
    auto exited = world.observer.first(Kind::Exited, "t10");
    CHECK(exited->at - stop_requested >= Duration::seconds(2));
    CHECK(exited->at - stop_requested < Duration::seconds(60));
    CHECK(world.runs_dry());
}

TEST_CASE("stub containers that cannot start report CannotStartContainerError", "[stub][runtime]") {
    StubWorld world;
    const std::string ip = test_ip(11);
    world.runtime.start(
        task("t11", ip, {stub_container("app", {8080}, {{"ECSEMU_STUB_LATENCY_MS", "soon"}})}));
    world.runtime.start(task("t12", ip, {stub_container("one", {8090})}));
    REQUIRE(world.wait_for(Kind::Running, 1));
    world.runtime.start(task("t13", ip, {stub_container("two", {8090})}));    // same IP and port as t12
    world.runtime.start(task("t12", ip, {stub_container("again", {8091})}));  // known id: ignored
    REQUIRE(world.wait_for(Kind::Exited, 2));

    CHECK(world.observer.trace() ==
          std::vector<std::string>{"exited t11/app 127 CannotStartContainerError: ECSEMU_STUB_LATENCY_MS: "
                                   "expected milliseconds >= 0, "
                                   "got \"soon\"",
                                   "running t12/one",
                                   "exited t13/two 127 CannotStartContainerError: cannot listen on " + ip +
                                       ":8090: Address already in use"});
    CHECK(world.runtime.task_count() == 1);
    CHECK(get(world.io, ip, 8090, "/").status == 200);

    world.runtime.start(task("t15", test_ip(15), {stub_container("app", {70000})}));
    REQUIRE(world.wait_for(Kind::Exited, 3));
    CHECK(world.observer.trace().back() ==
          "exited t15/app 127 CannotStartContainerError: container port 70000 is out of range");
}

TEST_CASE("a task stopped during its start delay reports its containers without opening ports",
          "[stub][runtime]") {
    StubWorld world;
    const std::string ip = test_ip(14);
    world.runtime.start(
        task("t14", ip, {stub_container("app", {8080}, {{"ECSEMU_STUB_START_DELAY_S", "3600"}})}));
    world.runtime.stop("t14");
    REQUIRE(world.wait_for(Kind::Exited, 1));
    CHECK(world.observer.trace() == std::vector<std::string>{"exited t14/app 0"});
    CHECK(world.runs_dry());
}

TEST_CASE("a thousand stub tasks share one io_context", "[stub][runtime][scale]") {
    StubWorld world;
    constexpr int kTasks = 1000;
    for (int i = 0; i < kTasks; ++i) {
        world.runtime.start(task("m" + std::to_string(i), test_ip(100 + i), {stub_container("app", {8080})}));
    }
    REQUIRE(world.wait_for(Kind::Running, kTasks, 20s));
    CHECK(world.runtime.task_count() == kTasks);
    for (int i : {0, 499, 999}) {
        CHECK_THAT(get(world.io, test_ip(100 + i), 8080, "/").body,
                   Catch::Contains("task/default/m" + std::to_string(i) + "\""));
    }
    for (int i = 0; i < kTasks; ++i) world.runtime.stop("m" + std::to_string(i));
    REQUIRE(world.wait_for(Kind::Exited, kTasks, 20s));
    CHECK(world.runtime.task_count() == 0);
    CHECK(world.runs_dry());
}
