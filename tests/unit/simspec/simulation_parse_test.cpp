#include <catch2/catch.hpp>

#include "simspec_fixtures.hpp"

namespace ecsemu::test::simspec {

using core::Duration;
using nlohmann::json;
using sim::InjectionKind;
using sim::TaskBehaviour;
using sim::TrafficShape;

TEST_CASE("An absent or empty simulation object gives the defaults", "[simspec][parse]") {
    api::scenario::Scenario built_in_code;  // its simulation member is null rather than {}
    built_in_code.ecsemu.simulation = json();
    for (const auto& scenario : {scenario_with(json::object()), built_in_code}) {
        auto parsed = sim::parse_simulation(scenario);
        REQUIRE(parsed.ok());
        CHECK(parsed->start == core::Instant{1'767'571'200'000});
        CHECK(parsed->duration == Duration::minutes(24 * 60));
        CHECK(parsed->seed == 1);
        CHECK(parsed->slo_ms == 500);
        CHECK(parsed->step == Duration::seconds(10));
        CHECK(parsed->services.empty());
        CHECK(parsed->events.empty());
        CHECK(parsed->startup.provisioning == Duration::seconds(12));
        CHECK(parsed->prices.vcpu_hour == 0.05056);
    }
}

TEST_CASE("A full simulation object is read member by member", "[simspec][parse]") {
    const TempDirectory directory("full");
    directory.write("traces/day.csv", "timestamp,requests_per_second\n0,10\n600,30\n");
    const json simulation = {
        {"start", "2026-01-06T08:00:00Z"},
        {"duration", "2h"},
        {"seed", 42},
        {"sloMs", 250},
        {"step", 5},
        {"startup",
         {{"provisioning", "10s"},
          {"startMedianSeconds", 6},
          {"startP95Seconds", 9.5},
          {"activating", "1s"},
          {"stopMaxSeconds", 30},
          {"deprovisioning", "1m"}}},
        {"prices", {{"vcpuHour", 0.04}, {"gbHour", 0.004}}},
        {"services",
         {{"api",
           {{"traffic", {{"shape", "trace"}, {"trace", "traces/day.csv"}, {"noise", 0.1}}},
            {"cpuMsPerRequest", 20},
            {"latencyMs", 30},
            {"memoryMib", 300}}},
          {"web",
           {{"traffic", {{"shape", "diurnal"}, {"rps", 20}, {"peakRps", 400}, {"peakHourUtc", "14:30"}}}}}}},
        {"events", json::array({{{"at", "1h"},
                                 {"kind", "deploy"},
                                 {"service", "api"},
                                 {"image", "repo/api:v2"},
                                 {"behaviour", "failsHealthChecks"}},
                                {{"at", "30m"}, {"kind", "killTasks"}, {"service", "web"}, {"count", 2}},
                                {{"at", "30m"},
                                 {"kind", "azOutage"},
                                 {"availabilityZone", "ap-southeast-1a"},
                                 {"duration", "20m"}},
                                {{"at", "5m"}, {"kind", "slowStarts"}, {"factor", 3}, {"duration", "1h"}}})}};
    auto parsed = sim::parse_simulation(scenario_with(simulation, directory.path() + "/scenario.json"));
    INFO((parsed.ok() ? std::string() : parsed.error().message));
    REQUIRE(parsed.ok());
    const auto& spec = parsed.value();
    CHECK(spec.start == core::Instant{1'767'571'200'000 + 32 * 3'600'000});
    CHECK(spec.duration == Duration::minutes(120));
    CHECK(spec.seed == 42);
    CHECK(spec.slo_ms == 250);
    CHECK(spec.step == Duration::seconds(5));
    CHECK(spec.startup.provisioning == Duration::seconds(10));
    CHECK(spec.startup.start_median_seconds == 6);
    CHECK(spec.startup.start_p95_seconds == 9.5);
    CHECK(spec.startup.activating == Duration::seconds(1));
    CHECK(spec.startup.stop_max_seconds == 30);
    CHECK(spec.startup.deprovisioning == Duration::minutes(1));
    CHECK(spec.prices.vcpu_hour == 0.04);
    CHECK(spec.prices.gb_hour == 0.004);

    // The scenario lists web before api; the JSON object sorts api first.
    REQUIRE(spec.services.size() == 2);
    const auto& web = spec.services[0];
    CHECK(web.label == "web");
    CHECK(web.traffic.shape == TrafficShape::Diurnal);
    CHECK(web.traffic.rps == 20);
    CHECK(web.traffic.peak_rps == 400);
    CHECK(web.traffic.peak_hour_utc == 14.5);
    CHECK(web.cpu_ms_per_request == 10);  // defaults
    CHECK(web.memory_mib == 0);
    const auto& api = spec.services[1];
    CHECK(api.label == "api");
    CHECK(api.traffic.shape == TrafficShape::Trace);
    CHECK(api.traffic.trace_file == directory.path() + "/traces/day.csv");
    REQUIRE(api.traffic.trace.size() == 2);
    CHECK(api.traffic.trace[1].offset == Duration::minutes(10));
    CHECK(api.traffic.trace[1].rps == 30);
    CHECK(api.traffic.noise == 0.1);
    CHECK(api.cpu_ms_per_request == 20);
    CHECK(api.latency_ms == 30);
    CHECK(api.memory_mib == 300);

    // Sorted by time; the two at 30m keep their written order.
    REQUIRE(spec.events.size() == 4);
    CHECK(spec.events[0].kind == InjectionKind::SlowStarts);
    CHECK(spec.events[0].at == Duration::minutes(5));
    CHECK(spec.events[0].factor == 3);
    CHECK(spec.events[0].duration == Duration::minutes(60));
    CHECK(spec.events[1].kind == InjectionKind::KillTasks);
    CHECK(spec.events[1].service == "web");
    CHECK(spec.events[1].count == 2);
    CHECK(spec.events[2].kind == InjectionKind::AzOutage);
    CHECK(spec.events[2].availability_zone == "ap-southeast-1a");
    CHECK(spec.events[2].duration == Duration::minutes(20));
    CHECK(spec.events[3].kind == InjectionKind::Deploy);
    CHECK(spec.events[3].at == Duration::minutes(60));
    CHECK(spec.events[3].service == "api");
    CHECK(spec.events[3].image == "repo/api:v2");
    CHECK(spec.events[3].behaviour == TaskBehaviour::FailsHealthChecks);
}

TEST_CASE("Each shape reads its own members", "[simspec][parse]") {
    const auto traffic_of = [](const json& traffic) {
        auto parsed = sim::parse_simulation(scenario_with({{"services", {{"api", {{"traffic", traffic}}}}}}));
        INFO((parsed.ok() ? std::string() : parsed.error().message));
        REQUIRE(parsed.ok());
        REQUIRE(parsed->services.size() == 1);
        return parsed->services[0].traffic;
    };
    const auto constant = traffic_of({{"rps", 50}});
    CHECK(constant.shape == TrafficShape::Constant);
    CHECK(constant.rps == 50);
    const auto step =
        traffic_of({{"shape", "step"},
                    {"rps", 5},
                    {"steps", json::array({{{"at", "10m"}, {"rps", 200}}, {{"at", 1800}, {"rps", 0}}})}});
    CHECK(step.shape == TrafficShape::Step);
    REQUIRE(step.steps.size() == 2);
    CHECK(step.steps[0].offset == Duration::minutes(10));
    CHECK(step.steps[0].rps == 200);
    CHECK(step.steps[1].offset == Duration::minutes(30));
    const auto ramp = traffic_of({{"shape", "ramp"}, {"toRps", 300}, {"start", "1h"}, {"duration", "30m"}});
    CHECK(ramp.shape == TrafficShape::Ramp);
    CHECK(ramp.rps == 0);
    CHECK(ramp.to_rps == 300);
    CHECK(ramp.start == Duration::minutes(60));
    CHECK(ramp.duration == Duration::minutes(30));
    const auto spike = traffic_of({{"shape", "spike"},
                                   {"rps", 50},
                                   {"peakRps", 450},
                                   {"start", "1h"},
                                   {"duration", "30m"},
                                   {"rise", "2m"}});
    CHECK(spike.shape == TrafficShape::Spike);
    CHECK(spike.peak_rps == 450);
    CHECK(spike.rise == Duration::minutes(2));
    const auto diurnal = traffic_of({{"shape", "diurnal"}, {"peakRps", 100}, {"peakHourUtc", 9}});
    CHECK(diurnal.peak_hour_utc == 9);
}

}  // namespace ecsemu::test::simspec
