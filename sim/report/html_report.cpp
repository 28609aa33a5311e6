#include "sim/report/html_report.hpp"

#include "sim/report/html_escape.hpp"
#include "sim/report/number_text.hpp"
#include "sim/report/service_charts.hpp"
#include "sim/report/time_text.hpp"

namespace ecsemu::sim {

namespace {

constexpr const char* kStyle = R"(<style>
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}.meta{color:#555;margin:0 0 16px}
table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ddd;padding:3px 8px;vertical-align:top}
th{background:#f4f4f4;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.total td{font-weight:600;background:#fafafa}
svg.chart{display:block;max-width:100%;height:auto;margin:4px 0}
svg.chart text{font:11px system-ui,sans-serif;fill:#333}svg.chart .ct{font-size:13px;font-weight:600}
svg.chart .yl{text-anchor:end}svg.chart .xl{text-anchor:middle}svg.chart .tl{text-anchor:end;fill:#444;paint-order:stroke;stroke:#fff;stroke-width:3px}
svg.chart .grid line{stroke:#e6e6e6}svg.chart .xaxis line{stroke:#999}
.key span{display:inline-block;margin-right:14px}.sw{display:inline-block;width:18px;height:0;
vertical-align:middle;margin-right:4px;border-top:2px solid}
</style>
)";

std::string cell(const std::string& text) {
    return "<td>" + html_escape(text) + "</td>";
}
std::string number_cell(const std::string& text) {
    return "<td class=\"n\">" + text + "</td>";
}

std::string summary_row(const std::string& name, const std::string& tasks, const EventCounts& events,
                        const std::string& above_target, const RequestCounts& requests, double task_hours,
                        double cost_usd, bool total) {
    return std::string(total ? "<tr class=\"total\">" : "<tr>") + cell(name) + number_cell(tasks) +
           number_cell(std::to_string(events.scale_outs)) + number_cell(std::to_string(events.scale_ins)) +
           number_cell(above_target) + number_cell(std::to_string(requests.offered)) +
           number_cell(std::to_string(requests.failed) + " (" + fixed_text(requests.failed_percent, 2) +
                       " %)") +
           number_cell(std::to_string(requests.slow) + " (" + fixed_text(requests.slow_percent, 2) + " %)") +
           number_cell(fixed_text(requests.failed_or_slow_percent, 2)) +
           number_cell(fixed_text(task_hours, 2)) + number_cell(fixed_text(cost_usd, 4)) + "</tr>\n";
}

void append_summary_table(const SimSummary& summary, std::string& out) {
    out +=
        "<h2>Summary</h2>\n<table>\n<tr><th>Service</th><th>Tasks min / mean / max</th><th>Scale-outs</th>"
        "<th>Scale-ins</th><th>Minutes above target</th><th>Requests</th><th>Failed</th>"
        "<th>Slower than SLO</th><th>Failed or slow %</th><th>Task-hours</th><th>Cost USD</th></tr>\n";
    for (const ServiceSummary& service : summary.services) {
        const std::string tasks = std::to_string(service.min_running) + " / " +
                                  fixed_text(service.mean_running, 2) + " / " +
                                  std::to_string(service.max_running);
        const std::string above =
            service.target_compared ? std::to_string(service.minutes_above_target) : std::string("n/a");
        out += summary_row(service.label, tasks, service.events, above, service.requests, service.task_hours,
                           service.cost_usd, false);
    }
    const SimTotals& totals = summary.totals;
    out += summary_row("Total", "", totals.events, "", totals.requests, totals.task_hours, totals.cost_usd,
                       true);
    out += "</table>\n<p>Deployment events: " + std::to_string(totals.events.deployments) +
           ", injections: " + std::to_string(totals.events.injections) +
           ", task starts: " + std::to_string(totals.events.task_starts) +
           ", task stops: " + std::to_string(totals.events.task_stops) +
           ", scaling activities not done: " + std::to_string(totals.events.scaling_not_done) + ".</p>\n";
}

void append_marker_key(std::string& out) {
    out +=
        "<p class=\"key\"><span><i class=\"sw\" style=\"border-color:#d62728\"></i>scale-out</span>"
        "<span><i class=\"sw\" style=\"border-color:#9467bd\"></i>scale-in</span>"
        "<span><i class=\"sw\" style=\"border-top:2px dashed #888\"></i>deployment or injection</span>"
        "<span>Hover over a marker for its detail.</span></p>\n";
}

void append_service(const SimResult& result, const ServiceTimeline& timeline, std::string& out) {
    out += "<section>\n<h2>" + html_escape(timeline.label) + "</h2>\n<p class=\"meta\">service " +
           html_escape(timeline.service_name) + " in cluster " + html_escape(timeline.cluster_name) + ", " +
           std::to_string(timeline.cpu_units) + " CPU units / " + std::to_string(timeline.memory_mib) +
           " MiB per task";
    if (!timeline.scaling_metric.empty()) {
        out += ", target tracking " + html_escape(timeline.scaling_metric);
        if (timeline.target_value) out += " at " + fixed_text(*timeline.target_value, 1);
    }
    out += "</p>\n";
    for (const LineChart& chart : service_charts(result, timeline)) out += render_line_chart(chart);
    out += "</section>\n";
}

void append_events_table(const SimResult& result, std::string& out) {
    out += "<h2>Events</h2>\n";
    if (result.events.empty()) {
        out += "<p>No events.</p>\n";
        return;
    }
    out +=
        "<table>\n<tr><th>Offset</th><th>Time (UTC)</th><th>Kind</th><th>Service</th><th>Detail</th>"
        "<th>Cause</th><th>Task</th><th>Desired</th></tr>\n";
    std::size_t shown = 0;
    for (const SimEvent& event : result.events) {
        if (shown == kReportEventRows) break;
        const bool scaling = event.kind == "scale-out" || event.kind == "scale-in";
        out +=
            "<tr>" + number_cell(offset_text(event.time - result.start)) +
            cell(iso8601_utc_millis(event.time)) + cell(event.kind) + cell(event.service) +
            cell(event.detail) + cell(event.cause) + cell(event.task_id) +
            cell(scaling ? std::to_string(event.from) + " -> " + std::to_string(event.to) : std::string()) +
            "</tr>\n";
        ++shown;
    }
    out += "</table>\n";
    if (result.events.size() > shown) {
        out += "<p>" + std::to_string(result.events.size() - shown) +
               " more events are not shown here; events.jsonl has them all.</p>\n";
    }
}

}  // namespace

std::string html_report(const SimResult& result, const SimSummary& summary) {
    const std::string title =
        html_escape("ecsemu sim: " + result.scenario_file + " (seed " + std::to_string(result.seed) + ")");
    std::string duration = offset_text(result.duration);
    if (!duration.empty() && duration.front() == '+') duration.erase(0, 1);

    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                      title + "</title>\n" + kStyle + "</head>\n<body>\n<h1>" + title +
                      "</h1>\n<p class=\"meta\">start " + iso8601_utc_seconds(result.start) + ", duration " +
                      duration + ", SLO " + fixed_text(result.slo_ms, 0) + " ms, prices per hour: vCPU " +
                      fixed_text(result.prices.vcpu_hour, 5) + " USD, GB " +
                      fixed_text(result.prices.gb_hour, 5) + " USD</p>\n";
    append_summary_table(summary, out);
    append_marker_key(out);
    for (const ServiceTimeline& timeline : result.services) append_service(result, timeline, out);
    append_events_table(result, out);
    out += "</body>\n</html>\n";
    return out;
}

}  // namespace ecsemu::sim
