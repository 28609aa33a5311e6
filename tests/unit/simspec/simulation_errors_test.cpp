#include <catch2/catch.hpp>

#include "simspec_fixtures.hpp"

namespace ecsemu::test::simspec {

using nlohmann::json;

namespace {

json api_traffic(const json& traffic) {
    return {{"services", {{"api", {{"traffic", traffic}}}}}};
}

}  // namespace

TEST_CASE("Unknown members are refused with the members that are known", "[simspec][errors]") {
    CHECK(simulation_error(api_traffic({{"rpz", 5}})) ==
          "scenarios/x.json: ecsemu.simulation.services[\"api\"].traffic: unknown member \"rpz\" (expected "
          "shape, "
          "rps, steps, toRps, peakRps, peakHourUtc, start, duration, rise, trace, noise)");
    CHECK(simulation_error({{"sedd", 5}}) ==
          "scenarios/x.json: ecsemu.simulation: unknown member \"sedd\" (expected start, duration, seed, "
          "sloMs, "
          "step, startup, prices, services, events)");
    CHECK(
        simulation_error({{"startup", {{"startMedian", 5}}}}) ==
        "scenarios/x.json: ecsemu.simulation.startup: unknown member \"startMedian\" (expected provisioning, "
        "startMedianSeconds, startP95Seconds, activating, stopMaxSeconds, deprovisioning)");
}

TEST_CASE("Services are named by the label of an ecs:CreateService resource", "[simspec][errors]") {
    CHECK(simulation_error({{"services", {{"apx", json::object()}}}}) ==
          "scenarios/x.json: ecsemu.simulation.services[\"apx\"]: no ecs:CreateService resource is labelled "
          "\"apx\" (the scenario's services: web, api)");
    CHECK(
        simulation_error({{"services", {{"vpc", json::object()}}}}) ==
        "scenarios/x.json: ecsemu.simulation.services[\"vpc\"]: \"vpc\" is a resource of type ec2:CreateVpc, "
        "not ecs:CreateService (the scenario's services: web, api)");
    CHECK(simulation_error(
              {{"events", json::array({{{"at", "1h"}, {"kind", "killTasks"}, {"service", "db"}}})}}) ==
          "scenarios/x.json: ecsemu.simulation.events[0].service: no ecs:CreateService resource is labelled "
          "\"db\" "
          "(the scenario's services: web, api)");
}

TEST_CASE("Numbers out of range and wrong types are named by their path", "[simspec][errors]") {
    CHECK(simulation_error(api_traffic({{"rps", -1}})) ==
          "scenarios/x.json: ecsemu.simulation.services[\"api\"].traffic.rps: must be >= 0");
    CHECK(
        simulation_error(api_traffic({{"rps", "fast"}})) ==
        "scenarios/x.json: ecsemu.simulation.services[\"api\"].traffic.rps: expected a number, got \"fast\"");
    CHECK(simulation_error(api_traffic({{"rps", 5}, {"noise", 1.5}})) ==
          "scenarios/x.json: ecsemu.simulation.services[\"api\"].traffic.noise: must be from 0 to 1");
    CHECK(simulation_error({{"services", {{"api", {{"cpuMsPerRequest", 0}}}}}}) ==
          "scenarios/x.json: ecsemu.simulation.services[\"api\"].cpuMsPerRequest: must be > 0");
    CHECK(simulation_error({{"seed", "one"}}) ==
          "scenarios/x.json: ecsemu.simulation.seed: expected a non-negative integer, got \"one\"");
    CHECK(simulation_error({{"seed", -3}}) == "scenarios/x.json: ecsemu.simulation.seed: must be >= 0");
    CHECK(simulation_error({{"seed", 1.5}}) ==
          "scenarios/x.json: ecsemu.simulation.seed: expected a non-negative integer, got 1.5");
    CHECK(
        simulation_error({{"services", json::array()}}) ==
        "scenarios/x.json: ecsemu.simulation.services: expected an object keyed by ecs:CreateService label, "
        "got a list");
    CHECK(simulation_error({{"startup", {{"startMedianSeconds", 10}, {"startP95Seconds", 9}}}}) ==
          "scenarios/x.json: ecsemu.simulation.startup.startP95Seconds: must be >= startMedianSeconds");
    CHECK(simulation_error({{"start", "2026-01-05"}}) ==
          "scenarios/x.json: ecsemu.simulation.start: expected an ISO-8601 UTC time such as "
          "\"2026-01-05T00:00:00Z\", got \"2026-01-05\"");
}

TEST_CASE("Durations must be duration strings or seconds, within the run's limits", "[simspec][errors]") {
    CHECK(simulation_error({{"duration", "2 hours"}}) ==
          "scenarios/x.json: ecsemu.simulation.duration: expected a duration such as \"90s\", \"15m\", "
          "\"1h30m\" or "
          "a number of seconds, got \"2 hours\"");
    CHECK(simulation_error({{"duration", "-2h"}}) ==
          "scenarios/x.json: ecsemu.simulation.duration: must be >= 0");
    CHECK(simulation_error({{"duration", 0}}) ==
          "scenarios/x.json: ecsemu.simulation.duration: must be more than 0s and at most 366d");
    CHECK(simulation_error({{"duration", "367d"}}) ==
          "scenarios/x.json: ecsemu.simulation.duration: must be more than 0s and at most 366d");
    CHECK(
        simulation_error({{"step", "7s"}}) ==
        "scenarios/x.json: ecsemu.simulation.step: must be from 1s to 60s and divide a minute (7s does not)");
    CHECK(
        simulation_error({{"step", "2m"}}) ==
        "scenarios/x.json: ecsemu.simulation.step: must be from 1s to 60s and divide a minute (2m does not)");
}

TEST_CASE("Each shape needs its members and refuses the others'", "[simspec][errors]") {
    CHECK(
        simulation_error(api_traffic({{"shape", "spike"}, {"peakRps", 400}, {"duration", "30m"}})) ==
        "scenarios/x.json: ecsemu.simulation.services[\"api\"].traffic.start: missing (shape \"spike\" needs "
        "peakRps, start, duration)");
    CHECK(
        simulation_error(api_traffic({{"shape", "trace"}})) ==
        "scenarios/x.json: ecsemu.simulation.services[\"api\"].traffic.trace: missing (shape \"trace\" needs "
        "trace)");
    CHECK(simulation_error(api_traffic({{"rps", 5}, {"peakRps", 9}})) ==
          "scenarios/x.json: ecsemu.simulation.services[\"api\"].traffic.peakRps: not used by shape "
          "\"constant\" "
          "(it uses rps)");
    CHECK(simulation_error(api_traffic({{"shape", "Spike"}})) ==
          "scenarios/x.json: ecsemu.simulation.services[\"api\"].traffic.shape: expected one of constant, "
          "step, "
          "ramp, diurnal, spike, trace, got \"Spike\"");
    CHECK(simulation_error(api_traffic(
              {{"shape", "step"},
               {"steps", json::array({{{"at", "20m"}, {"rps", 1}}, {{"at", "10m"}, {"rps", 2}}})}})) ==
          "scenarios/x.json: ecsemu.simulation.services[\"api\"].traffic.steps[1].at: must be after the "
          "previous "
          "step's (20m)");
    CHECK(
        simulation_error(api_traffic({{"shape", "diurnal"}, {"rps", 50}, {"peakRps", 10}})) ==
        "scenarios/x.json: ecsemu.simulation.services[\"api\"].traffic.peakRps: must be >= rps (the trough)");
    CHECK(simulation_error(api_traffic({{"shape", "diurnal"}, {"peakRps", 10}, {"peakHourUtc", "25:00"}})) ==
          "scenarios/x.json: ecsemu.simulation.services[\"api\"].traffic.peakHourUtc: expected an hour from "
          "0 to "
          "24 or \"HH:MM\", got \"25:00\"");
}

TEST_CASE("Events happen within the run and name what they act on", "[simspec][errors]") {
    CHECK(simulation_error(
              {{"duration", "2h"},
               {"events", json::array({{{"at", "3h"}, {"kind", "killTasks"}, {"service", "api"}}})}}) ==
          "scenarios/x.json: ecsemu.simulation.events[0].at: 3h is not before the end of the run (duration "
          "2h)");
    CHECK(simulation_error({{"events", json::array({{{"at", "1h"}, {"kind", "reboot"}}})}}) ==
          "scenarios/x.json: ecsemu.simulation.events[0].kind: expected one of deploy, killTasks, azOutage, "
          "slowStarts, got \"reboot\"");
    CHECK(simulation_error(
              {{"events",
                json::array(
                    {{{"at", "1h"}, {"kind", "deploy"}, {"service", "api"}, {"behaviour", "crashes"}}})}}) ==
          "scenarios/x.json: ecsemu.simulation.events[0].behaviour: expected one of healthy, "
          "failsHealthChecks, "
          "crashesOnStart, got \"crashes\"");
    CHECK(simulation_error(
              {{"events",
                json::array({{{"at", "1h"}, {"kind", "killTasks"}, {"service", "api"}, {"count", 0}}})}}) ==
          "scenarios/x.json: ecsemu.simulation.events[0].count: must be >= 1");
    CHECK(
        simulation_error(
            {{"events",
              json::array({{{"at", "1h"}, {"kind", "slowStarts"}, {"factor", 0.5}, {"duration", "1h"}}})}}) ==
        "scenarios/x.json: ecsemu.simulation.events[0].factor: must be >= 1");
    CHECK(
        simulation_error({{"events", json::array({{{"at", "1h"},
                                                   {"kind", "azOutage"},
                                                   {"availabilityZone", "us-east-1a"},
                                                   {"duration", "1h"}}})}}) ==
        "scenarios/x.json: ecsemu.simulation.events[0].availabilityZone: \"us-east-1a\" is not a zone of the "
        "scenario's region ap-southeast-1 (e.g. \"ap-southeast-1a\")");
    CHECK(simulation_error({{"events", json::array({{{"at", "1h"},
                                                     {"kind", "azOutage"},
                                                     {"availabilityZone", "ap-southeast-1a"}}})}}) ==
          "scenarios/x.json: ecsemu.simulation.events[0].duration: missing (kind \"azOutage\" needs "
          "availabilityZone, duration)");
    CHECK(simulation_error(
              {{"events",
                json::array({{{"at", "1h"}, {"kind", "killTasks"}, {"service", "api"}, {"factor", 2}}})}}) ==
          "scenarios/x.json: ecsemu.simulation.events[0].factor: not used by kind \"killTasks\" (it uses "
          "service, "
          "count)");
    CHECK(simulation_error({{"events", json::array({{{"kind", "killTasks"}, {"service", "api"}}})}}) ==
          "scenarios/x.json: ecsemu.simulation.events[0].at: missing (when it happens, from the start of the "
          "run)");
}

TEST_CASE("Trace files are read next to the scenario and their errors say where", "[simspec][errors]") {
    const TempDirectory directory("trace-errors");
    const std::string scenario_file = directory.path() + "/scenario.json";
    CHECK(
        simulation_error(api_traffic({{"shape", "trace"}, {"trace", "traces/missing.csv"}}), scenario_file) ==
        scenario_file + ": ecsemu.simulation.services[\"api\"].traffic.trace: " + directory.path() +
            "/traces/missing.csv: no such file");
    directory.write("traces/day.csv", "timestamp,requests_per_second\n0,5\n60,-4\n");
    CHECK(simulation_error(api_traffic({{"shape", "trace"}, {"trace", "traces/day.csv"}}), scenario_file) ==
          scenario_file + ": ecsemu.simulation.services[\"api\"].traffic.trace: " + directory.path() +
              "/traces/day.csv:3: requests_per_second -4 is negative");
}

}  // namespace ecsemu::test::simspec
