#pragma once
// A small finished run built by hand: two services over five minutes, a deployment, a scale-out, a task
// start and a region-wide injection. The figures are chosen so the summary can be worked out on paper.
#include <cstdint>
#include <string>

#include "sim/report/sim_result.hpp"

namespace ecsemu::sim::test {

inline constexpr std::int64_t kStartMs = 1'767'571'200'000;  // 2026-01-05T00:00:00Z

inline TimelineRow row(int minute, double rps, double cpu, double memory, int desired, int running,
                       int healthy, int pending, std::uint64_t requests, std::uint64_t failed,
                       std::uint64_t slow, double latency_ms, double task_seconds) {
    TimelineRow r;
    r.minute = core::Instant{kStartMs + minute * 60'000LL};
    r.rps = rps;
    r.cpu_percent = cpu;
    r.memory_percent = memory;
    r.desired = desired;
    r.running = running;
    r.healthy = healthy;
    r.pending = pending;
    r.requests = requests;
    r.failed = failed;
    r.slow = slow;
    r.mean_latency_ms = latency_ms;
    r.task_seconds = task_seconds;
    return r;
}

inline SimEvent event(std::int64_t offset_ms, std::string kind, std::string service, std::string detail,
                      std::string cause, std::string task_id = "", int from = 0, int to = 0) {
    return SimEvent{core::Instant{kStartMs + offset_ms},
                    std::move(kind),
                    std::move(service),
                    std::move(detail),
                    std::move(cause),
                    std::move(task_id),
                    from,
                    to};
}

inline SimResult small_result() {
    SimResult result;
    result.scenario_file = "scenarios/shop.json";
    result.seed = 42;
    result.start = core::Instant{kStartMs};
    result.duration = core::Duration::minutes(5);
    result.slo_ms = 500;

    ServiceTimeline web;
    web.label = "web";
    web.service_name = "shop-web";
    web.cluster_name = "shop";
    web.cpu_units = 512;
    web.memory_mib = 1024;
    web.scaling_metric = "ECSServiceAverageCPUUtilization";
    web.target_value = 50;
    web.rows = {row(0, 10, 40, 20, 2, 2, 2, 0, 600, 0, 6, 25.5, 120),
                row(1, 20, 55.5, 30, 2, 2, 2, 0, 1200, 12, 10, 31.25, 120),
                row(2, 30, 70, 35, 4, 2, 2, 2, 1800, 30, 20, 80.125, 120),
                row(3, 30, 50, 35, 4, 4, 3, 0, 1800, 0, 4, 40, 200),
                row(4, 25, 45, 30, 4, 4, 4, 0, 1500, 0, 0, 30, 240)};

    ServiceTimeline worker;
    worker.label = "api worker/2";
    worker.service_name = "shop-worker";
    worker.cluster_name = "shop";
    worker.cpu_units = 1024;
    worker.memory_mib = 2048;
    worker.scaling_metric = "ECSServiceAverageMemoryUtilization";
    worker.target_value = 60;
    worker.rows = {
        row(0, 5, 10, 50, 1, 1, 1, 0, 300, 0, 0, 20, 60), row(1, 5, 12, 65, 1, 1, 1, 0, 300, 3, 0, 21, 60),
        row(2, 5, 11, 70, 1, 1, 1, 0, 300, 0, 1, 22, 60), row(3, 5, 10, 40, 1, 1, 1, 0, 300, 0, 0, 20, 60),
        row(4, 5, 10, 30, 1, 1, 1, 0, 300, 0, 0, 20, 60)};

    result.services = {web, worker};
    result.events = {
        event(90'250, "deployment", "web", "deployment ecs-svc/1234 started: image <v2> & friends",
              "injection deploy"),
        event(120'000, "scale-out", "web", "Setting desired count to 4.",
              "monitor alarm TargetTracking-web-AlarmHigh in state ALARM", "", 2, 4),
        event(180'000, "task-started", "web", "task abc123 RUNNING", "scale-out", "abc123"),
        event(240'000, "injection", "", "availability zone ap-southeast-1a outage for 10 minutes",
              "scenario"),
    };
    return result;
}

}  // namespace ecsemu::sim::test
