#include "sim/run/timeline_recorder.hpp"

#include <cmath>
#include <utility>

#include "emulator/core/ecs/tasks.hpp"
#include "emulator/core/metrics/metric_store.hpp"

namespace ecsemu::sim {

namespace {

double average(const core::metrics::MetricStore& store, core::metrics::MetricKeyRef key,
               core::metrics::SeriesCache& cache, core::Instant minute) {
    // A one-minute range holds at most the minute's one bucket.
    double out = 0;
    store.visit(key, cache, minute, minute + core::Duration::minutes(1),
                [&out](core::Instant, const core::metrics::StatisticSet& statistics, const std::string&) {
                    if (statistics.sample_count > 0) out = statistics.sum / statistics.sample_count;
                });
    return out;
}

}  // namespace

TimelineRecorder::TimelineRecorder(core::Clock& clock, RecorderSources sources,
                                   std::vector<ServiceBinding>& bindings, SimResult& result)
    : clock_(clock), sources_(sources), bindings_(bindings), result_(result) {
    for (const auto& binding : bindings_) {
        label_by_service_[binding.cluster_name + "/" + binding.service_name] = binding.label;
        label_by_service_[binding.resource_id] = binding.label;
        series_.push_back(ServiceSeries{
            {{"ClusterName", binding.cluster_name}, {"ServiceName", binding.service_name}}, {}, {}});
    }
    const core::Instant next =
        core::metrics::MetricStore::minute_of(clock_.now()) + core::Duration::minutes(1);
    timer_ = clock_.schedule_at(next, [this, next] { on_minute(next); });
}

TimelineRecorder::~TimelineRecorder() {
    if (timer_) clock_.cancel(*timer_);
}

void TimelineRecorder::on_minute(core::Instant minute_end) {
    timer_.reset();
    for (std::size_t i = 0; i < bindings_.size() && i < result_.services.size(); ++i)
        record_row(bindings_[i], series_[i], result_.services[i], minute_end);
    consume_change_log();
    const core::Instant next = minute_end + core::Duration::minutes(1);
    timer_ = clock_.schedule_at(next, [this, next] { on_minute(next); });
}

TimelineRecorder::TaskCounts TimelineRecorder::count_tasks(const ServiceBinding& binding) const {
    using core::ecs::TaskStatus;
    TaskCounts counts;
    const core::ecs::EcsRegion* region = find_region(sources_.ecs, binding);
    if (region == nullptr) return counts;
    for (const core::ecs::Task* task :
         core::ecs::tasks_launched_for(region->state, binding.cluster_name, binding.service_name)) {
        const TaskStatus status = task->last_status;
        const bool pending = status == TaskStatus::Provisioning || status == TaskStatus::Pending ||
                             status == TaskStatus::Activating;
        if (status != TaskStatus::Running && !pending) continue;
        ++(pending ? counts.pending : counts.running);
    }
    return counts;
}

void TimelineRecorder::record_row(ServiceBinding& binding, ServiceSeries& series, ServiceTimeline& timeline,
                                  core::Instant minute_end) {
    TimelineRow row;
    row.minute = minute_end - core::Duration::minutes(1);
    const MinuteCounters& m = binding.minute;
    row.rps = m.steps > 0 ? m.rps_sum / m.steps : 0;
    row.requests = static_cast<std::uint64_t>(std::llround(m.requests));
    row.failed = static_cast<std::uint64_t>(std::llround(m.failed));
    row.slow = static_cast<std::uint64_t>(std::llround(m.slow));
    row.mean_latency_ms = m.served > 0 ? m.latency_ms_sum / m.served : 0;
    row.task_seconds = m.task_seconds;
    binding.minute = MinuteCounters{};

    if (const auto* cw = sources_.cloudwatch.find_region(binding.account_id, binding.region)) {
        row.cpu_percent =
            average(cw->metrics, {"AWS/ECS", "CPUUtilization", series.dimensions}, series.cpu, row.minute);
        row.memory_percent = average(cw->metrics, {"AWS/ECS", "MemoryUtilization", series.dimensions},
                                     series.memory, row.minute);
    }
    const core::ecs::Service* service = find_service(sources_.ecs, binding);
    if (service != nullptr) {
        row.desired = service->desired_count;
        const TaskCounts counts = count_tasks(binding);
        row.running = counts.running;
        row.pending = counts.pending;
        row.healthy = row.running;
        if (!service->load_balancers.empty() && !service->load_balancers.front().target_group_arn.empty()) {
            row.healthy = 0;
            if (const auto* elb = sources_.elbv2.find_region(binding.account_id, binding.region)) {
                auto group = elb->state.target_groups.find(service->load_balancers.front().target_group_arn);
                if (group != elb->state.target_groups.end()) {
                    for (const auto& target : group->second.targets)
                        row.healthy += target.health.state == core::elbv2::TargetState::Healthy;
                }
            }
        }
    }
    timeline.rows.push_back(row);
}

std::string TimelineRecorder::label_of(const std::string& key) const {
    auto found = label_by_service_.find(key);
    return found == label_by_service_.end() ? key : found->second;
}

std::string TimelineRecorder::stopped_reason(const std::string& task_id) const {
    for (const auto& [key, region] : sources_.ecs.regions()) {
        if (const core::ecs::Task* task = core::ecs::find_task_in_any_cluster(region.state, task_id))
            return task->stopped_reason;
    }
    return {};
}

void TimelineRecorder::consume_change_log() {
    using core::engine::ChangeKind;
    for (const auto& entry : sources_.change_log.entries()) {
        // The kind and detail first: most entries (a task's steps before RUNNING, plans' actions) are not
        // events of the run, and their fields are not copied.
        SimEvent event;
        switch (entry.kind) {
            case ChangeKind::TaskStatusChange:
                if (entry.detail.ends_with("-> RUNNING")) {
                    event.kind = "task-started";
                    event.detail = entry.detail;
                } else if (entry.detail.ends_with("-> STOPPED")) {
                    event.kind = "task-stopped";
                    event.detail = stopped_reason(entry.task_id);
                    if (event.detail.empty()) event.detail = entry.detail;
                } else {
                    continue;
                }
                break;
            case ChangeKind::DeploymentStateChange:
            case ChangeKind::DeploymentStatusChange:
            case ChangeKind::CreateRollbackDeployment:
                event.kind = "deployment";
                event.detail = std::string(core::engine::to_string(entry.kind)) + ": " + entry.detail;
                break;
            default:
                continue;
        }
        event.time = entry.time;
        event.service = label_of(entry.service);
        event.task_id = entry.task_id;
        event.cause = entry.cause;
        add_event(std::move(event));
    }
    sources_.change_log.clear();
}

void TimelineRecorder::on_capacity_change(const core::autoscaling::CapacityChange& change,
                                          core::Instant now) {
    SimEvent event;
    event.time = now;
    event.kind = change.to > change.from ? "scale-out" : "scale-in";
    event.service = label_of(change.resource_id);
    event.from = change.from;
    event.to = change.to;
    event.cause = change.cause;
    event.detail = "desired count " + std::to_string(change.from) + " -> " + std::to_string(change.to);
    add_event(std::move(event));
}

void TimelineRecorder::add_event(SimEvent event) {
    result_.events.push_back(std::move(event));
}

void TimelineRecorder::flush() {
    consume_change_log();
}

}  // namespace ecsemu::sim
