#include "sim/report/render.hpp"

#include <future>
#include <set>

#include "sim/report/events_jsonl.hpp"
#include "sim/report/html_report.hpp"
#include "sim/report/summary_json.hpp"
#include "sim/report/timeline_csv.hpp"

namespace ecsemu::sim {

std::string file_name_label(std::string_view label) {
    std::string name;
    name.reserve(label.size());
    for (const char c : label) {
        const bool kept = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                          c == '.' || c == '_' || c == '-';
        name += kept ? c : '_';
    }
    if (name.empty()) name = "_";
    return name;
}

std::vector<OutputFile> render_outputs(const SimResult& result) {
    const SimSummary summary = summarize(result);
    // The report is the largest output (a week of a hundred services is tens of megabytes of SVG), so it is
    // rendered on a second thread while this one writes the timelines and the event log. Both only read
    // the result and the summary; each file's bytes are the same as rendered one after the other.
    std::future<std::string> report =
        std::async(std::launch::async, [&result, &summary] { return html_report(result, summary); });
    std::vector<OutputFile> files;
    files.reserve(result.services.size() + 3);
    // Labels are unique, but two may differ only in replaced characters ("web api", "web/api"); a suffix
    // keeps one timeline from overwriting the other.
    std::set<std::string> used;
    for (const ServiceTimeline& timeline : result.services) {
        const std::string stem = "timeline-" + file_name_label(timeline.label);
        std::string name = stem + ".csv";
        for (int n = 2; !used.insert(name).second; ++n) name = stem + "-" + std::to_string(n) + ".csv";
        files.push_back({name, timeline_csv(timeline)});
    }
    files.push_back({"events.jsonl", events_jsonl(result)});
    files.push_back({"summary.json", summary_json(summary)});
    files.push_back({"report.html", report.get()});
    return files;
}

}  // namespace ecsemu::sim
