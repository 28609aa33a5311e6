#pragma once
// report.html: one self-contained page a person opens in a browser after a run. Inline CSS and SVG only
// (no scripts, no external URLs), so it can be mailed or attached to a ticket as it is: the summary table,
// three charts per service (service_charts.hpp) and the first events of the log.
#include <cstddef>
#include <string>

#include "sim/report/sim_result.hpp"
#include "sim/report/summary.hpp"

namespace ecsemu::sim {

// Events listed in the page's table; events.jsonl has them all.
inline constexpr std::size_t kReportEventRows = 500;

std::string html_report(const SimResult& result, const SimSummary& summary);

}  // namespace ecsemu::sim
