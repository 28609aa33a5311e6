#pragma once
// timeline-<label>.csv: one line per emulated minute of one service, for spreadsheets and plotting tools.
#include <string>

#include "sim/report/sim_result.hpp"

namespace ecsemu::sim {

inline constexpr const char* kTimelineCsvHeader =
    "minute,rps,cpu_percent,memory_percent,desired,running,healthy,pending,requests,failed,slow,mean_latency_"
    "ms";

// The header line and one line per row, each ending in '\n'. Fractional figures have three decimals.
std::string timeline_csv(const ServiceTimeline& timeline);

}  // namespace ecsemu::sim
