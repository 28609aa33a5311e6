// AWS/ECS CPUUtilization and MemoryUtilization per service from the runtimes' task usage.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "emulator/core/ecs/tasks.hpp"
#include "emulator/core/metrics/service_utilization.hpp"

namespace ecsemu::test {

using core::Duration;
using core::Instant;
using core::metrics::MetricKey;
using core::metrics::MetricStore;
using core::metrics::record_service_utilization;

namespace {

constexpr Instant kMinute{1'700'000'040'000};

core::ecs::EcsState state_with_backend() {
    core::ecs::EcsState state(core::ecs::ArnScope{"ap-southeast-1", "000000000000"});
    core::ecs::Service service;
    service.name = "ielts-backend-service";
    service.status = core::ecs::ServiceStatus::Active;
    state.services["ielts-prod-cluster"]["ielts-backend-service"] = service;
    return state;
}

void add_task(core::ecs::EcsState& state, const std::string& id, core::ecs::TaskStatus status,
              std::uint64_t runtime_launch = 0, const std::string& service_name = "ielts-backend-service") {
    core::ecs::Task task;
    task.runtime_launch = runtime_launch;
    task.id = id;
    task.cluster_name = "ielts-prod-cluster";
    task.service_name = service_name;
    task.cpu_units = 1024;
    task.memory_mib = 2048;
    task.last_status = status;
    core::ecs::store_task(state, task);
}

const MetricKey kServiceCpu{
    "AWS/ECS",
    "CPUUtilization",
    {{"ClusterName", "ielts-prod-cluster"}, {"ServiceName", "ielts-backend-service"}}};
const MetricKey kServiceMemory{
    "AWS/ECS",
    "MemoryUtilization",
    {{"ClusterName", "ielts-prod-cluster"}, {"ServiceName", "ielts-backend-service"}}};
const MetricKey kClusterCpu{"AWS/ECS", "CPUUtilization", {{"ClusterName", "ielts-prod-cluster"}}};

}  // namespace

TEST_CASE("a service's CPU is units used over units reserved, each task capped at its size", "[metrics]") {
    auto state = state_with_backend();
    add_task(state, "a", core::ecs::TaskStatus::Running);
    add_task(state, "b", core::ecs::TaskStatus::Running);
    add_task(state, "c", core::ecs::TaskStatus::Pending);  // not running: not counted
    MetricStore store;
    // Task a uses 1.5 vCPU of its 1: counted as 100 %. Task b 256 units: 25 %.
    record_service_utilization(store, state, {{"a", 1536, 1024}, {"b", 256, 512}, {"c", 1024, 1024}},
                               kMinute + Duration::seconds(59));
    const auto cpu = store.query(kServiceCpu, kMinute, kMinute + Duration::minutes(1));
    REQUIRE(cpu.size() == 1);
    CHECK(cpu[0].unit == "Percent");
    CHECK(cpu[0].statistics.average() == Approx(62.5));
    CHECK(cpu[0].statistics.minimum == Approx(25));
    CHECK(cpu[0].statistics.maximum == Approx(100));
    const auto memory = store.query(kServiceMemory, kMinute, kMinute + Duration::minutes(1));
    REQUIRE(memory.size() == 1);
    CHECK(memory[0].statistics.average() == Approx(100.0 * 1536 / 4096));
    CHECK(store.query(kClusterCpu, kMinute, kMinute + Duration::minutes(1)).size() == 1);
}

TEST_CASE("tasks without usage count as idle; services without running tasks publish nothing", "[metrics]") {
    auto state = state_with_backend();
    add_task(state, "a", core::ecs::TaskStatus::Running);
    add_task(state, "b", core::ecs::TaskStatus::Running);
    MetricStore store;
    record_service_utilization(store, state, {{"a", 512, 100}}, kMinute);
    CHECK(store.query(kServiceCpu, kMinute, kMinute + Duration::minutes(1))[0].statistics.average() ==
          Approx(25));

    auto idle = state_with_backend();
    add_task(idle, "x", core::ecs::TaskStatus::Stopped);
    MetricStore empty;
    record_service_utilization(empty, idle, {{"x", 512, 100}}, kMinute);
    CHECK(empty.metric_count() == 0);
}

TEST_CASE("usage is matched by launch number where the runtime gives one, by task id where it does not",
          "[metrics]") {
    auto state = state_with_backend();
    add_task(state, "a", core::ecs::TaskStatus::Running, 7);
    add_task(state, "b", core::ecs::TaskStatus::Running, 3);
    add_task(state, "c", core::ecs::TaskStatus::Running, 12);
    add_task(state, "d", core::ecs::TaskStatus::Running, 40);  // a number nobody reported: found by id
    add_task(state, "e", core::ecs::TaskStatus::Running);      // never numbered: found by id
    MetricStore store;
    // Entries name ids that do not match on purpose where a launch number is given: the number decides.
    // Launch 12 is reported twice; the last report counts.
    record_service_utilization(store, state,
                               {{"not-a", 1024, 0, 7},
                                {"not-b", 512, 0, 3},
                                {"c", 0, 0, 12},
                                {"c", 256, 0, 12},
                                {"e", 768, 0, 0},
                                {"d", 1024, 0, 0}},
                               kMinute);
    const auto cpu = store.query(kServiceCpu, kMinute, kMinute + Duration::minutes(1));
    REQUIRE(cpu.size() == 1);
    CHECK(cpu[0].statistics.sample_count == 5);
    // a 100 %, b 50 %, c 25 %, d 100 % (by id: its number 40 was not reported, the id entry is), e 75 %.
    CHECK(cpu[0].statistics.average() == Approx((100.0 + 50 + 25 + 100 + 75) / 5));
    CHECK(cpu[0].statistics.minimum == Approx(25));
}

TEST_CASE("a kept usage index forgets the previous take's reports when refilled", "[metrics]") {
    auto state = state_with_backend();
    add_task(state, "a", core::ecs::TaskStatus::Running, 2);
    add_task(state, "b", core::ecs::TaskStatus::Running, 5);
    add_task(state, "c", core::ecs::TaskStatus::Running);
    core::metrics::TaskUsageIndex index;
    const std::vector<core::TaskUsage> first{{"", 1024, 0, 2}, {"", 1024, 0, 5}, {"c", 1024, 0, 0}};
    index.refill(first);
    // The second take reports only b, by a number far above the first's (the index grows to it) and c's id
    // is gone: a and c must count as idle, not keep the first take's use.
    const std::vector<core::TaskUsage> second{{"", 512, 0, 5}, {"", 1024, 0, 3000}};
    index.refill(second);
    MetricStore store;
    record_service_utilization(store, state, index, kMinute);
    const auto cpu = store.query(kServiceCpu, kMinute, kMinute + Duration::minutes(1));
    REQUIRE(cpu.size() == 1);
    CHECK(cpu[0].statistics.sample_count == 3);
    CHECK(cpu[0].statistics.average() == Approx(50.0 / 3));
    CHECK(cpu[0].statistics.minimum == 0);
    CHECK(cpu[0].statistics.maximum == Approx(50));
    // Numbers beyond the indexed range are still found.
    add_task(state, "d", core::ecs::TaskStatus::Running, std::uint64_t{1} << 40);
    const std::vector<core::TaskUsage> third{{"", 1024, 0, std::uint64_t{1} << 40}};
    index.refill(third);
    MetricStore later;
    record_service_utilization(later, state, index, kMinute);
    const auto busy = later.query(kServiceCpu, kMinute, kMinute + Duration::minutes(1));
    REQUIRE(busy.size() == 1);
    CHECK(busy[0].statistics.maximum == Approx(100));
    CHECK(busy[0].statistics.sample_count == 4);
}

TEST_CASE("the cluster's datapoint covers every running task of its services", "[metrics]") {
    auto state = state_with_backend();
    core::ecs::Service frontend;
    frontend.name = "ielts-frontend-service";
    frontend.status = core::ecs::ServiceStatus::Active;
    state.services["ielts-prod-cluster"]["ielts-frontend-service"] = frontend;
    add_task(state, "a", core::ecs::TaskStatus::Running);
    add_task(state, "b", core::ecs::TaskStatus::Running);
    add_task(state, "f", core::ecs::TaskStatus::Running, 0, "ielts-frontend-service");
    add_task(state, "g", core::ecs::TaskStatus::Pending, 0, "ielts-frontend-service");  // not counted
    MetricStore store;
    // Backend: 100 % and 25 %; frontend: 50 %. Memory 512, 1024 and 2048 of 2048 MiB each.
    record_service_utilization(store, state, {{"a", 1024, 512}, {"b", 256, 1024}, {"f", 512, 2048}}, kMinute);
    const auto cpu = store.query(kClusterCpu, kMinute, kMinute + Duration::minutes(1));
    REQUIRE(cpu.size() == 1);
    CHECK(cpu[0].statistics.sample_count == 3);
    CHECK(cpu[0].statistics.average() == Approx(100.0 * (1024 + 256 + 512) / 3072));
    CHECK(cpu[0].statistics.minimum == Approx(25));
    CHECK(cpu[0].statistics.maximum == Approx(100));
    const MetricKey cluster_memory{"AWS/ECS", "MemoryUtilization", {{"ClusterName", "ielts-prod-cluster"}}};
    const auto memory = store.query(cluster_memory, kMinute, kMinute + Duration::minutes(1));
    REQUIRE(memory.size() == 1);
    CHECK(memory[0].statistics.sample_count == 3);
    CHECK(memory[0].statistics.average() == Approx(100.0 * (512 + 1024 + 2048) / 6144));
    CHECK(memory[0].statistics.minimum == Approx(25));
    CHECK(memory[0].statistics.maximum == Approx(100));
}

TEST_CASE("kept utilization series record what a recording without them records, minute after minute",
          "[metrics]") {
    auto state = state_with_backend();
    core::ecs::Service frontend;
    frontend.name = "ielts-frontend-service";
    frontend.status = core::ecs::ServiceStatus::Active;
    state.services["ielts-prod-cluster"]["ielts-frontend-service"] = frontend;
    add_task(state, "a", core::ecs::TaskStatus::Running, 1);
    add_task(state, "f", core::ecs::TaskStatus::Running, 2, "ielts-frontend-service");
    MetricStore plain;
    MetricStore kept;
    core::metrics::UtilizationSeries series;
    core::metrics::TaskUsageIndex index;
    for (int minute = 0; minute < 3; ++minute) {
        const std::vector<core::TaskUsage> usage{{"", 256.0 * (minute + 1), 512, 1}, {"", 1024, 1024, 2}};
        index.refill(usage);
        const Instant at = kMinute + Duration::minutes(minute);
        record_service_utilization(plain, state, index, at);
        record_service_utilization(kept, state, index, at, &series);
        if (minute == 1) kept.reset();  // the kept series find the store's new ones
    }
    const MetricKey frontend_cpu{
        "AWS/ECS",
        "CPUUtilization",
        {{"ClusterName", "ielts-prod-cluster"}, {"ServiceName", "ielts-frontend-service"}}};
    const Instant last = kMinute + Duration::minutes(2);
    for (const MetricKey& key : {kServiceCpu, kServiceMemory, kClusterCpu, frontend_cpu}) {
        INFO(key.metric_name);
        const auto expected = plain.query(key, last, last + Duration::minutes(1));
        const auto got = kept.query(key, kMinute, last + Duration::minutes(1));  // only the last minute's
        REQUIRE(expected.size() == 1);
        REQUIRE(got.size() == 1);
        CHECK(got[0].statistics.sample_count == expected[0].statistics.sample_count);
        CHECK(got[0].statistics.sum == expected[0].statistics.sum);
        CHECK(got[0].statistics.minimum == expected[0].statistics.minimum);
        CHECK(got[0].statistics.maximum == expected[0].statistics.maximum);
    }
    CHECK(kept.metric_count() == plain.metric_count());
}

}  // namespace ecsemu::test
