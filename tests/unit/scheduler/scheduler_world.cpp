#include "scheduler_world.hpp"

#include <algorithm>
#include <cstdio>

#include "emulator/core/scheduler/bounds.hpp"
#include "emulator/core/scheduler/census.hpp"
#include "emulator/core/scheduler/event_text.hpp"

namespace ecsemu::core::scheduler::testing {

namespace {

bool is_starting(TaskStatus s) {
    return s == TaskStatus::Provisioning || s == TaskStatus::Pending || s == TaskStatus::Activating;
}

Tally count_tasks_of(const ServiceView& service, Instant now, const SchedulerKnobs& knobs) {
    const Census census = take_census(service, nullptr, HealthRules::for_service(service, knobs), now);
    return census.total();
}

}  // namespace

ServiceView make_service(const std::string& name, int desired, int minimum_healthy_percent,
                         int maximum_percent, const std::vector<std::string>& zone_letters) {
    ServiceView service;
    service.name = name;
    service.desired_count = desired;
    service.deployment_configuration.minimum_healthy_percent = minimum_healthy_percent;
    service.deployment_configuration.maximum_percent = maximum_percent;
    for (const auto& letter : zone_letters) service.subnets.push_back({"subnet-" + letter, "az-" + letter});
    return service;
}

DeploymentView make_deployment(const std::string& id, const std::string& task_definition,
                               DeploymentStatus status, RolloutState rollout) {
    DeploymentView deployment;
    deployment.id = id;
    deployment.status = status;
    deployment.task_definition_arn = task_definition;
    deployment.created_at = kStart - Duration::minutes(120);
    deployment.rollout_state = rollout;
    deployment.had_running_task = rollout == RolloutState::Completed;
    return deployment;
}

TaskView healthy_task(const ServiceView& service, const std::string& id, const std::string& deployment_id,
                      const std::string& zone_letter) {
    TaskView task;
    task.id = id;
    task.deployment_id = deployment_id;
    task.last_status = TaskStatus::Running;
    task.created_at = kStart - Duration::minutes(60);
    task.started_at = task.created_at + Duration::seconds(20);
    task.availability_zone = "az-" + zone_letter;
    if (service.container_health_checks) task.health_status = HealthStatus::Healthy;
    if (service.load_balanced()) task.target_health = TargetHealth::Healthy;
    return task;
}

ServiceView settled(ServiceView service) {
    service.deployments.push_back(
        make_deployment("ecs-svc/1", "td:1", DeploymentStatus::Primary, RolloutState::Completed));
    for (int i = 0; i < service.desired_count; ++i) {
        const auto& zone = service.subnets[std::size_t(i) % service.subnets.size()].availability_zone;
        service.tasks.push_back(
            healthy_task(service, "old" + std::to_string(i + 1), "ecs-svc/1", zone.substr(3)));
    }
    service.last_completed_deployment = CompletedDeploymentRef{"ecs-svc/1", "td:1"};
    service.recent_events.push_back({steady_state_message(service.name), kStart - Duration::minutes(60)});
    return service;
}

SchedulerWorld::SchedulerWorld(ServiceView service, SchedulerKnobs knobs)
    : view_(std::move(service)), knobs_(knobs) {
    // Tasks given at the start keep whatever health they were given.
    for (const auto& task : view_.tasks) {
        runtimes_[task.id] = TaskRuntime{TaskScript{}, std::nullopt, task.last_status == TaskStatus::Running};
    }
}

std::string SchedulerWorld::deploy(const std::string& task_definition) {
    for (auto& deployment : view_.deployments) {
        if (deployment.status == DeploymentStatus::Primary) deployment.status = DeploymentStatus::Active;
    }
    DeploymentView deployment;
    deployment.id = "ecs-svc/" + std::to_string(next_deployment_number_++);
    deployment.task_definition_arn = task_definition;
    deployment.created_at = now_;
    view_.deployments.insert(view_.deployments.begin(), deployment);
    return deployment.id;
}

ServicePlan SchedulerWorld::step() {
    const ServicePlan plan = plan_service(view_, now_, knobs_);
    if (!(plan_service(view_, now_, knobs_) == plan)) record_violation("two plans for one view");
    const ServiceView before = view_;
    apply(plan);
    check_invariants(before, plan);
    return plan;
}

int SchedulerWorld::reconcile() {
    for (int passes = 0; passes < 50; ++passes) {
        const ServicePlan plan = step();
        next_wakeup_ = plan.next_wakeup;
        if (plan.empty()) return passes;
    }
    record_violation("no empty plan after 50 passes");
    return 50;
}

void SchedulerWorld::run_until(Instant until) {
    reconcile();
    for (int rounds = 0; rounds < 10'000; ++rounds) {
        std::optional<Instant> next = next_transition();
        if (next_wakeup_ && (!next || *next_wakeup_ < *next)) next = next_wakeup_;
        if (!next || *next > until) break;
        now_ = *next;
        advance_tasks();
        reconcile();
    }
    now_ = until;
    advance_tasks();
    reconcile();
}

void SchedulerWorld::apply(const ServicePlan& plan) {
    std::vector<std::string> started_ids;
    for (const auto& planned : plan.actions) {
        const Action& action = planned.action;
        if (const auto* start = std::get_if<StartTask>(&action)) {
            apply_start(*start, started_ids);
        } else if (const auto* stop = std::get_if<StopTask>(&action)) {
            apply_stop(*stop);
        } else if (const auto* event = std::get_if<EmitEvent>(&action)) {
            add_event(event->message);
        } else if (const auto* started = std::get_if<EmitStartedTasksEvent>(&action)) {
            if (started->task_count != int(started_ids.size()))
                record_violation("started-event count mismatch");
            add_event(started_tasks_message(view_.name, started_ids, started->replaced_unhealthy_count));
        } else {
            apply_deployment_action(action);
        }
    }
}

void SchedulerWorld::apply_start(const StartTask& start, std::vector<std::string>& started_ids) {
    char id[8];
    std::snprintf(id, sizeof id, "t%02d", next_task_number_++);
    TaskView task;
    task.id = id;
    task.deployment_id = start.deployment_id;
    task.created_at = now_;
    task.availability_zone = start.availability_zone;
    view_.tasks.push_back(task);
    TaskScript script = scripts_[start.task_definition_arn];
    const int nth = starts_per_task_definition_[start.task_definition_arn]++;
    script.to_healthy = script.to_healthy + Duration{script.to_healthy_step.ms * nth};
    runtimes_[task.id] = TaskRuntime{script, std::nullopt, false};
    started_ids.push_back(task.id);
    record("start " + task.id + " " + start.deployment_id + " " + start.availability_zone);
}

void SchedulerWorld::apply_stop(const StopTask& stop) {
    auto it = std::find_if(view_.tasks.begin(), view_.tasks.end(),
                           [&](const TaskView& t) { return t.id == stop.task_id; });
    if (it == view_.tasks.end() || it->desired_status == DesiredStatus::Stopped) {
        record_violation("bad stop of " + stop.task_id);
        return;
    }
    it->desired_status = DesiredStatus::Stopped;
    it->stop_code = stop.stop_code;
    if (it->last_status == TaskStatus::Running) it->last_status = TaskStatus::Deactivating;
    if (it->target_health != TargetHealth::None) it->target_health = TargetHealth::Draining;
    runtimes_[it->id].stop_requested_at = now_;
    stopped_reasons_[it->id] = stop.stopped_reason;
    record("stop " + it->id);
}

void SchedulerWorld::apply_deployment_action(const Action& action) {
    auto find = [&](const std::string& id) {
        return std::find_if(view_.deployments.begin(), view_.deployments.end(),
                            [&](const DeploymentView& d) { return d.id == id; });
    };
    if (const auto* state = std::get_if<DeploymentStateChange>(&action)) {
        auto it = find(state->deployment_id);
        it->rollout_state = state->rollout_state;
        if (state->rollout_state == RolloutState::Completed) {
            view_.last_completed_deployment = CompletedDeploymentRef{it->id, it->task_definition_arn};
        }
        record("rollout " + it->id + " " + std::string(to_string(state->rollout_state)));
    } else if (const auto* status = std::get_if<DeploymentStatusChange>(&action)) {
        record("status " + status->deployment_id + " " + std::string(to_string(status->status)));
        if (status->status == DeploymentStatus::Inactive) {
            view_.deployments.erase(find(status->deployment_id));
        } else {
            find(status->deployment_id)->status = status->status;
        }
    } else if (const auto* rollback = std::get_if<CreateRollbackDeployment>(&action)) {
        const std::string id = deploy(rollback->task_definition_arn);
        record("rollback " + id + " " + rollback->task_definition_arn);
    } else if (const auto* failure = std::get_if<RecordStartFailure>(&action)) {
        for (auto& task : view_.tasks) task.start_failure_recorded |= task.id == failure->task_id;
    } else if (const auto* counters = std::get_if<SetDeploymentCounters>(&action)) {
        auto it = find(counters->deployment_id);
        it->failed_tasks = counters->failed_tasks;
        it->had_running_task = counters->had_running_task;
    } else if (const auto* backoff = std::get_if<SetLaunchBackoff>(&action)) {
        view_.launch_backoff = backoff->state;
    }
}

void SchedulerWorld::add_event(const std::string& message) {
    view_.recent_events.insert(view_.recent_events.begin(), RecentEvent{message, now_});
    record("event " + message);
}

void SchedulerWorld::advance_tasks() {
    for (auto& task : view_.tasks) advance_task(task, runtimes_[task.id]);
}

void SchedulerWorld::advance_task(TaskView& task, TaskRuntime& runtime) {
    if (task.last_status == TaskStatus::Stopped) return;
    const TaskScript& script = runtime.script;
    if (runtime.stop_requested_at) {
        if (now_ >= *runtime.stop_requested_at + script.drain) task.last_status = TaskStatus::Stopped;
        return;
    }
    if (is_starting(task.last_status)) {
        if (script.fails_after) {
            if (now_ < task.created_at + *script.fails_after) return;
            task.last_status = TaskStatus::Stopped;
            task.desired_status = DesiredStatus::Stopped;
            task.stop_code = StopCode::TaskFailedToStart;
            return;
        }
        if (now_ < task.created_at + script.to_running) return;
        task.last_status = TaskStatus::Running;
        task.started_at = task.created_at + script.to_running;
        if (view_.load_balanced()) task.target_health = TargetHealth::Initial;
    }
    if (task.last_status != TaskStatus::Running || runtime.health_settled) return;
    const bool fails = script.unhealthy_after.has_value();
    if (now_ < *task.started_at + (fails ? *script.unhealthy_after : script.to_healthy)) return;
    runtime.health_settled = true;
    if (view_.container_health_checks)
        task.health_status = fails ? HealthStatus::Unhealthy : HealthStatus::Healthy;
    if (view_.load_balanced()) task.target_health = fails ? TargetHealth::Unhealthy : TargetHealth::Healthy;
}

std::optional<Instant> SchedulerWorld::next_transition() const {
    std::optional<Instant> earliest;
    auto consider = [&](Instant at) {
        if (at > now_ && (!earliest || at < *earliest)) earliest = at;
    };
    for (const auto& task : view_.tasks) {
        if (task.last_status == TaskStatus::Stopped) continue;
        const auto found = runtimes_.find(task.id);
        if (found == runtimes_.end()) continue;
        const TaskRuntime& runtime = found->second;
        const TaskScript& script = runtime.script;
        if (runtime.stop_requested_at) {
            consider(*runtime.stop_requested_at + script.drain);
        } else if (is_starting(task.last_status)) {
            consider(task.created_at + script.fails_after.value_or(script.to_running));
        } else if (task.last_status == TaskStatus::Running && !runtime.health_settled) {
            consider(*task.started_at + script.unhealthy_after.value_or(script.to_healthy));
        }
    }
    return earliest;
}

void SchedulerWorld::check_invariants(const ServiceView& before, const ServicePlan& plan) {
    const TaskBounds bounds =
        compute_task_bounds(view_.desired_count, view_.deployment_configuration.minimum_healthy_percent,
                            view_.deployment_configuration.maximum_percent);
    const Tally was = count_tasks_of(before, now_, knobs_);
    const Tally is = count_tasks_of(view_, now_, knobs_);
    const bool started = std::any_of(plan.actions.begin(), plan.actions.end(), [](const PlannedAction& a) {
        return std::holds_alternative<StartTask>(a.action);
    });
    const int counted = is.active() + (knobs_.leaving_tasks_count_against_maximum ? is.leaving : 0);
    if (started && counted > bounds.maximum_tasks) {
        record_violation("above maximumPercent: " + std::to_string(counted) + " > " +
                         std::to_string(bounds.maximum_tasks));
    }
    if (is.healthy < std::min(was.healthy, bounds.minimum_healthy_tasks)) {
        record_violation("below the healthy floor: " + std::to_string(is.healthy) + " < " +
                         std::to_string(std::min(was.healthy, bounds.minimum_healthy_tasks)));
    }
}

void SchedulerWorld::record(const std::string& what) {
    trace_.push_back(std::to_string((now_ - kStart).ms / 1000) + "s " + what);
}

void SchedulerWorld::record_violation(const std::string& what) {
    violations_.push_back(std::to_string((now_ - kStart).ms / 1000) + "s " + what);
}

const TaskView* SchedulerWorld::task(const std::string& id) const {
    for (const auto& task : view_.tasks) {
        if (task.id == id) return &task;
    }
    return nullptr;
}

int SchedulerWorld::count_tasks(const std::string& deployment_id, TaskStatus status) const {
    return static_cast<int>(std::count_if(view_.tasks.begin(), view_.tasks.end(), [&](const TaskView& task) {
        return task.deployment_id == deployment_id && task.last_status == status;
    }));
}

std::string SchedulerWorld::stopped_reason(const std::string& task_id) const {
    const auto it = stopped_reasons_.find(task_id);
    return it == stopped_reasons_.end() ? std::string() : it->second;
}

}  // namespace ecsemu::core::scheduler::testing
