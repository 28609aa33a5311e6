#include "sim/report/timeline_csv.hpp"

#include "sim/report/number_text.hpp"
#include "sim/report/time_text.hpp"

namespace ecsemu::sim {

namespace {

void append_row(const TimelineRow& row, std::string& out) {
    out += iso8601_utc_seconds(row.minute);
    for (const double value : {row.rps, row.cpu_percent, row.memory_percent}) {
        out += ',';
        out += fixed_text(value, 3);
    }
    for (const int value : {row.desired, row.running, row.healthy, row.pending}) {
        out += ',';
        out += std::to_string(value);
    }
    for (const std::uint64_t value : {row.requests, row.failed, row.slow}) {
        out += ',';
        out += std::to_string(value);
    }
    out += ',';
    out += fixed_text(row.mean_latency_ms, 3);
    out += '\n';
}

}  // namespace

std::string timeline_csv(const ServiceTimeline& timeline) {
    std::string out = kTimelineCsvHeader;
    out += '\n';
    // About 100 bytes a row; one reservation instead of a dozen regrowths for a week-long run.
    out.reserve(out.size() + timeline.rows.size() * 100);
    for (const TimelineRow& row : timeline.rows) append_row(row, out);
    return out;
}

}  // namespace ecsemu::sim
