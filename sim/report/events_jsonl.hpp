#pragma once
// events.jsonl: the run's event log, one JSON object per line in log order, for jq and scripts. Keys come
// in a fixed order (time, offsetSeconds, kind, service, detail, cause, taskId, then from/to for scaling) so
// two runs can be compared with diff.
#include <string>

#include "sim/report/sim_result.hpp"

namespace ecsemu::sim {

std::string events_jsonl(const SimResult& result);

}  // namespace ecsemu::sim
