#include "sim/model/modelled_tasks.hpp"

#include <algorithm>

namespace ecsemu::sim {

namespace {

// A crashing revision's containers run this long before they exit (uniform between the two).
constexpr double kCrashAfterMinSeconds = 5;
constexpr double kCrashAfterMaxSeconds = 20;
// A task placed in a failed availability zone gives up after this.
constexpr core::Duration kZoneFailureDelay = core::Duration::seconds(5);
// Idle tasks still use a little CPU, as the emulator's stubs do (ECSEMU_STUB_IDLE_CPU_PERCENT).
constexpr double kIdleCpuFraction = 0.01;

core::Duration seconds(double s) {
    return core::Duration::milliseconds(static_cast<std::int64_t>(s * 1000.0));
}

}  // namespace

ModelledTasks::ModelledTasks(core::Clock& clock, RandomSource& random, StartupSpec startup)
    : clock_(clock), random_(random), startup_(startup), last_take_(clock.now()) {}

ModelledTasks::~ModelledTasks() {
    for (auto& [id, task] : tasks_) cancel_timers(task);
}

void ModelledTasks::set_behaviour(const std::string& family, int revision, TaskBehaviour behaviour) {
    behaviours_[{family, revision}] = behaviour;
}

void ModelledTasks::set_memory_use(const std::string& family, double memory_mib) {
    memory_by_family_[family] = memory_mib;
}

double ModelledTasks::start_delay_seconds() {
    const double delay = random_.lognormal(startup_.start_median_seconds, startup_.start_p95_seconds);
    return clock_.now() < slow_until_ ? delay * slow_factor_ : delay;
}

void ModelledTasks::schedule(const std::string& task_id, core::Instant at,
                             void (ModelledTasks::*what)(const std::string&)) {
    auto found = tasks_.find(task_id);
    if (found == tasks_.end()) return;
    found->second.timers.push_back(clock_.schedule_at(at, [this, task_id, what] { (this->*what)(task_id); }));
}

void ModelledTasks::cancel_timers(ModelledTask& task) {
    for (const auto id : task.timers) clock_.cancel(id);
    task.timers.clear();
}

void ModelledTasks::start(const core::TaskLaunch& launch) {
    // One search of the map: the task is made in place, and a second start of the same id changes nothing.
    const auto [stored, inserted] = tasks_.try_emplace(launch.task_id);
    if (!inserted) return;
    ModelledTask& task = stored->second;
    task.launch = launch;
    task.cpu_units = launch.cpu_units;
    task.launch_number = launch.launch_number;
    if (auto b = behaviours_.find({launch.family, launch.revision}); b != behaviours_.end())
        task.behaviour = b->second;
    auto memory = memory_by_family_.find(launch.family);
    task.memory_mib = memory != memory_by_family_.end() ? memory->second : launch.memory_mib / 4.0;
    by_address_[launch.private_ip] = &task;
    task.live_slot = live_.size();
    live_.push_back(&task);
    if (launch.launch_number > 0) {
        if (by_launch_.size() <= launch.launch_number) by_launch_.resize(launch.launch_number + 1, nullptr);
        by_launch_[launch.launch_number] = &task;
    }

    const core::Instant now = clock_.now();
    auto zone = failed_zones_.find(launch.availability_zone);
    if (zone != failed_zones_.end() && now < zone->second) {
        schedule(launch.task_id, now + kZoneFailureDelay, &ModelledTasks::crash);
        return;
    }
    schedule(launch.task_id, now + seconds(start_delay_seconds()), &ModelledTasks::containers_running);
}

void ModelledTasks::containers_running(const std::string& task_id) {
    auto found = tasks_.find(task_id);
    if (found == tasks_.end() || found->second.stopping) return;
    ModelledTask& task = found->second;
    task.running = true;
    task.running_since = clock_.now();
    if (answers_changed_) answers_changed_(task.launch.private_ip);
    std::optional<core::Duration> first_health_check;
    for (const auto& container : task.launch.containers) {
        if (observer_ != nullptr) observer_->on_container_running(task_id, container.name);
        if (container.health_check) {
            const core::Duration after =
                std::max(container.health_check->interval, container.health_check->start_period);
            if (!first_health_check || after < *first_health_check) first_health_check = after;
        }
    }
    if (first_health_check)
        schedule(task_id, clock_.now() + *first_health_check, &ModelledTasks::containers_healthy);
    if (task.behaviour == TaskBehaviour::CrashesOnStart) {
        schedule(task_id,
                 clock_.now() + seconds(random_.uniform(kCrashAfterMinSeconds, kCrashAfterMaxSeconds)),
                 &ModelledTasks::crash);
    }
}

void ModelledTasks::containers_healthy(const std::string& task_id) {
    auto found = tasks_.find(task_id);
    if (found == tasks_.end() || !found->second.running || observer_ == nullptr) return;
    const ModelledTask& task = found->second;
    const auto health = task.behaviour == TaskBehaviour::FailsHealthChecks ? core::ContainerHealth::Unhealthy
                                                                           : core::ContainerHealth::Healthy;
    for (const auto& container : task.launch.containers) {
        if (container.health_check) observer_->on_container_health(task_id, container.name, health);
    }
}

void ModelledTasks::stop(const std::string& task_id) {
    auto found = tasks_.find(task_id);
    if (found == tasks_.end() || found->second.stopping) return;
    ModelledTask& task = found->second;
    task.stopping = true;
    cancel_timers(task);
    // A task that never came up has nothing to shut down; one that runs takes a while to handle SIGTERM.
    const double after = task.running ? random_.uniform(1.0, std::max(1.0, startup_.stop_max_seconds)) : 0.0;
    schedule(task_id, clock_.now() + seconds(after), &ModelledTasks::exit_all);
}

void ModelledTasks::exit_all(const std::string& task_id) {
    auto found = tasks_.find(task_id);
    if (found == tasks_.end()) return;
    report_exit(found->second, 0, "");
}

void ModelledTasks::crash(const std::string& task_id) {
    auto found = tasks_.find(task_id);
    if (found == tasks_.end()) return;
    const bool in_failed_zone = !found->second.running;
    report_exit(found->second, in_failed_zone ? 0 : 1,
                in_failed_zone ? "CannotStartContainerError: the availability zone is unavailable" : "");
}

void ModelledTasks::kill(const std::string& task_id) {
    auto found = tasks_.find(task_id);
    if (found == tasks_.end()) return;
    report_exit(found->second, 137, "");
}

void ModelledTasks::report_exit(ModelledTask& task, int exit_code, const std::string& reason) {
    cancel_timers(task);
    const std::string task_id = task.launch.task_id;
    const auto containers = task.launch.containers;
    const std::string address = task.launch.private_ip;
    by_address_.erase(address);
    if (task.launch.launch_number < by_launch_.size()) by_launch_[task.launch.launch_number] = nullptr;
    live_[task.live_slot] = live_.back();
    live_[task.live_slot]->live_slot = task.live_slot;
    live_.pop_back();
    tasks_.erase(task_id);
    if (answers_changed_) answers_changed_(address);
    if (observer_ == nullptr) return;
    for (const auto& container : containers)
        observer_->on_container_exited(task_id, container.name, exit_code, reason);
}

void ModelledTasks::fail_zone(const std::string& zone, core::Instant until) {
    failed_zones_[zone] = until;
    std::vector<std::string> victims;
    for (const auto& [id, task] : tasks_) {
        if (task.launch.availability_zone == zone) victims.push_back(id);
    }
    std::sort(victims.begin(), victims.end());  // in id order, not the hash table's
    for (const auto& id : victims) {
        auto found = tasks_.find(id);
        if (found != tasks_.end())
            report_exit(found->second, 137,
                        "CannotStartContainerError: the availability zone is unavailable");
    }
}

void ModelledTasks::slow_starts(double factor, core::Instant until) {
    slow_factor_ = factor;
    slow_until_ = until;
}

std::vector<core::TaskUsage> ModelledTasks::take_usage() {
    std::vector<core::TaskUsage> usage;
    take_usage_into(usage);
    return usage;
}

void ModelledTasks::take_usage_into(std::vector<core::TaskUsage>& usage) {
    const core::Instant now = clock_.now();
    const double window_ms = static_cast<double>((now - last_take_).ms);
    last_take_ = now;
    // The caller keeps the buffer: its entries are overwritten in place and only the excess is dropped, so a
    // steady fleet neither allocates nor builds and destroys ten thousand entries a minute.
    std::size_t taken = 0;
    for (ModelledTask* task : live_) {
        if (!task->running) {
            task->cpu_unit_ms = 0;
            continue;
        }
        const double busy = window_ms > 0 ? task->cpu_unit_ms / window_ms : 0;
        if (taken == usage.size()) usage.emplace_back();
        core::TaskUsage& entry = usage[taken++];
        // A numbered task is found by its number (TaskUsage), so its id is not copied.
        const std::uint64_t number = task->launch_number;
        if (number == 0) {
            entry.task_id = task->launch.task_id;
        } else {
            entry.task_id.clear();
        }
        entry.cpu_units = busy + kIdleCpuFraction * task->cpu_units;
        entry.memory_mib = task->memory_mib;
        entry.launch_number = number;
        task->cpu_unit_ms = 0;
    }
    usage.resize(taken);
}

ModelledTask* ModelledTasks::find(const std::string& task_id) {
    auto found = tasks_.find(task_id);
    return found == tasks_.end() ? nullptr : &found->second;
}

const ModelledTask* ModelledTasks::find(const std::string& task_id) const {
    auto found = tasks_.find(task_id);
    return found == tasks_.end() ? nullptr : &found->second;
}

const ModelledTask* ModelledTasks::find_by_address(const std::string& local_address) const {
    auto found = by_address_.find(local_address);
    return found == by_address_.end() ? nullptr : found->second;
}

}  // namespace ecsemu::sim
