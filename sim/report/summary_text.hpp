#pragma once
// What `ecsemu sim` prints when a run ends: a few aligned lines per service and the totals, readable in a
// 110-column terminal. The files (render.hpp) carry everything; this is the glance.
#include <cstddef>
#include <string>

#include "sim/report/sim_result.hpp"
#include "sim/report/summary.hpp"

namespace ecsemu::sim {

// At most this many scaling events are listed per service; the rest are counted.
inline constexpr std::size_t kListedScalingSteps = 10;

std::string render_summary_text(const SimSummary& summary, const SimResult& result);

}  // namespace ecsemu::sim
