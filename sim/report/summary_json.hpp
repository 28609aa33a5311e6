#pragma once
// summary.json: the SimSummary for scripts and golden files (scenario, seed, start, durationSeconds, sloMs,
// services[...], totals), keys in a fixed order.
#include <string>

#include "sim/report/summary.hpp"

namespace ecsemu::sim {

// Pretty-printed with two-space indentation, ending in '\n'.
std::string summary_json(const SimSummary& summary);

}  // namespace ecsemu::sim
