#pragma once
// Reads a scenario's "ecsemu.simulation" object into a SimulationSpec. Every member is optional and falls
// back to the spec's defaults; an empty or absent object is a valid day-long run with no modelled services.
//   "simulation": {
//     "start": "2026-01-05T00:00:00Z", "duration": "24h", "seed": 1, "sloMs": 500, "step": "10s",
//     "startup": {"provisioning": "12s", "startMedianSeconds": 8, "startP95Seconds": 12, "activating": "2s",
//                 "stopMaxSeconds": 25, "deprovisioning": "45s"},
//     "prices": {"vcpuHour": 0.05056, "gbHour": 0.00553},
//     "services": {"<ecs:CreateService label>": {
//         "traffic": {"shape": "diurnal", "rps": 20, "peakRps": 400, "peakHourUtc": "14:30", "noise": 0.05},
//         "cpuMsPerRequest": 20, "latencyMs": 30, "memoryMib": 300}},
//     "events": [{"at": "2h", "kind": "deploy", "service": "<label>", "image": "repo/x:v2",
//                 "behaviour": "failsHealthChecks"},
//                {"at": "4h", "kind": "azOutage", "availabilityZone": "ap-southeast-1a", "duration": "30m"}]
//   }
// Durations are strings such as "90s", "15m", "1h30m", "1d" or numbers of seconds. Trace files are relative
// to the scenario file's directory. Services come out in the scenario's resource order, events by `at` (ties
// in written order). Errors are AwsError{"InvalidScenario", message} with the message
//   scenarios/x.json: ecsemu.simulation.services["ielts-backend-service"].traffic.rps: must be >= 0
#include "emulator/api/scenario/scenario.hpp"
#include "emulator/core/errors.hpp"
#include "sim/spec/simulation_spec.hpp"
#include "sim/spec/time_text.hpp"  // parse_duration_text, for command-line overrides written the same way

namespace ecsemu::sim {

core::Result<SimulationSpec> parse_simulation(const api::scenario::Scenario& scenario);

}  // namespace ecsemu::sim
