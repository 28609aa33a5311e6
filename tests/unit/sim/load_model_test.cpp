#include <catch2/catch.hpp>
#include <cmath>

#include "sim/model/load_model.hpp"

using ecsemu::sim::serve_step;
using ecsemu::sim::TaskLoadInput;

namespace {

// 512 CPU units at 20 ms a request: 25 requests/s of capacity.
TaskLoadInput half_vcpu(double rps) {
    TaskLoadInput input;
    input.offered_rps = rps;
    input.cpu_ms_per_request = 20;
    input.latency_ms = 25;
    input.cpu_units = 512;
    input.slo_ms = 500;
    input.step_seconds = 10;
    return input;
}

}  // namespace

TEST_CASE("below capacity every request is served, latency grows like an M/M/1 queue") {
    const auto result = serve_step(half_vcpu(12.5));  // utilisation 0.5
    CHECK(result.requests == Approx(125));
    CHECK(result.served == Approx(125));
    CHECK(result.failed == Approx(0));
    CHECK(result.utilisation == Approx(0.5));
    // 25 ms + 20 ms / (1 - 0.5)
    CHECK(result.latency_ms_sum / result.served == Approx(65));
    // P(Exp(mean 40 ms) > 475 ms)
    CHECK(result.slow / result.served == Approx(std::exp(-475.0 / 40.0)));
    // 125 requests x 20 ms of one vCPU = 2.5 s x 1024 units
    CHECK(result.cpu_unit_ms == Approx(125 * 20.0 * 1024));
}

TEST_CASE("beyond capacity the excess fails and the task's CPU is full") {
    const auto result = serve_step(half_vcpu(40));
    CHECK(result.served == Approx(250));
    CHECK(result.failed == Approx(150));
    CHECK(result.utilisation == Approx(1.6));
    // Busy the whole step: 512 units x 10,000 ms.
    CHECK(result.cpu_unit_ms == Approx(512.0 * 10'000));
}

TEST_CASE("no load costs nothing; an SLO below the idle latency makes every response slow") {
    CHECK(serve_step(half_vcpu(0)).cpu_unit_ms == 0);
    auto input = half_vcpu(5);
    input.slo_ms = 20;
    const auto result = serve_step(input);
    CHECK(result.slow == Approx(result.served));
}
