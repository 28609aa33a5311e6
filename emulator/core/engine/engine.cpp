#include "emulator/core/engine/engine.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "emulator/core/ecs/services.hpp"
#include "emulator/core/ecs/task_definitions.hpp"
#include "emulator/core/ecs/tasks.hpp"
#include "emulator/core/engine/ecs_scalable_resources.hpp"
#include "emulator/core/engine/plan_applier.hpp"
#include "emulator/core/engine/restart_recovery.hpp"
#include "emulator/core/engine/task_lifecycle.hpp"
#include "emulator/core/scheduler/plan_service.hpp"

namespace ecsemu::core::engine {

namespace {

// A pass that had to stop early, or a deadline the lifecycle reports as already due, is retried after this
// rather than at once, so a defect shows up as a slow loop in the change log instead of a hung control
// thread.
constexpr Duration kRetryAfterDefect = Duration::milliseconds(1);

std::string label_of(const ecs::EcsState& state, const ecs::Task& task) {
    const ecs::Service* owner = owner_service(state, task);
    return owner == nullptr ? std::string() : owner->cluster_name + "/" + owner->name;
}

}  // namespace

Engine::Engine(ecs::EcsWorld& world, const Ec2Directory& ec2, Clock& clock, TaskRuntime& runtime,
               EngineKnobs knobs)
    : world_(world),
      ec2_(ec2),
      clock_(clock),
      runtime_(runtime),
      knobs_(std::move(knobs)),
      ids_(knobs_.id_seed),
      log_(knobs_.change_log_capacity, knobs_.change_log_digest ? LogDigest::Kept : LogDigest::None) {}

Engine::~Engine() {
    if (timer_) clock_.cancel(*timer_);
}

// ----------------------------------------------------------------------------------------------- inputs

void Engine::on_api_mutation(const std::string& account_id, const std::string& region) {
    const ecs::EcsRegion* found = world_.find_region(account_id, region);
    if (found == nullptr) return;
    const std::string region_key = ecs::EcsWorld::region_key(account_id, region);
    for (auto& key : live_service_keys(region_key, found->state)) dirty_.insert(std::move(key));
    // The call may have launched (RunTask) or stopped (StopTask) any task of the region.
    attend_all_tasks(region_key, found->state);
    request_pass_at(clock_.now());
}

void Engine::on_capacity_change(const std::string& account_id, const std::string& region,
                                const std::string& resource_id) {
    const auto names = autoscaling::parse_ecs_service_resource_id(resource_id);
    ecs::EcsRegion* found = world_.find_region(account_id, region);
    const ecs::Service* service =
        names && found != nullptr ? ecs::find_service(found->state, names->first, names->second) : nullptr;
    if (service == nullptr) {
        on_api_mutation(account_id, region);
        return;
    }
    // A desiredCount change touches no task; the plan that follows does (reconcile_service attends to them).
    dirty_.insert(key_of(ecs::EcsWorld::region_key(account_id, region), *service));
    request_pass_at(clock_.now());
}

void Engine::reconcile_all() {
    for (auto& key : live_service_keys(world_)) dirty_.insert(std::move(key));
    for (const auto& [region_key, region] : world_.regions()) attend_all_tasks(region_key, region.state);
    request_pass_at(clock_.now());
}

void Engine::recover_after_restart() {
    const Instant now = clock_.now();
    for (auto& [region_key, region] : world_.regions()) {
        for (const auto& task_id : stop_tasks_left_by_previous_run(region.state, now)) {
            const TaskLocation location = find_task(world_, task_id);
            const std::string label = location.task ? label_of(region.state, *location.task) : std::string();
            log_.append(
                {now, label, ChangeKind::TaskStoppedByRestart, "Restart", task_id, kStoppedByRestartReason});
        }
    }
    reconcile_all();
}

void Engine::on_world_reset() {
    if (timer_) clock_.cancel(*timer_);
    timer_.reset();
    timer_at_.reset();
    observations_.clear();
    dirty_.clear();
    unsettled_.clear();
    wakeup_order_.clear();
    wakeups_.clear();
    runtime_commands_.clear();
    attention_.clear();
    deadlines_.clear();
    deadline_of_.clear();
    addresses_in_use_.clear();
    address_of_task_.clear();
    stopped_.clear();
    // Stopped in id order, whatever the set's hashing.
    std::vector<std::string> running(runtime_tasks_.begin(), runtime_tasks_.end());
    runtime_tasks_.clear();
    std::sort(running.begin(), running.end());
    for (const auto& task_id : running) runtime_.stop(task_id);
}

void Engine::on_container_running(const std::string& task_id, const std::string& container) {
    observe(ContainerRunning{task_id, container});
}

void Engine::on_container_exited(const std::string& task_id, const std::string& container, int exit_code,
                                 const std::string& reason) {
    observe(ContainerExited{task_id, container, exit_code, reason});
}

void Engine::on_container_health(const std::string& task_id, const std::string& container,
                                 ContainerHealth health) {
    observe(ContainerHealthChanged{task_id, container, health});
}

std::size_t Engine::TaskKeyHash::operator()(const TaskKey& key) const {
    const std::hash<std::string> hash;
    return (hash(key.region_key) * 31 + hash(key.cluster_name)) * 31 + hash(key.task_id);
}

void Engine::observe(Observation observation) {
    observations_.push_back(std::move(observation));
    request_pass_at(clock_.now());
}

// ------------------------------------------------------------------------------------------------- pass

void Engine::request_pass_at(Instant at) {
    if (timer_ && timer_at_ && *timer_at_ <= at) return;
    if (timer_) clock_.cancel(*timer_);
    timer_at_ = at;
    timer_ = clock_.schedule_at(at, [this] { run_pass(); });
}

void Engine::run_pass() {
    timer_.reset();
    timer_at_.reset();
    const Instant now = clock_.now();
    ++passes_;
    record_observations(now);
    while (!wakeup_order_.empty() && wakeup_order_.begin()->first <= now) {
        const ServiceKey key = *wakeup_order_.begin()->second;
        dirty_.insert(key);
        clear_wakeup(key);
    }
    bool settled = false;
    for (int round = 0; round < knobs_.rounds_per_pass_max && !settled; ++round) {
        const bool tasks_moved = advance_tasks(now);
        const bool services_changed = reconcile_dirty_services(now);
        settled = !tasks_moved && !services_changed && dirty_.empty();
    }
    if (!settled) {
        log_.append({now, "", ChangeKind::PassLimitReached, "RoundsPerPass", "",
                     std::to_string(knobs_.rounds_per_pass_max) + " rounds"});
        request_pass_at(now + kRetryAfterDefect);
    }
    forget_old_stopped_tasks(now);
    issue_runtime_commands();
    schedule_next_pass(now);
}

void Engine::record_observations(Instant now) {
    std::vector<Observation> pending = std::move(observations_);
    observations_.clear();
    for (const auto& observation : pending) {
        const TaskLocation location = find_task(world_, task_id_of(observation));
        if (location.task == nullptr) continue;  // a task the world no longer has (reset) or never had
        ecs::EcsState& state = location.region->state;
        const PlannedTaskFacts before = planned_facts_of(*location.task);
        if (!record_observation(state, *location.task, observation, ids_)) continue;
        attend(location.region_key, *location.task);
        log_.append({now, label_of(state, *location.task), ChangeKind::ContainerReport, "Runtime",
                     location.task->id, describe(observation)});
        mark_dirty_after_change(state, location.region_key, *location.task,
                                planned_facts_of(*location.task) != before);
    }
}

bool Engine::advance_tasks(Instant now) {
    while (!deadlines_.empty() && deadlines_.begin()->first <= now) {
        const auto due = deadline_of_.find(*deadlines_.begin()->second);
        attention_.insert(due->first);
        deadlines_.erase(deadlines_.begin());
        deadline_of_.erase(due);
    }
    const std::set<TaskKey> keys = std::move(attention_);
    attention_.clear();
    bool moved = false;
    for (const auto& key : keys) {
        const auto region = world_.regions().find(key.region_key);
        ecs::Task* task = region == world_.regions().end()
                              ? nullptr
                              : ecs::find_task_by_id(region->second.state, key.cluster_name, key.task_id);
        if (task == nullptr || !task->is_live()) {
            // Gone (forgotten, reset) or stopped without the engine (restart recovery).
            untrack_deadline(key);
            release_local_address(key.task_id);
            if (task != nullptr && task->stopped_at) stopped_.emplace(*task->stopped_at, key);
            continue;
        }
        const TaskAdvance advance = advance_task(key, region->second, *task, now);
        if (!advance.moved) continue;
        moved = true;
        mark_dirty_after_change(region->second.state, key.region_key, *task, advance.plan_inputs_changed);
    }
    return moved;
}

Engine::TaskAdvance Engine::advance_task(const TaskKey& key, ecs::EcsRegion& region, ecs::Task& task,
                                         Instant now) {
    const PlannedTaskFacts before = planned_facts_of(task);
    bool load_balancing_changed = false;  // targets or Service Connect endpoints the service's view reads
    ecs::Service* owner = owner_service(region.state, task);
    const LifecycleContext context{knobs_.lifecycle, owner != nullptr && !owner->load_balancers.empty()};
    const std::string label = owner == nullptr ? std::string() : owner->cluster_name + "/" + owner->name;
    bool moved = false;
    // A task passes through at most every status once per pass.
    for (int steps = 0; steps < 8; ++steps) {
        const auto step = next_lifecycle_step(task, context, now);
        if (!step) break;
        const std::string cause = to_string(step->cause);
        if (step->stop && task.desired_status != ecs::DesiredStatus::Stopped) {
            log_.append(
                {now, label, ChangeKind::TaskStopDecided, cause, task.id,
                 std::string(ecs::to_string(step->stop->stop_code)) + " " + step->stop->stopped_reason});
        }
        const ecs::TaskStatus from = task.last_status;
        const RuntimeRequest request = apply_lifecycle_step(task, *step, now);
        // ECS registers a task's targets while it is ACTIVATING and deregisters them as it starts
        // DEACTIVATING, which then lasts the target groups' deregistration delay.
        if (task.last_status == ecs::TaskStatus::Activating && owner != nullptr) {
            register_targets(region, *owner, task, now);
            load_balancing_changed =
                load_balancing_changed || (knobs_.registrations_reconcile_only_when_they_can_change_plans
                                               ? registration_can_change_plan(*owner)
                                               : !owner->load_balancers.empty());
        }
        if (task.last_status == ecs::TaskStatus::Deactivating) {
            load_balancing_changed = load_balancing_changed || !task.load_balancer_targets.empty();
            deregister_targets(region, owner, task, now);
            deregister_from_service_connect(region, task, now);
        }
        // Service Connect sends a task traffic once it is RUNNING (reference §5.3) and stops at DEACTIVATING.
        if (task.last_status == ecs::TaskStatus::Running && owner != nullptr) {
            register_in_service_connect(region, *owner, task, now);
            load_balancing_changed = true;
        }
        log_.append(
            {now, label, ChangeKind::TaskStatusChange, cause, task.id,
             std::string(ecs::to_string(from)) + " -> " + std::string(ecs::to_string(task.last_status))});
        if (request == RuntimeRequest::Start) start_in_runtime(region, task);
        if (request == RuntimeRequest::Stop && runtime_tasks_.count(task.id) != 0) {
            runtime_commands_.push_back(RuntimeCommand{false, {}, task.id});
        }
        if (task.last_status == ecs::TaskStatus::Stopped) {
            runtime_tasks_.erase(task.id);
            release_local_address(task.id);
            stopped_.emplace(task.stopped_at.value_or(now), key);
        }
        moved = true;
    }
    track_deadline(key, task, context);
    const PlannedTaskFacts after = planned_facts_of(task);
    // A start its service's plan reads only through the task's health deadline moves the service's wakeup
    // instead (plan_relevance.hpp); what it registered in Service Connect is nothing a service view reads.
    if (moved && owner != nullptr && knobs_.health_wakeups_instead_of_plans) {
        if (const auto wake_at =
                health_wakeup_instead_of_plan(region.state, before, after, *owner, task,
                                              knobs_.scheduler.healthy_after_running_without_checks, now)) {
            wake_no_later_than(key_of(key.region_key, *owner), *wake_at);
            return TaskAdvance{moved, false};
        }
    }
    const bool plan_inputs_changed =
        load_balancing_changed ||
        plan_can_change(before, after, owner, knobs_.scheduler.leaving_tasks_count_against_maximum);
    return TaskAdvance{moved, moved && plan_inputs_changed};
}

void Engine::attend(const std::string& region_key, const ecs::Task& task) {
    attention_.insert(TaskKey{region_key, task.cluster_name, task.id});
}

void Engine::attend_all_tasks(const std::string& region_key, const ecs::EcsState& state) {
    for (const auto& [cluster, tasks] : state.tasks) {
        for (const auto& [id, task] : tasks) {
            TaskKey key{region_key, cluster, id};
            // A stop settled without the engine (restart recovery) leaves a STOPPED task to forget in time.
            if (!task.is_live() && task.stopped_at) stopped_.emplace(*task.stopped_at, key);
            if (task.is_live() || deadline_of_.count(key) != 0) attention_.insert(std::move(key));
        }
    }
}

void Engine::track_deadline(const TaskKey& key, const ecs::Task& task, const LifecycleContext& context) {
    const auto deadline = task.is_live() ? lifecycle_deadline(task, context) : std::nullopt;
    if (!deadline) {
        untrack_deadline(key);
        return;
    }
    // A task already tracked keeps its entry (and its key): only the deadline moves.
    auto it = deadline_of_.find(key);
    if (it != deadline_of_.end()) {
        if (it->second == *deadline) return;
        deadlines_.erase({it->second, &it->first});
        it->second = *deadline;
    } else {
        it = deadline_of_.emplace(key, *deadline).first;
    }
    deadlines_.emplace(*deadline, &it->first);
}

void Engine::set_wakeup(const ServiceKey& key, Instant at) {
    auto it = wakeups_.find(key);
    if (it != wakeups_.end() && it->second == at) return;  // most reconciles keep the wakeup they had
    if (it != wakeups_.end()) {
        wakeup_order_.erase({it->second, &it->first});
        it->second = at;
    } else {
        it = wakeups_.emplace(key, at).first;
    }
    wakeup_order_.emplace(at, &it->first);
}

void Engine::wake_no_later_than(const ServiceKey& key, Instant at) {
    const auto it = wakeups_.find(key);
    if (it != wakeups_.end() && it->second <= at) return;
    set_wakeup(key, at);
}

void Engine::clear_wakeup(const ServiceKey& key) {
    const auto it = wakeups_.find(key);
    if (it == wakeups_.end()) return;
    wakeup_order_.erase({it->second, &it->first});
    wakeups_.erase(it);
}

void Engine::untrack_deadline(const TaskKey& key) {
    const auto it = deadline_of_.find(key);
    if (it == deadline_of_.end()) return;
    deadlines_.erase({it->second, &it->first});
    deadline_of_.erase(it);
}

void Engine::release_local_address(const std::string& task_id) {
    const auto it = address_of_task_.find(task_id);
    if (it == address_of_task_.end()) return;
    addresses_in_use_.erase(it->second);
    address_of_task_.erase(it);
}

void Engine::start_in_runtime(ecs::EcsRegion& region, ecs::Task& task) {
    const ecs::TaskDefinition* td = ecs::find_task_definition(region.state, task.task_definition_arn);
    if (td == nullptr) return;  // it stays PENDING and fails to start after start_timeout
    release_local_address(task.id);
    task.local_address =
        task.eni ? addresses_.allocate_for_eni(region.state.scope.account_id + "/" +
                                                   region.state.scope.region + "/" + task.eni->subnet_id,
                                               task.eni->private_ipv4_address, addresses_in_use_)
                 : addresses_.allocate(addresses_in_use_);
    addresses_in_use_.insert(task.local_address);
    address_of_task_[task.id] = task.local_address;
    TaskLaunch launch = make_runtime_launch(region.state, task, *td, knobs_.api_base_url);
    if (launch_environment_) {
        const auto extra = launch_environment_(region.state, task);
        for (auto& container : launch.containers)
            container.environment.insert(container.environment.end(), extra.begin(), extra.end());
    }
    launch.launch_number = ++launches_;
    task.runtime_launch = launch.launch_number;
    runtime_commands_.push_back(RuntimeCommand{true, std::move(launch), task.id});
    runtime_tasks_.insert(task.id);
}

bool Engine::reconcile_dirty_services(Instant now) {
    if (dirty_.empty()) return false;
    const std::set<ServiceKey> keys = std::move(dirty_);
    dirty_.clear();
    bool changed = false;
    for (const auto& key : keys) changed = reconcile_service(key, now) || changed;
    return changed;
}

bool Engine::reconcile_service(const ServiceKey& key, Instant now) {
    ecs::Service* service = find_service(world_, key);
    if (service == nullptr || service->status == ecs::ServiceStatus::Inactive) {
        clear_wakeup(key);
        unsettled_.erase(key);
        return false;
    }
    ++reconciles_;
    ecs::EcsRegion& region = world_.regions().at(key.region_key);
    const TargetHealthInput target_health = target_health_for(key);
    std::optional<Instant> wakeup;
    bool changed = false;
    // (cluster name, task id) of the tasks the plans launched or told to stop.
    std::vector<std::pair<std::string, std::string>> touched;
    bool plan_left_over = false;
    for (int applied_plans = 0;; ++applied_plans) {
        build_service_view(region.state, ec2_, *service, target_health, view_);
        const scheduler::ServiceView& view = view_;
        const scheduler::ServicePlan plan = scheduler::plan_service(view, now, knobs_.scheduler);
        wakeup = plan.next_wakeup;
        if (plan.empty()) break;
        plan_left_over = true;
        if (applied_plans == knobs_.plans_per_service_per_pass_max) {
            log_.append({now, key.label(), ChangeKind::PassLimitReached, "PlansPerService", "",
                         std::to_string(applied_plans) + " plans"});
            wakeup = now + kRetryAfterDefect;
            break;
        }
        ApplyContext context{region.state, ec2_, ids_, log_, now, key.label()};
        const AppliedPlan applied = apply_service_plan(context, *service, plan);
        touched.insert(touched.end(), applied.touched_tasks.begin(), applied.touched_tasks.end());
        changed = true;
        plan_left_over = applied.launch_failures > 0;
        if (applied.launch_failures > 0) {
            wakeup = now + knobs_.launch_retry_delay;
            break;
        }
    }
    // Left with a plan to apply (launches failed, or too many plans): any move of its tasks reconciles it
    // again, as a move that changes nothing the plan reads would not (mark_dirty_after_change).
    if (plan_left_over) {
        unsettled_.insert(key);
    } else if (!unsettled_.empty()) {
        unsettled_.erase(key);
    }
    // The plans launched and told tasks to stop: those move in the next advance (no other task's lifecycle
    // reads what a plan changes).
    for (auto& [cluster_name, task_id] : touched)
        attention_.insert(TaskKey{key.region_key, std::move(cluster_name), std::move(task_id)});
    sync_deployment_desired_counts(region.state, *service, now);
    if (wakeup) {
        set_wakeup(key, *wakeup);
    } else {
        clear_wakeup(key);
    }
    finish_draining(region.state, *service, key, now);
    return changed;
}

void Engine::finish_draining(ecs::EcsState& state, ecs::Service& service, const ServiceKey& key,
                             Instant now) {
    if (service.status != ecs::ServiceStatus::Draining || !ecs::finish_draining(state, service)) return;
    clear_wakeup(key);
    log_.append({now, key.label(), ChangeKind::ServiceInactive, "Drained", "", "DRAINING -> INACTIVE"});
}

void Engine::issue_runtime_commands() {
    const std::vector<RuntimeCommand> commands = std::move(runtime_commands_);
    runtime_commands_.clear();
    for (const auto& command : commands) {
        if (command.start) {
            runtime_.start(command.launch);
        } else {
            runtime_.stop(command.task_id);
        }
    }
}

void Engine::forget_old_stopped_tasks(Instant now) {
    const Instant cutoff = now - knobs_.stopped_task_retention;
    std::size_t forgotten = 0;
    while (!stopped_.empty() && stopped_.begin()->first < cutoff) {
        const TaskKey key = stopped_.begin()->second;
        stopped_.erase(stopped_.begin());
        const auto region = world_.regions().find(key.region_key);
        if (region != world_.regions().end() &&
            ecs::forget_stopped_task(region->second.state, key.cluster_name, key.task_id, cutoff))
            ++forgotten;
    }
    if (forgotten == 0) return;
    log_.append(
        {now, "", ChangeKind::StoppedTasksForgotten, "Retention", "", std::to_string(forgotten) + " tasks"});
}

void Engine::schedule_next_pass(Instant now) {
    std::optional<Instant> next;
    if (!deadlines_.empty()) next = deadlines_.begin()->first;
    if (!wakeup_order_.empty() && (!next || wakeup_order_.begin()->first < *next))
        next = wakeup_order_.begin()->first;
    const bool work_waiting = !observations_.empty() || !dirty_.empty() || !attention_.empty();
    if (work_waiting) next = now;
    if (!next) return;
    if (*next <= now && !work_waiting) next = now + kRetryAfterDefect;
    request_pass_at(*next);
}

void Engine::mark_dirty(const ecs::EcsState& state, const std::string& region_key, const ecs::Task& task) {
    if (const ecs::Service* owner = owner_service(state, task)) dirty_.insert(key_of(region_key, *owner));
}

void Engine::mark_dirty_after_change(const ecs::EcsState& state, const std::string& region_key,
                                     const ecs::Task& task, bool plan_inputs_changed) {
    if (plan_inputs_changed) {
        mark_dirty(state, region_key, task);
        return;
    }
    if (unsettled_.empty()) return;
    const ecs::Service* owner = owner_service(state, task);
    if (owner == nullptr) return;
    ServiceKey key = key_of(region_key, *owner);
    if (unsettled_.count(key) != 0) dirty_.insert(std::move(key));
}

// --------------------------------------------------------------------------------- load balancers

void Engine::attach_load_balancers(LoadBalancerTargets& targets) {
    load_balancers_ = &targets;
}

void Engine::on_target_health_changed(const std::string& account_id, const std::string& region) {
    mark_load_balanced_services(account_id, region, nullptr);
}

void Engine::on_target_group_health_changed(const std::string& account_id, const std::string& region,
                                            const std::string& target_group_arn) {
    mark_load_balanced_services(account_id, region, &target_group_arn);
}

void Engine::mark_load_balanced_services(const std::string& account_id, const std::string& region,
                                         const std::string* target_group_arn) {
    const auto region_key = ecs::EcsWorld::region_key(account_id, region);
    const auto it = world_.regions().find(region_key);
    if (it == world_.regions().end()) return;
    const auto fronts = [&](const ecs::Service& service) {
        return std::any_of(service.load_balancers.begin(), service.load_balancers.end(), [&](const auto& lb) {
            return target_group_arn == nullptr || lb.target_group_arn == *target_group_arn;
        });
    };
    bool marked = false;
    for (const auto& [cluster, services] : it->second.state.services) {
        for (const auto& [name, service] : services) {
            if (service.status == ecs::ServiceStatus::Inactive || !fronts(service)) continue;
            dirty_.insert(key_of(region_key, service));
            marked = true;
        }
    }
    if (marked) request_pass_at(clock_.now());
}

void Engine::register_targets(ecs::EcsRegion& region, ecs::Service& owner, ecs::Task& task, Instant now) {
    if (load_balancers_ == nullptr || !task.eni || !task.load_balancer_targets.empty()) return;
    const auto& scope = region.state.scope;
    for (const auto& lb : owner.load_balancers) {
        if (lb.target_group_arn.empty() || !lb.container_port) continue;
        const TargetRef target{lb.target_group_arn, task.eni->private_ipv4_address, *lb.container_port};
        if (!load_balancers_->register_target(scope.account_id, scope.region, target, now)) continue;
        task.load_balancer_targets.push_back(target);
        log_.append({now, owner.cluster_name + "/" + owner.name, ChangeKind::TargetRegistered, "Activating",
                     task.id, target.target_group_arn + " " + target.ip + ":" + std::to_string(target.port)});
        owner.add_event(ecs::ServiceEvent{ids_.uuid(), now,
                                          "(service " + owner.name +
                                              ") registered 1 targets in (target-group " +
                                              target.target_group_arn + ")"});
    }
}

void Engine::deregister_targets(ecs::EcsRegion& region, ecs::Service* owner, ecs::Task& task, Instant now) {
    if (load_balancers_ == nullptr || task.load_balancer_drain) return;
    const auto& scope = region.state.scope;
    Duration drain{0};
    if (owner != nullptr && !task.load_balancer_targets.empty()) {
        owner->add_event(ecs::ServiceEvent{
            ids_.uuid(), now, "(service " + owner->name + ") has begun draining connections on 1 tasks."});
    }
    for (const auto& target : task.load_balancer_targets) {
        const auto delay = load_balancers_->deregister_target(scope.account_id, scope.region, target, now);
        if (!delay) continue;
        drain = std::max(drain, *delay);
        log_.append({now, owner == nullptr ? std::string() : owner->cluster_name + "/" + owner->name,
                     ChangeKind::TargetDeregistered, "Deactivating", task.id,
                     target.target_group_arn + " " + target.ip + ":" + std::to_string(target.port)});
        if (owner != nullptr) {
            owner->add_event(ecs::ServiceEvent{ids_.uuid(), now,
                                               "(service " + owner->name +
                                                   ") deregistered 1 targets in (target-group " +
                                                   target.target_group_arn + ")"});
        }
    }
    task.load_balancer_drain = drain;
}

// ----------------------------------------------------------------------------------- service connect

void Engine::register_in_service_connect(ecs::EcsRegion& region, const ecs::Service& owner, ecs::Task& task,
                                         Instant now) {
    ecs::ServiceDiscovery* discovery = region.state.discovery;
    if (discovery == nullptr || !task.eni || !task.discovery_registrations.empty()) return;
    const ecs::Deployment* deployment = nullptr;
    for (const auto& d : owner.deployments) {
        if (d.id == task.deployment_id) deployment = &d;
    }
    if (deployment == nullptr || !deployment->service_connect_configuration) return;
    const ecs::TaskDefinition* td = ecs::find_task_definition(region.state, task.task_definition_arn);
    if (td == nullptr) return;
    for (const auto& service : deployment->service_connect_configuration->services) {
        std::string service_arn;
        for (const auto& resource : deployment->service_connect_resources) {
            if (resource.discovery_name == service.discovery_name) service_arn = resource.discovery_arn;
        }
        const ecs::PortMapping* mapping = nullptr;
        for (const auto& container : td->container_definitions) {
            if (mapping == nullptr) mapping = container.find_port_mapping_by_name(service.port_name);
        }
        if (service_arn.empty() || mapping == nullptr || !mapping->container_port) continue;
        const auto timeout = service.timeout.value_or(ecs::ServiceConnectTimeout{});
        const std::map<std::string, std::string> attributes{
            {"AWS_INSTANCE_IPV4", task.eni->private_ipv4_address},
            {"AWS_INSTANCE_PORT", std::to_string(*mapping->container_port)},
            {"AvailabilityZone", task.availability_zone},
            {"DeploymentId", deployment->id},
            {"IdleTimeoutInSeconds", std::to_string(timeout.idle_timeout_seconds.value_or(0))},
            {"PerRequestTimeoutInSeconds", std::to_string(timeout.per_request_timeout_seconds.value_or(0))},
            {"ECS_CLUSTER_NAME", owner.cluster_name},
            {"ECS_SERVICE_NAME", owner.name},
        };
        discovery->register_instance(region.state.scope, service_arn, task.id, attributes, now);
        task.discovery_registrations.push_back(service_arn);
    }
}

void Engine::deregister_from_service_connect(ecs::EcsRegion& region, ecs::Task& task, Instant now) {
    ecs::ServiceDiscovery* discovery = region.state.discovery;
    if (discovery == nullptr) return;
    if (task.discovery_registrations.empty()) return;
    for (const auto& service_arn : task.discovery_registrations)
        discovery->deregister_instance(region.state.scope, service_arn, task.id, now);
    task.discovery_registrations.clear();
    task.load_balancer_drain =
        std::max(task.load_balancer_drain.value_or(Duration{0}), knobs_.lifecycle.service_connect_drain);
}

TargetHealthInput Engine::target_health_for(const ServiceKey& key) const {
    TargetHealthInput input;
    if (load_balancers_ == nullptr) return input;
    input.connected = true;
    const ecs::Service* service = find_service(world_, key);
    const auto region = world_.regions().find(key.region_key);
    if (service == nullptr || region == world_.regions().end()) return input;
    const auto& scope = region->second.state.scope;
    std::map<std::string, GroupTargetHealth> groups;  // by target group ARN, asked as first needed
    std::vector<const ecs::Task*> storage;
    for (const ecs::Task* task : tasks_of_service(region->second.state, *service, storage)) {
        if (!task->is_live() || task->load_balancer_targets.empty()) continue;
        // Healthy only if healthy in every group, unhealthy if unhealthy in any, else the first group's
        // state.
        std::optional<scheduler::TargetHealth> combined;
        bool all_healthy = true;
        bool any_unhealthy = false;
        for (const auto& target : task->load_balancer_targets) {
            auto group = groups.find(target.target_group_arn);
            if (group == groups.end()) {
                group = groups
                            .emplace(target.target_group_arn,
                                     load_balancers_->group_target_health(scope.account_id, scope.region,
                                                                          target.target_group_arn))
                            .first;
            }
            const scheduler::TargetHealth health = health_of(group->second, target.ip, target.port);
            if (!combined) combined = health;
            all_healthy = all_healthy && health == scheduler::TargetHealth::Healthy;
            any_unhealthy = any_unhealthy || health == scheduler::TargetHealth::Unhealthy;
        }
        // In id order, as tasks_of_service gives them.
        input.by_task_id.emplace_back(task->id, all_healthy     ? scheduler::TargetHealth::Healthy
                                                : any_unhealthy ? scheduler::TargetHealth::Unhealthy
                                                                : *combined);
    }
    return input;
}

}  // namespace ecsemu::core::engine
