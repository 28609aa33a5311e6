#pragma once
// The three charts report.html draws for a service, sharing one time axis: offered load, CPU against the
// scaling target, and desired/running/healthy tasks. Each carries markers for the service's scaling
// activities, its deployments and the scenario's injections (its own and region-wide ones).
#include <vector>

#include "sim/report/sim_result.hpp"
#include "sim/report/svg_chart.hpp"

namespace ecsemu::sim {

std::vector<LineChart> service_charts(const SimResult& result, const ServiceTimeline& timeline);

}  // namespace ecsemu::sim
