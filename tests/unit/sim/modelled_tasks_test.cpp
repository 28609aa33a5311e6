// ModelledTasks: the simulator's task runtime. What it reports to the engine, and when, for each behaviour
// and injection.
#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/task_runtime.hpp"
#include "sim/kernel/virtual_clock.hpp"
#include "sim/model/modelled_health_probe.hpp"
#include "sim/model/modelled_tasks.hpp"
#include "sim/model/random_source.hpp"

namespace ecsemu::test {
namespace {

using core::Duration;
using core::Instant;

constexpr Instant kStart{1'700'000'000'000};

struct Report {
    std::string what;  // "running", "exited", "healthy", "unhealthy"
    std::string task_id;
    std::string container;
    int exit_code = 0;
    std::string reason;
    Instant at;
};

class RecordingObserver final : public core::TaskRuntimeObserver {
public:
    explicit RecordingObserver(core::Clock& clock) : clock_(clock) {}
    void on_container_running(const std::string& task_id, const std::string& container) override {
        reports.push_back({"running", task_id, container, 0, "", clock_.now()});
    }
    void on_container_exited(const std::string& task_id, const std::string& container, int exit_code,
                             const std::string& reason) override {
        reports.push_back({"exited", task_id, container, exit_code, reason, clock_.now()});
    }
    void on_container_health(const std::string& task_id, const std::string& container,
                             core::ContainerHealth health) override {
        reports.push_back({health == core::ContainerHealth::Healthy ? "healthy" : "unhealthy", task_id,
                           container, 0, "", clock_.now()});
    }
    std::vector<Report> of(const std::string& task_id, const std::string& what) const {
        std::vector<Report> out;
        for (const auto& r : reports) {
            if (r.task_id == task_id && r.what == what) out.push_back(r);
        }
        return out;
    }
    std::vector<Report> reports;

private:
    core::Clock& clock_;
};

struct Runtime {
    explicit Runtime(std::uint64_t seed = 7) : random(seed), tasks(clock, random, sim::StartupSpec{}) {
        tasks.set_observer(observer);
    }
    sim::VirtualClock clock{kStart};
    sim::RandomSource random;
    RecordingObserver observer{clock};
    sim::ModelledTasks tasks;
};

core::TaskLaunch launch(const std::string& id, const std::string& zone = "ap-southeast-1a", int revision = 1,
                        bool health_check = true) {
    core::TaskLaunch l;
    l.task_id = id;
    l.family = "web";
    l.revision = revision;
    l.private_ip = "127.1.0." + std::to_string(id.size());  // tests give their tasks ids of distinct lengths
    l.availability_zone = zone;
    l.cpu_units = 512;
    l.memory_mib = 1024;
    core::ContainerLaunch app;
    app.name = "app";
    if (health_check) {
        core::ContainerHealthCheckSpec check;
        check.interval = Duration::seconds(10);
        check.start_period = Duration::seconds(20);
        app.health_check = check;
    }
    l.containers.push_back(app);
    return l;
}

}  // namespace

TEST_CASE("a healthy task reports its containers running after a start-up delay, then healthy",
          "[sim][tasks]") {
    Runtime r;
    r.tasks.start(launch("t1"));
    CHECK(r.observer.reports.empty());  // nothing at once: an image pull and start take time
    r.clock.run_for(Duration::minutes(2));
    const auto running = r.observer.of("t1", "running");
    REQUIRE(running.size() == 1);
    // Lognormal with a median of 8 s and p95 of 12 s: well inside a minute for any draw.
    CHECK(running[0].at > kStart);
    CHECK(running[0].at < kStart + Duration::seconds(60));
    const auto healthy = r.observer.of("t1", "healthy");
    REQUIRE(healthy.size() == 1);
    // The first check after max(interval, startPeriod).
    CHECK(healthy[0].at == running[0].at + Duration::seconds(20));
    CHECK(r.observer.of("t1", "exited").empty());
    REQUIRE(r.tasks.find("t1") != nullptr);
    CHECK(r.tasks.answers(*r.tasks.find("t1")));
    CHECK(r.tasks.find_by_address(launch("t1").private_ip) == r.tasks.find("t1"));
}

TEST_CASE("the same seed gives the same start-up times; another seed other ones", "[sim][tasks]") {
    const auto first_running = [](std::uint64_t seed) {
        Runtime r(seed);
        for (const std::string id : {"a", "bb", "ccc"}) r.tasks.start(launch(id));
        r.clock.run_for(Duration::minutes(1));
        std::vector<std::int64_t> at;
        for (const auto& report : r.observer.reports) {
            if (report.what == "running") at.push_back(report.at.epoch_ms);
        }
        return at;
    };
    CHECK(first_running(7) == first_running(7));
    CHECK(first_running(7) != first_running(8));
}

TEST_CASE("a stopped task exits 0 within the SIGTERM window and is gone", "[sim][tasks]") {
    Runtime r;
    r.tasks.start(launch("t1"));
    r.clock.run_for(Duration::minutes(1));
    const Instant stop_at = r.clock.now();
    r.tasks.stop("t1");
    r.clock.run_for(Duration::minutes(1));
    const auto exited = r.observer.of("t1", "exited");
    REQUIRE(exited.size() == 1);
    CHECK(exited[0].exit_code == 0);
    CHECK(exited[0].at >= stop_at + Duration::seconds(1));
    CHECK(exited[0].at <= stop_at + Duration::seconds(25));
    CHECK(r.tasks.find("t1") == nullptr);
    CHECK(r.tasks.live_tasks() == 0);
}

TEST_CASE("a task stopped before its containers ran exits at once and never reports running",
          "[sim][tasks]") {
    Runtime r;
    r.tasks.start(launch("t1"));
    r.tasks.stop("t1");
    r.clock.run_for(Duration::minutes(1));
    CHECK(r.observer.of("t1", "running").empty());
    const auto exited = r.observer.of("t1", "exited");
    REQUIRE(exited.size() == 1);
    CHECK(exited[0].at == kStart);
}

TEST_CASE("revision behaviours: failing health checks and crashing on start", "[sim][tasks]") {
    Runtime r;
    r.tasks.set_behaviour("web", 2, sim::TaskBehaviour::FailsHealthChecks);
    r.tasks.set_behaviour("web", 3, sim::TaskBehaviour::CrashesOnStart);
    r.tasks.start(launch("sick", "ap-southeast-1a", 2));
    r.tasks.start(launch("crash", "ap-southeast-1a", 3));
    r.tasks.start(launch("fine-1", "ap-southeast-1a", 1));
    r.clock.run_for(Duration::minutes(2));

    CHECK(r.observer.of("sick", "unhealthy").size() == 1);
    CHECK(r.observer.of("sick", "healthy").empty());
    REQUIRE(r.tasks.find("sick") != nullptr);
    CHECK_FALSE(r.tasks.answers(*r.tasks.find("sick")));

    const auto crash_running = r.observer.of("crash", "running");
    const auto crash_exit = r.observer.of("crash", "exited");
    REQUIRE(crash_running.size() == 1);
    REQUIRE(crash_exit.size() == 1);
    CHECK(crash_exit[0].exit_code == 1);
    CHECK(crash_exit[0].at >= crash_running[0].at + Duration::seconds(5));
    CHECK(crash_exit[0].at <= crash_running[0].at + Duration::seconds(20));

    CHECK(r.observer.of("fine-1", "healthy").size() == 1);
    CHECK(r.observer.of("fine-1", "exited").empty());
}

TEST_CASE("kill exits 137 now; an AZ outage stops the zone's tasks and fails new ones there until it ends",
          "[sim][tasks]") {
    Runtime r;
    r.tasks.start(launch("a1", "ap-southeast-1a"));
    r.tasks.start(launch("b11", "ap-southeast-1b"));
    r.tasks.start(launch("k111", "ap-southeast-1b"));
    r.clock.run_for(Duration::minutes(1));

    r.tasks.kill("k111");
    const auto killed = r.observer.of("k111", "exited");
    REQUIRE(killed.size() == 1);
    CHECK(killed[0].exit_code == 137);
    CHECK(killed[0].at == r.clock.now());

    const Instant outage = r.clock.now();
    r.tasks.fail_zone("ap-southeast-1a", outage + Duration::minutes(10));
    const auto a_exit = r.observer.of("a1", "exited");
    REQUIRE(a_exit.size() == 1);
    CHECK(a_exit[0].exit_code == 137);
    CHECK(a_exit[0].reason.find("availability zone") != std::string::npos);
    CHECK(r.observer.of("b11", "exited").empty());

    // Placed there during the outage: fails to start 5 s later, never running.
    r.tasks.start(launch("a2222", "ap-southeast-1a"));
    r.clock.run_for(Duration::minutes(1));
    CHECK(r.observer.of("a2222", "running").empty());
    const auto a2_exit = r.observer.of("a2222", "exited");
    REQUIRE(a2_exit.size() == 1);
    CHECK(a2_exit[0].at == outage + Duration::seconds(5));

    // After the outage the zone starts tasks again.
    r.clock.run_until(outage + Duration::minutes(11));
    r.tasks.start(launch("a33333", "ap-southeast-1a"));
    r.clock.run_for(Duration::minutes(1));
    CHECK(r.observer.of("a33333", "running").size() == 1);
}

TEST_CASE("slow starts multiply start-up times until they end", "[sim][tasks]") {
    // Same seed, so the same draws: the slowed start is exactly `factor` times the normal one (to the ms).
    const auto start_delay = [](double factor) {
        Runtime r(11);
        if (factor != 1) r.tasks.slow_starts(factor, kStart + Duration::minutes(5));
        r.tasks.start(launch("t1"));
        r.clock.run_for(Duration::minutes(10));
        return (r.observer.of("t1", "running").at(0).at - kStart).ms;
    };
    const std::int64_t normal = start_delay(1);
    const std::int64_t slow = start_delay(4);
    CHECK(slow >= 4 * normal - 4);
    CHECK(slow <= 4 * normal + 4);
}

TEST_CASE("usage: charged CPU over the window plus an idle 1 %, and a quarter of memory by default",
          "[sim][tasks]") {
    Runtime r;
    r.tasks.start(launch("t1", "ap-southeast-1a", 1, false));
    r.tasks.start(launch("t22", "ap-southeast-1a", 1, false));
    r.clock.run_for(Duration::minutes(1));
    (void)r.tasks.take_usage();  // start a clean window
    REQUIRE(r.tasks.find("t1") != nullptr);
    sim::ModelledTasks::charge_cpu(*r.tasks.find("t1"), 256.0 * 60'000);  // half of 512 units for the minute
    r.clock.run_for(Duration::minutes(1));
    const auto usage = r.tasks.take_usage();
    REQUIRE(usage.size() == 2);
    CHECK(usage[0].task_id == "t1");
    CHECK(usage[0].cpu_units == Approx(256 + 0.01 * 512));
    CHECK(usage[0].memory_mib == Approx(256));
    CHECK(usage[1].task_id == "t22");
    CHECK(usage[1].cpu_units == Approx(0.01 * 512));
    // The window restarts at each take.
    r.clock.run_for(Duration::minutes(1));
    CHECK(r.tasks.take_usage()[0].cpu_units == Approx(0.01 * 512));
}

TEST_CASE("tasks are found by their launch number as by their id, and usage carries the number",
          "[sim][tasks]") {
    Runtime r;
    core::TaskLaunch first = launch("t1", "ap-southeast-1a", 1, false);
    first.launch_number = 5;
    core::TaskLaunch second = launch("t22", "ap-southeast-1a", 1, false);
    second.launch_number = 2;
    r.tasks.start(first);
    r.tasks.start(second);
    r.tasks.start(launch("t333", "ap-southeast-1a", 1, false));  // not numbered
    CHECK(r.tasks.find("t1", 5) == r.tasks.find("t1"));
    CHECK(r.tasks.find("t22", 2) == r.tasks.find("t22"));
    CHECK(r.tasks.find("t333", 0) == r.tasks.find("t333"));
    CHECK(r.tasks.find("t333", 99) == r.tasks.find("t333"));  // an unknown number falls back to the id
    REQUIRE(r.tasks.find("t1") != nullptr);
    r.clock.run_for(Duration::minutes(1));
    const auto usage = r.tasks.take_usage();
    REQUIRE(usage.size() == 3);
    CHECK(usage[0].launch_number == 5);
    CHECK(usage[1].launch_number == 2);
    CHECK(usage[2].launch_number == 0);
    // A number stands for the id; an unnumbered task is named.
    CHECK(usage[0].task_id.empty());
    CHECK(usage[1].task_id.empty());
    CHECK(usage[2].task_id == "t333");

    r.tasks.kill("t1");  // gone: its number no longer finds it
    CHECK(r.tasks.find("t1", 5) == nullptr);
    CHECK(r.tasks.find("t22", 2) != nullptr);
    // Usage still covers exactly the tasks left, after the first and the last of the list went.
    r.tasks.start(launch("t4444", "ap-southeast-1a", 1, false));
    r.clock.run_for(Duration::minutes(1));
    r.tasks.kill("t4444");
    std::set<std::string> reported;
    for (const auto& entry : r.tasks.take_usage())
        reported.insert(entry.launch_number > 0 ? std::to_string(entry.launch_number) : entry.task_id);
    CHECK(reported == std::set<std::string>{"2", "t333"});
    CHECK(r.tasks.live_tasks() == 2);
}

TEST_CASE("a kept usage buffer is replaced whole, stale entries and ids included", "[sim][tasks]") {
    Runtime r;
    core::TaskLaunch numbered = launch("t1", "ap-southeast-1a", 1, false);
    numbered.launch_number = 7;
    r.tasks.start(numbered);
    r.tasks.start(launch("t22", "ap-southeast-1a", 1, false));  // not numbered
    r.clock.run_for(Duration::minutes(1));
    // What a previous take might have left: more entries than tasks, ids where numbers now stand.
    std::vector<core::TaskUsage> usage(4);
    for (auto& entry : usage) {
        entry.task_id = "stale";
        entry.cpu_units = 999;
        entry.memory_mib = 999;
        entry.launch_number = 42;
    }
    r.tasks.take_usage_into(usage);
    REQUIRE(usage.size() == 2);
    CHECK(usage[0].launch_number == 7);
    CHECK(usage[0].task_id.empty());
    CHECK(usage[0].cpu_units == Approx(0.01 * 512));
    CHECK(usage[1].launch_number == 0);
    CHECK(usage[1].task_id == "t22");
    CHECK(usage[1].memory_mib == Approx(256));  // a quarter of its 1 GiB
    // And grown again when there are more tasks than entries.
    usage.resize(1);
    r.clock.run_for(Duration::minutes(1));
    r.tasks.take_usage_into(usage);
    CHECK(usage.size() == 2);
}

TEST_CASE("the health probe's answer for an address changes only when the tasks say so", "[sim][tasks]") {
    Runtime r;
    r.tasks.set_behaviour("web", 2, sim::TaskBehaviour::FailsHealthChecks);
    r.tasks.set_behaviour("web", 3, sim::TaskBehaviour::CrashesOnStart);
    sim::ModelledHealthProbe probe(r.tasks);
    std::set<std::string> told;  // addresses the probe's watcher heard about since the last sample
    probe.watch_answers([&told](const std::string& address) { told.insert(address); });

    const std::vector<core::TaskLaunch> launches = {
        launch("a", "ap-southeast-1a", 1), launch("bb", "ap-southeast-1a", 2),
        launch("ccc", "ap-southeast-1a", 3), launch("dddd", "ap-southeast-1b", 1)};
    const auto answer_of = [&probe](const core::TaskLaunch& l) {
        core::alb::ProbeRequest request;
        request.dial_host = l.private_ip;
        const auto steady = probe.steady_answer(request);
        REQUIRE(steady.has_value());
        std::optional<core::alb::ProbeResult> sent;
        probe.probe(request, [&sent](core::alb::ProbeResult result) { sent = result; });
        REQUIRE(sent.has_value());
        CHECK(sent->outcome == steady->outcome);  // what it vouches for is what a check gets
        CHECK(sent->status_code == steady->status_code);
        return std::make_pair(steady->outcome, steady->status_code);
    };
    std::map<std::string, std::pair<core::alb::ProbeResult::Outcome, int>> last;
    for (const auto& l : launches) last[l.private_ip] = answer_of(l);

    int changes = 0;
    for (int second = 1; second <= 300; ++second) {
        if (second == 2)
            for (const auto& l : launches) r.tasks.start(l);
        if (second == 120) r.tasks.kill("a");
        if (second == 150) r.tasks.stop("dddd");
        if (second == 200) r.tasks.fail_zone("ap-southeast-1a", kStart + Duration::seconds(250));
        r.clock.run_until(kStart + Duration::seconds(second));
        for (const auto& l : launches) {
            const auto now = answer_of(l);
            if (now != last[l.private_ip]) {
                ++changes;
                CHECK(told.count(l.private_ip) == 1);  // a change nobody was told about breaks the promise
            }
            last[l.private_ip] = now;
        }
        told.clear();
    }
    // Each task came up (answering 200, 500, 200 then crashing, 200) and went away again.
    CHECK(changes >= 7);
    probe.watch_answers(nullptr);
}

}  // namespace ecsemu::test
