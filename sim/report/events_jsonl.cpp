#include "sim/report/events_jsonl.hpp"

#include <nlohmann/json.hpp>

#include "sim/report/time_text.hpp"

namespace ecsemu::sim {

namespace {

nlohmann::ordered_json event_json(const SimEvent& event, core::Instant start) {
    nlohmann::ordered_json line;
    line["time"] = iso8601_utc_millis(event.time);
    line["offsetSeconds"] = static_cast<double>((event.time - start).ms) / 1000.0;
    line["kind"] = event.kind;
    line["service"] = event.service;
    line["detail"] = event.detail;
    line["cause"] = event.cause;
    line["taskId"] = event.task_id;
    if (event.kind == "scale-out" || event.kind == "scale-in") {
        line["from"] = event.from;
        line["to"] = event.to;
    }
    return line;
}

}  // namespace

std::string events_jsonl(const SimResult& result) {
    std::string out;
    for (const SimEvent& event : result.events) {
        // Invalid UTF-8 in a detail (a task's own words) is replaced rather than allowed to throw.
        out += event_json(event, result.start).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        out += '\n';
    }
    return out;
}

}  // namespace ecsemu::sim
