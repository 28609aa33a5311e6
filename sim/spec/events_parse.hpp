#pragma once
// The "events" list of the simulation section: deployments and failure injections at given times.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulator/api/scenario/scenario.hpp"
#include "sim/spec/json_fields.hpp"
#include "sim/spec/simulation_spec.hpp"

namespace ecsemu::sim {

// Appends the events of `value` (at `path`) to `out`, stably sorted by `at`. Each event must happen before
// `run_duration` ends; services are checked against the scenario, zones against its region.
FieldError read_events(const nlohmann::json& value, const std::string& path,
                       const api::scenario::Scenario& scenario, core::Duration run_duration,
                       std::vector<Injection>& out);

}  // namespace ecsemu::sim
