#pragma once
// A service's "traffic" object of the simulation section: its shape, the members that shape needs, and the
// trace file a trace shape replays.
#include <nlohmann/json.hpp>
#include <string>

#include "sim/spec/json_fields.hpp"
#include "sim/spec/simulation_spec.hpp"

namespace ecsemu::sim {

// Fills `out` from `value` (at `path`). A trace file is read from `base_directory` (the scenario file's
// directory) unless absolute. Members another shape uses are refused, so a forgotten "shape" is caught
// instead of silently giving a constant rate.
FieldError read_traffic(const nlohmann::json& value, const std::string& path,
                        const std::string& base_directory, TrafficSpec& out);

}  // namespace ecsemu::sim
