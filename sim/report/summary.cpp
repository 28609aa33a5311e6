#include "sim/report/summary.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ecsemu::sim {

namespace {

constexpr const char* kCpuMetric = "ECSServiceAverageCPUUtilization";
constexpr const char* kMemoryMetric = "ECSServiceAverageMemoryUtilization";

void count_event(const SimEvent& event, EventCounts& counts) {
    if (event.kind == "scale-out") {
        ++counts.scale_outs;
    } else if (event.kind == "scale-in") {
        ++counts.scale_ins;
    } else if (event.kind == "scaling-not-done") {
        ++counts.scaling_not_done;
    } else if (event.kind == "deployment") {
        ++counts.deployments;
    } else if (event.kind == "injection") {
        ++counts.injections;
    } else if (event.kind == "task-started") {
        ++counts.task_starts;
    } else if (event.kind == "task-stopped") {
        ++counts.task_stops;
    }
}

double percent_of(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

void finish_percentages(RequestCounts& requests) {
    requests.served = requests.offered >= requests.failed ? requests.offered - requests.failed : 0;
    requests.failed_percent = percent_of(requests.failed, requests.offered);
    requests.slow_percent = percent_of(requests.slow, requests.offered);
    requests.failed_or_slow_percent = percent_of(requests.failed + requests.slow, requests.offered);
}

void summarize_rows(const ServiceTimeline& timeline, ServiceSummary& summary) {
    const bool cpu = timeline.scaling_metric == kCpuMetric;
    const bool memory = timeline.scaling_metric == kMemoryMetric;
    summary.target_compared = timeline.target_value.has_value() && (cpu || memory);

    if (!timeline.rows.empty()) {
        summary.min_running = timeline.rows.front().running;
        summary.max_running = timeline.rows.front().running;
    }
    double task_seconds = 0;
    double running_sum = 0;
    for (const TimelineRow& row : timeline.rows) {
        summary.min_running = std::min(summary.min_running, row.running);
        summary.max_running = std::max(summary.max_running, row.running);
        running_sum += row.running;
        if (summary.target_compared) {
            const double utilisation = cpu ? row.cpu_percent : row.memory_percent;
            if (utilisation > *timeline.target_value) ++summary.minutes_above_target;
        }
        summary.requests.offered += row.requests;
        summary.requests.failed += row.failed;
        summary.requests.slow += row.slow;
        task_seconds += row.task_seconds;
    }
    if (!timeline.rows.empty())
        summary.mean_running = running_sum / static_cast<double>(timeline.rows.size());
    finish_percentages(summary.requests);
    summary.task_hours = task_seconds / 3600.0;
}

ServiceSummary summarize_service(const SimResult& result, const ServiceTimeline& timeline,
                                 const std::vector<const SimEvent*>& events) {
    ServiceSummary summary;
    summary.label = timeline.label;
    summary.service_name = timeline.service_name;
    summary.cluster_name = timeline.cluster_name;
    summary.cpu_units = timeline.cpu_units;
    summary.memory_mib = timeline.memory_mib;
    summary.scaling_metric = timeline.scaling_metric;
    summary.target_value = timeline.target_value;
    summarize_rows(timeline, summary);
    summary.cost_usd =
        summary.task_hours * task_hour_price_usd(timeline.cpu_units, timeline.memory_mib, result.prices);

    for (const SimEvent* service_event : events) {
        const SimEvent& event = *service_event;
        count_event(event, summary.events);
        if (event.kind == "scale-out" || event.kind == "scale-in") {
            summary.scaling.push_back(ScalingStep{event.time, event.time - result.start, event.kind,
                                                  event.from, event.to, event.cause});
        }
    }
    // Events arrive sorted; a stable sort keeps equal times in log order should a producer slip.
    std::stable_sort(summary.scaling.begin(), summary.scaling.end(),
                     [](const ScalingStep& a, const ScalingStep& b) { return a.time < b.time; });
    return summary;
}

}  // namespace

double task_hour_price_usd(int cpu_units, int memory_mib, const Prices& prices) {
    return static_cast<double>(cpu_units) / 1024.0 * prices.vcpu_hour +
           static_cast<double>(memory_mib) / 1024.0 * prices.gb_hour;
}

SimSummary summarize(const SimResult& result) {
    SimSummary summary;
    summary.scenario = result.scenario_file;
    summary.seed = result.seed;
    summary.start = result.start;
    summary.duration = result.duration;
    summary.slo_ms = result.slo_ms;
    // Each service's events, in log order, from one walk over the log: a week of a hundred services logs
    // hundreds of thousands, and walking them once per service made the summary a visible part of the run.
    std::unordered_map<std::string_view, std::vector<const SimEvent*>> events_by_label;
    for (const ServiceTimeline& timeline : result.services) events_by_label.try_emplace(timeline.label);
    for (const SimEvent& event : result.events) {
        if (const auto found = events_by_label.find(event.service); found != events_by_label.end())
            found->second.push_back(&event);
    }
    for (const ServiceTimeline& timeline : result.services) {
        summary.services.push_back(summarize_service(result, timeline, events_by_label.at(timeline.label)));
        const ServiceSummary& service = summary.services.back();
        summary.totals.requests.offered += service.requests.offered;
        summary.totals.requests.failed += service.requests.failed;
        summary.totals.requests.slow += service.requests.slow;
        summary.totals.task_hours += service.task_hours;
        summary.totals.cost_usd += service.cost_usd;
    }
    finish_percentages(summary.totals.requests);
    for (const SimEvent& event : result.events) count_event(event, summary.totals.events);
    return summary;
}

}  // namespace ecsemu::sim
