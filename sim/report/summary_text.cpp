#include "sim/report/summary_text.hpp"

#include <algorithm>

#include "sim/report/number_text.hpp"
#include "sim/report/time_text.hpp"

namespace ecsemu::sim {

namespace {

constexpr std::size_t kLineWidth = 110;
constexpr const char* kIndent = "  ";
constexpr std::size_t kIndentWidth = 2;
constexpr std::size_t kFieldWidth = 15;  // "above target" and friends, padded

// Clips to `width` bytes without cutting a UTF-8 sequence, marking the cut with "...".
std::string clipped(const std::string& text, std::size_t width) {
    if (text.size() <= width) return text;
    std::size_t cut = width >= 3 ? width - 3 : 0;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "...";
}

void field(std::string& out, const char* name, const std::string& value) {
    std::string line = std::string(kIndent) + name;
    line.resize(std::max(line.size() + 1, kIndentWidth + kFieldWidth), ' ');
    line += value;
    out += clipped(line, kLineWidth);
    out += '\n';
}

std::string padded(std::string text, std::size_t width) {
    if (text.size() < width) text.resize(width, ' ');
    return text;
}

std::string count(std::uint64_t n, const char* noun) {
    return std::to_string(n) + " " + noun;
}

// "1 scale-out", "3 scale-outs".
std::string plural(int n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string percent(double value) {
    return "(" + fixed_text(value, 2) + " %)";
}

std::string requests_text(const RequestCounts& requests) {
    return count(requests.offered, "offered") + "   " + count(requests.served, "served") + "   " +
           count(requests.failed, "failed ") + percent(requests.failed_percent) + "   " +
           count(requests.slow, "slow ") + percent(requests.slow_percent);
}

std::string cost_text(double task_hours, double cost_usd) {
    return fixed_text(task_hours, 2) + "   cost " + fixed_text(cost_usd, 4) + " USD";
}

void scaling_lines(const ServiceSummary& service, std::string& out) {
    field(
        out, "scaling",
        plural(service.events.scale_outs, "scale-out") + ", " + plural(service.events.scale_ins, "scale-in"));
    const std::string pad(kIndentWidth + kFieldWidth, ' ');
    std::size_t listed = 0;
    for (const ScalingStep& step : service.scaling) {
        if (listed == kListedScalingSteps) break;
        std::string line = pad + offset_text(step.offset) + "  " + padded(step.kind, 9) + "  " +
                           std::to_string(step.from) + " -> " + std::to_string(step.to);
        if (!step.cause.empty()) line += "  " + step.cause;
        out += clipped(line, kLineWidth) + "\n";
        ++listed;
    }
    if (service.scaling.size() > listed) {
        out += pad + "... and " + std::to_string(service.scaling.size() - listed) + " more\n";
    }
}

std::string above_target_text(const ServiceSummary& service) {
    if (!service.target_compared) {
        return service.scaling_metric.empty() ? "n/a (no target-tracking policy)"
                                              : "n/a (" + service.scaling_metric + " is not a utilisation)";
    }
    return std::to_string(service.minutes_above_target) + " min   (" + service.scaling_metric + " > " +
           fixed_text(*service.target_value, 1) + ")";
}

void service_lines(const ServiceSummary& service, std::string& out) {
    std::string heading = service.label + "  (" + service.service_name + " in " + service.cluster_name +
                          ")  " + std::to_string(service.cpu_units) + " CPU / " +
                          std::to_string(service.memory_mib) + " MiB";
    out += clipped(heading, kLineWidth) + "\n";
    scaling_lines(service, out);
    field(out, "tasks",
          "min " + std::to_string(service.min_running) + "   max " + std::to_string(service.max_running) +
              "   mean " + fixed_text(service.mean_running, 2));
    field(out, "above target", above_target_text(service));
    field(out, "requests", requests_text(service.requests));
    field(out, "task-hours", cost_text(service.task_hours, service.cost_usd));
}

std::string events_text(const EventCounts& counts) {
    return plural(counts.deployments, "deployment event") + "   " + plural(counts.injections, "injection") +
           "   " + plural(counts.task_starts, "task start") + "   " + plural(counts.task_stops, "task stop");
}

}  // namespace

std::string render_summary_text(const SimSummary& summary, const SimResult& result) {
    std::string out;
    out += clipped("ecsemu sim  " + summary.scenario + "  seed " + std::to_string(summary.seed), kLineWidth);
    out += '\n';
    std::string duration = offset_text(summary.duration);
    if (!duration.empty() && duration.front() == '+') duration.erase(0, 1);
    out += "start " + iso8601_utc_seconds(summary.start) + "   duration " + duration + "   SLO " +
           fixed_text(summary.slo_ms, 0) + " ms   " + std::to_string(result.services.size()) + " services\n";
    for (const ServiceSummary& service : summary.services) {
        out += '\n';
        service_lines(service, out);
    }
    out += "\ntotals\n";
    field(out, "requests", requests_text(summary.totals.requests));
    field(out, "task-hours", cost_text(summary.totals.task_hours, summary.totals.cost_usd));
    field(out, "scaling",
          plural(summary.totals.events.scale_outs, "scale-out") + ", " +
              plural(summary.totals.events.scale_ins, "scale-in"));
    field(out, "events", events_text(summary.totals.events));
    return out;
}

}  // namespace ecsemu::sim
