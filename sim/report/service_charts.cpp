#include "sim/report/service_charts.hpp"

#include "sim/report/number_text.hpp"
#include "sim/report/time_text.hpp"

namespace ecsemu::sim {

namespace {

constexpr double kMinuteSeconds = 60;
constexpr const char* kCpuMetric = "ECSServiceAverageCPUUtilization";
constexpr const char* kMemoryMetric = "ECSServiceAverageMemoryUtilization";

double seconds_between(core::Instant from, core::Instant to) {
    return static_cast<double>((to - from).ms) / 1000.0;
}

// Averages over a minute sit at the middle of their minute.
ChartSeries average_series(const SimResult& result, const ServiceTimeline& timeline, std::string name,
                           std::string css_class, std::string colour, double TimelineRow::*field) {
    ChartSeries series{std::move(name), std::move(css_class), std::move(colour), {}};
    series.points.reserve(timeline.rows.size());
    for (const TimelineRow& row : timeline.rows) {
        series.points.push_back({seconds_between(result.start, row.minute) + kMinuteSeconds / 2, row.*field});
    }
    return series;
}

// Counts are taken at the end of each minute and drawn across that minute, so a change lines up with the
// marker of the event that caused it rather than a minute after it.
ChartSeries step_series(const SimResult& result, const ServiceTimeline& timeline, std::string name,
                        std::string css_class, std::string colour, int TimelineRow::*field) {
    ChartSeries series{std::move(name), std::move(css_class), std::move(colour), {}};
    series.points.reserve(2 * timeline.rows.size());
    for (const TimelineRow& row : timeline.rows) {
        const double begin = seconds_between(result.start, row.minute);
        const auto value = static_cast<double>(row.*field);
        series.points.push_back({begin, value});
        series.points.push_back({begin + kMinuteSeconds, value});
    }
    return series;
}

bool marks_service(const SimEvent& event, const std::string& label) {
    if (event.kind == "scale-out" || event.kind == "scale-in" || event.kind == "deployment") {
        return event.service == label;
    }
    // Injections without a service (an availability zone outage) touch every service.
    return event.kind == "injection" && (event.service == label || event.service.empty());
}

std::string tooltip_of(const SimEvent& event, core::Instant start) {
    std::string text = offset_text(event.time - start) + " " + event.kind;
    if (event.kind == "scale-out" || event.kind == "scale-in") {
        text += " " + std::to_string(event.from) + " -> " + std::to_string(event.to);
    }
    if (!event.detail.empty()) text += ": " + event.detail;
    if (!event.cause.empty()) text += " (" + event.cause + ")";
    return text;
}

std::vector<ChartMarker> markers_for(const SimResult& result, const std::string& label) {
    std::vector<ChartMarker> markers;
    for (const SimEvent& event : result.events) {
        if (!marks_service(event, label)) continue;
        ChartMarker marker;
        marker.x_seconds = seconds_between(result.start, event.time);
        marker.tooltip = tooltip_of(event, result.start);
        if (event.kind == "scale-out") {
            marker.css_class = "scale-out";
            marker.colour = "#d62728";
        } else if (event.kind == "scale-in") {
            marker.css_class = "scale-in";
            marker.colour = "#9467bd";
        } else {
            marker.css_class = "activity";
            marker.colour = "#888888";
            marker.dashed = true;
        }
        markers.push_back(std::move(marker));
    }
    return markers;
}

LineChart utilisation_chart(const SimResult& result, const ServiceTimeline& timeline) {
    LineChart chart;
    chart.title = "CPU %";
    chart.series.push_back(
        average_series(result, timeline, "CPU", "cpu", "#ff7f0e", &TimelineRow::cpu_percent));
    const bool memory_target = timeline.scaling_metric == kMemoryMetric;
    if (memory_target) {
        chart.title = "CPU and memory %";
        chart.series.push_back(
            average_series(result, timeline, "memory", "memory", "#8c564b", &TimelineRow::memory_percent));
    }
    // Only a utilisation target shares this chart's unit; a request-count target would be a different scale.
    if (timeline.target_value && (memory_target || timeline.scaling_metric == kCpuMetric)) {
        chart.target =
            ChartTarget{*timeline.target_value, std::string(memory_target ? "memory" : "CPU") + " target " +
                                                    fixed_text(*timeline.target_value, 1) + " %"};
    }
    return chart;
}

}  // namespace

std::vector<LineChart> service_charts(const SimResult& result, const ServiceTimeline& timeline) {
    double span = static_cast<double>(result.duration.ms) / 1000.0;
    if (span <= 0) span = static_cast<double>(timeline.rows.size()) * kMinuteSeconds;
    const std::vector<ChartMarker> markers = markers_for(result, timeline.label);

    LineChart load;
    load.title = "Offered load (rps)";
    load.series.push_back(average_series(result, timeline, "rps", "rps", "#1f77b4", &TimelineRow::rps));

    LineChart tasks;
    tasks.title = "Tasks";
    tasks.whole_numbers = true;
    tasks.series.push_back(
        step_series(result, timeline, "desired", "desired", "#1f77b4", &TimelineRow::desired));
    tasks.series.push_back(
        step_series(result, timeline, "running", "running", "#ff7f0e", &TimelineRow::running));
    tasks.series.push_back(
        step_series(result, timeline, "healthy", "healthy", "#2ca02c", &TimelineRow::healthy));
    tasks.series[0].width = 4.5;
    tasks.series[1].width = 2.75;
    tasks.series[2].width = 1.25;

    std::vector<LineChart> charts{std::move(load), utilisation_chart(result, timeline), std::move(tasks)};
    for (LineChart& chart : charts) {
        chart.span_seconds = span;
        chart.markers = markers;
    }
    return charts;
}

}  // namespace ecsemu::sim
