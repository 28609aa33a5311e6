// /proc/<pid>/stat parsing and the process usage meter's window arithmetic, on sample text and made-up
// process tables: no real processes.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "emulator/runtime/proc_stat.hpp"
#include "emulator/runtime/process_usage.hpp"

using namespace std::chrono_literals;
using ecsemu::runtime::cpu_ticks_between;
using ecsemu::runtime::parse_proc_stat;
using ecsemu::runtime::ProcessUsageMeter;
using ecsemu::runtime::ProcStat;
using ecsemu::runtime::SeenProcesses;

namespace {

// pid ppid pgrp utime stime cutime cstime starttime rss, in a real kernel's layout.
ProcStat process(int pid, int ppid, int pgrp, std::uint64_t cpu, std::uint64_t child_cpu = 0,
                 std::uint64_t start = 1000, std::int64_t rss = 100) {
    return ProcStat{pid, ppid, pgrp, cpu, child_cpu, start, rss};
}

}  // namespace

TEST_CASE("a stat line gives ids, CPU ticks, start time and resident pages", "[runtime][usage]") {
    const std::string line =
        "9558 (cat) R 9553 9553 3924 0 -1 4194304 98 0 0 0 7 3 11 2 20 0 1 0 2128981 3133440 409 "
        "18446744073709551615 94266436538368 94266436558249 140735918866720 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 "
        "0\n";
    auto stat = parse_proc_stat(line);
    REQUIRE(stat);
    CHECK(stat->pid == 9558);
    CHECK(stat->ppid == 9553);
    CHECK(stat->pgrp == 9553);
    CHECK(stat->cpu_ticks == 10);
    CHECK(stat->child_cpu_ticks == 13);
    CHECK(stat->start_ticks == 2128981);
    CHECK(stat->rss_pages == 409);
}

TEST_CASE("a command name with spaces and parentheses does not shift the fields", "[runtime][usage]") {
    auto stat =
        parse_proc_stat("42 (my (odd) name) S 1 40 40 0 -1 0 0 0 0 0 250 50 0 0 20 0 3 0 77 1000 12 0");
    REQUIRE(stat);
    CHECK(stat->pid == 42);
    CHECK(stat->ppid == 1);
    CHECK(stat->pgrp == 40);
    CHECK(stat->cpu_ticks == 300);
    CHECK(stat->start_ticks == 77);
    CHECK(stat->rss_pages == 12);
}

TEST_CASE("text that is not a stat line is refused", "[runtime][usage]") {
    CHECK_FALSE(parse_proc_stat(""));
    CHECK_FALSE(parse_proc_stat("42 (sh) S 1 40"));                                           // cut short
    CHECK_FALSE(parse_proc_stat("x (sh) S 1 40 40 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 7 0 1"));   // pid
    CHECK_FALSE(parse_proc_stat("42 (sh) S 1 40 40 0 -1 0 0 0 0 0 a 1 0 0 20 0 1 0 7 0 1"));  // utime
    CHECK_FALSE(parse_proc_stat("42 sh S 1 40 40 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 7 0 1"));    // no name
}

TEST_CASE("window CPU: deltas of known processes, all of new ones, nothing more of gone ones",
          "[runtime][usage]") {
    // 10 leads the group; 11 is its child; 12 was left to init (parent outside the task).
    SeenProcesses before{{10, {1, 500, 100}}, {11, {10, 600, 40}}, {12, {1, 700, 30}}};
    // 10 ran 20 more and reaped 11, which had reached 45 ticks: 10's reaped-children ticks hold all 45.
    // 12 is gone: its 30 stay counted in the earlier window, nothing more. 13 is new, with 5 ticks.
    SeenProcesses after{{10, {1, 500, 100 + 20 + 45}}, {13, {10, 800, 5}}};
    CHECK(cpu_ticks_between(before, after) == 20 + (45 - 40) + 5);

    // A parent that ignores SIGCHLD has its children reaped without their ticks: the window floors at
    // nothing rather than wrapping.
    SeenProcesses unaccounted{{10, {1, 500, 100}}};
    CHECK(cpu_ticks_between(before, unaccounted) == 0);
}

TEST_CASE("a reused pid counts as a new process", "[runtime][usage]") {
    SeenProcesses before{{10, {1, 500, 100}}};
    SeenProcesses after{{10, {1, 900, 30}}};
    CHECK(cpu_ticks_between(before, after) == 30);
}

TEST_CASE("the meter turns ticks into CPU units over real time and sums resident memory",
          "[runtime][usage]") {
    ProcessUsageMeter meter(100.0, 4096);
    const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
    meter.begin("a", t0);
    meter.begin("b", t0);
    meter.begin("a", t0 + 5s);  // already known: its window still starts at t0
    std::map<std::string, std::set<int>> groups{{"a", {10}}, {"b", {20}}};

    // a: 150 ticks (1.5 CPU seconds) across two processes in 3 s; b: nothing running.
    std::vector<ProcStat> seen{process(10, 1, 10, 100, 0, 500, 256), process(11, 10, 10, 50, 0, 600, 256),
                               process(99, 1, 99, 1000)};  // another group: not the task's
    auto usage = meter.take(t0 + 3s, groups, seen);
    REQUIRE(usage.size() == 2);
    CHECK(usage[0].task_id == "a");
    CHECK(usage[0].cpu_units == Approx(1024.0 * 1.5 / 3));
    CHECK(usage[0].memory_mib == Approx(2.0));  // 512 pages of 4 KiB
    CHECK(usage[1].task_id == "b");
    CHECK(usage[1].cpu_units == 0);
    CHECK(usage[1].memory_mib == 0);

    // The leader exits and is reaped by the runtime: what was last seen of it stays counted, no more.
    seen = {process(11, 1, 10, 150, 0, 600, 256)};
    usage = meter.take(t0 + 5s, groups, seen);
    CHECK(usage[0].cpu_units == Approx(1024.0 * 1.0 / 2));
    CHECK(usage[0].memory_mib == Approx(1.0));

    meter.end("b");
    usage = meter.take(t0 + 6s, {}, {});
    REQUIRE(usage.size() == 1);
    CHECK(usage[0].task_id == "a");
    CHECK(usage[0].cpu_units == 0);
}
