#pragma once
// Recorded traffic as CSV, one row per sample: `timestamp,requests_per_second`. The timestamp is either a
// number of seconds (an offset or epoch seconds) or an ISO-8601 UTC time, one kind for the whole file; the
// rows' offsets are taken from the first row's timestamp, so a trace exported from any day replays from the
// start of the run. An optional header line (a first field such as "timestamp"), blank lines, `#` comment
// lines and CRLF line ends are accepted:
//   timestamp,requests_per_second
//   2026-01-05T10:00:00Z,120
//   2026-01-05T10:05:00.5Z,180
// Errors are AwsError{"InvalidScenario", "<file>:<line>: <what>"} ("<file>: no rows" for an empty trace).
#include <string>
#include <vector>

#include "emulator/core/errors.hpp"
#include "sim/spec/simulation_spec.hpp"

namespace ecsemu::sim {

// `file` only names the text in messages. The points' offsets are strictly ascending and start at 0.
core::Result<std::vector<TrafficPoint>> read_trace_csv(const std::string& text, const std::string& file);

// Reads `path` and parses it; a missing or unreadable file is "<path>: ..." without a line.
core::Result<std::vector<TrafficPoint>> read_trace_csv_file(const std::string& path);

}  // namespace ecsemu::sim
