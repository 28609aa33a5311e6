// A task record lives until each of its containers has reported its exit; timers set for it are tracked
// on the container so that reporting an exit, or destroying the runtime, cancels them.
//
// A container with a healthCheck runs its command every `interval` once it is running, as Docker does:
// ["CMD-SHELL", "cmd"] through /bin/sh -c, ["CMD", argv...] directly, with the container's environment,
// working directory and log file. Exit status 0 passes; a check still running after `timeout` is killed and
// fails. core::record_health_check turns the results into HEALTHY/UNHEALTHY.
#include "emulator/runtime/process_task_runtime.hpp"

#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <system_error>
#include <utility>

#include "emulator/core/container_health_check.hpp"
#include "emulator/runtime/proc_scan.hpp"
#include "emulator/runtime/process_table.hpp"
#include "emulator/runtime/process_usage.hpp"

namespace ecsemu::runtime {

namespace {

constexpr std::string_view kCannotStart = "CannotStartContainerError: ";

struct ProcessContainer {
    std::string name;
    core::Duration stop_timeout;
    int pid = -1;             // -1: never spawned
    std::string start_error;  // set when it cannot start
    bool running_reported = false;
    bool exited = false;                        // its exit has been reported
    std::optional<core::TimerId> report_timer;  // the running (or cannot-start) report
    std::optional<core::TimerId> kill_timer;
    // healthCheck, when the task definition has one with a command to run
    std::optional<core::ContainerHealthCheckSpec> health_check;
    SpawnRequest check_request;  // argv of the check, with the container's environment and log
    core::HealthCheckCounter health_counter;
    core::Instant running_since;
    int check_pid = -1;                        // a check in flight
    std::optional<core::TimerId> check_timer;  // the next check, or the in-flight check's timeout
};

// argv of a healthCheck command, or empty for NONE and anything unrecognised.
std::vector<std::string> health_check_argv(const std::vector<std::string>& command) {
    if (command.size() >= 2 && command[0] == "CMD-SHELL") return {"/bin/sh", "-c", command[1]};
    if (command.size() >= 2 && command[0] == "CMD") return {command.begin() + 1, command.end()};
    return {};
}

struct ProcessTask {
    std::string task_id;
    std::vector<std::unique_ptr<ProcessContainer>> containers;  // in task definition order
    bool stopping = false;
};

EnvironmentList read_host_variables(const std::vector<std::string>& names) {
    EnvironmentList out;
    for (const auto& name : names) {
        if (const char* value = std::getenv(name.c_str())) out.emplace_back(name, value);
    }
    return out;
}

std::vector<std::string> as_assignments(const EnvironmentList& variables) {
    std::vector<std::string> out;
    out.reserve(variables.size());
    for (const auto& [name, value] : variables) out.push_back(name + "=" + value);
    return out;
}

}  // namespace

struct ProcessTaskRuntime::Impl {
    Impl(boost::asio::io_context& io, core::Clock& c, core::TaskRuntimeObserver& o, ProcessRuntimeConfig cfg)
        : clock(c),
          observer(o),
          config(std::move(cfg)),
          inherited(read_host_variables(config.inherited_variables)),
          usage(clock_ticks_per_second(), page_size_bytes()),
          processes(io, [this](int pid, int exit_code) { on_process_exit(pid, exit_code); }) {}

    core::Clock& clock;
    core::TaskRuntimeObserver& observer;
    ProcessRuntimeConfig config;
    EnvironmentList inherited;
    std::map<std::string, std::unique_ptr<ProcessTask>> tasks;
    std::map<int, std::pair<ProcessTask*, ProcessContainer*>> by_pid;
    std::map<int, std::pair<ProcessTask*, ProcessContainer*>> by_check_pid;
    ProcessUsageMeter usage;
    ProcessTable processes;  // last: destroyed first, killing the processes before the records go

    std::filesystem::path log_file(const std::string& task_id, const std::string& container) const {
        return std::filesystem::path(config.log_dir) / file_name_component(task_id) /
               (file_name_component(container) + ".log");
    }

    void start(const core::TaskLaunch& launch) {
        if (tasks.count(launch.task_id) != 0) return;
        auto owned = std::make_unique<ProcessTask>();
        ProcessTask& task = *owned;
        task.task_id = launch.task_id;
        tasks.emplace(launch.task_id, std::move(owned));
        usage.begin(launch.task_id, config.real_now());  // before the spawns, so their whole lives count
        for (const auto& spec : launch.containers) {
            task.containers.push_back(std::make_unique<ProcessContainer>());
            ProcessContainer& container = *task.containers.back();
            container.name = spec.name;
            container.stop_timeout = spec.stop_timeout;
            spawn(launch, spec, container);
            if (container.pid > 0) by_pid[container.pid] = {&task, &container};
            container.report_timer = clock.schedule_at(clock.now(), [this, &task, &container] {
                container.report_timer.reset();
                deliver_start_report(task, container);
            });
        }
    }

    void spawn(const core::TaskLaunch& launch, const core::ContainerLaunch& spec,
               ProcessContainer& container) {
        const ProcessMapping* mapping = find_process_mapping(config.mappings, spec.image);
        if (!mapping) {
            container.start_error = std::string(kCannotStart) + "no process mapping for image " + spec.image;
            return;
        }
        SpawnRequest request;
        request.argv = process_argv(*mapping, spec);
        if (request.argv.empty()) {
            container.start_error = std::string(kCannotStart) + "nothing to run for image " + spec.image +
                                    ": the mapping has no command and the container no entryPoint or command";
            return;
        }
        request.environment = as_assignments(process_environment(launch, spec, inherited));
        request.working_directory = mapping->working_directory;
        auto path = log_file(launch.task_id, spec.name);
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec) {
            container.start_error =
                std::string(kCannotStart) + path.parent_path().string() + ": " + ec.message();
            return;
        }
        request.log_path = path.string();
        if (spec.health_check && !health_check_argv(spec.health_check->command).empty()) {
            container.health_check = spec.health_check;
            container.check_request = request;
            container.check_request.argv = health_check_argv(spec.health_check->command);
        }
        SpawnOutcome outcome = processes.spawn(request);
        if (outcome.pid < 0) {
            container.start_error = std::string(kCannotStart) + outcome.error;
            return;
        }
        container.pid = outcome.pid;
    }

    void deliver_start_report(ProcessTask& task, ProcessContainer& container) {
        if (!container.start_error.empty()) {
            report_exit(task, container, kProcessCannotStartExitCode, container.start_error);
            forget_if_all_exited(task);
            return;
        }
        if (container.running_reported || container.exited) return;
        container.running_reported = true;
        observer.on_container_running(task.task_id, container.name);
        schedule_health_check(task, container);
    }

    void schedule_health_check(ProcessTask& task, ProcessContainer& container) {
        if (!container.health_check || container.exited || task.stopping) return;
        if (container.check_timer) return;
        if (container.running_since == core::Instant{}) container.running_since = clock.now();
        container.check_timer =
            clock.schedule_at(clock.now() + container.health_check->interval, [this, &task, &container] {
                container.check_timer.reset();
                run_health_check(task, container);
            });
    }

    void run_health_check(ProcessTask& task, ProcessContainer& container) {
        if (container.exited || task.stopping) return;
        SpawnOutcome outcome = processes.spawn(container.check_request);
        if (outcome.pid < 0) {
            record_check(task, container, false);
            return;
        }
        container.check_pid = outcome.pid;
        by_check_pid[outcome.pid] = {&task, &container};
        container.check_timer =
            clock.schedule_at(clock.now() + container.health_check->timeout, [this, &container] {
                container.check_timer.reset();
                if (container.check_pid > 0) processes.signal_group(container.check_pid, SIGKILL);
            });
    }

    void on_check_exit(ProcessTask& task, ProcessContainer& container, int exit_code) {
        container.check_pid = -1;
        cancel(container.check_timer);
        record_check(task, container, exit_code == 0);
    }

    void record_check(ProcessTask& task, ProcessContainer& container, bool passed) {
        const bool in_start_period =
            clock.now() - container.running_since < container.health_check->start_period;
        const auto step = core::record_health_check(container.health_counter, passed, in_start_period,
                                                    container.health_check->retries);
        container.health_counter = step.counter;
        if (step.changed) observer.on_container_health(task.task_id, container.name, step.counter.health);
        schedule_health_check(task, container);
    }

    void abandon_health_check(ProcessContainer& container) {
        cancel(container.check_timer);
        if (container.check_pid > 0) {
            processes.signal_group(container.check_pid, SIGKILL);
            by_check_pid.erase(container.check_pid);
            container.check_pid = -1;
        }
    }

    // A process that exits before its running report went out still reports running first, so the
    // engine always sees RUNNING before STOPPED for a container that did run.
    void on_process_exit(int pid, int exit_code) {
        if (auto check = by_check_pid.find(pid); check != by_check_pid.end()) {
            auto [task, container] = check->second;
            by_check_pid.erase(check);
            on_check_exit(*task, *container, exit_code);
            return;
        }
        auto it = by_pid.find(pid);
        if (it == by_pid.end()) return;
        auto [task, container] = it->second;
        by_pid.erase(it);
        cancel(container->report_timer);
        if (!container->running_reported) {
            container->running_reported = true;
            observer.on_container_running(task->task_id, container->name);
        }
        report_exit(*task, *container, exit_code, "");
        forget_if_all_exited(*task);
    }

    void report_exit(ProcessTask& task, ProcessContainer& container, int exit_code,
                     const std::string& reason) {
        if (container.exited) return;
        container.exited = true;
        cancel(container.report_timer);
        cancel(container.kill_timer);
        abandon_health_check(container);
        observer.on_container_exited(task.task_id, container.name, exit_code, reason);
    }

    void cancel(std::optional<core::TimerId>& timer) {
        if (timer) clock.cancel(*timer);
        timer.reset();
    }

    void forget_if_all_exited(ProcessTask& task) {
        bool all_exited = std::all_of(task.containers.begin(), task.containers.end(),
                                      [](const auto& c) { return c->exited; });
        if (!all_exited) return;
        const std::string task_id = task.task_id;  // the record, and its id, go with the erase
        tasks.erase(task_id);
        usage.end(task_id);
    }

    std::vector<core::TaskUsage> take_usage() {
        std::map<std::string, std::set<int>> groups;
        std::set<int> all_groups;
        for (const auto& [task_id, task] : tasks) {
            auto& task_groups = groups[task_id];
            for (const auto& container : task->containers) {
                // Each container leads its own process group (process_table.hpp), so its pid is the group id.
                if (container->pid > 0 && !container->exited) {
                    task_groups.insert(container->pid);
                    all_groups.insert(container->pid);
                }
            }
        }
        return usage.take(config.real_now(), groups, scan_process_groups(all_groups));
    }

    void stop(const std::string& task_id) {
        auto it = tasks.find(task_id);
        if (it == tasks.end() || it->second->stopping) return;
        ProcessTask& task = *it->second;
        task.stopping = true;
        const core::Instant now = clock.now();
        for (auto& owned : task.containers) {
            ProcessContainer& container = *owned;
            abandon_health_check(container);
            if (container.exited || container.pid < 0) continue;
            processes.signal_group(container.pid, SIGTERM);
            container.kill_timer = clock.schedule_at(now + container.stop_timeout, [this, &container] {
                container.kill_timer.reset();
                processes.signal_group(container.pid, SIGKILL);
            });
        }
    }

    void cancel_all_timers() {
        for (auto& [id, task] : tasks) {
            for (auto& container : task->containers) {
                cancel(container->report_timer);
                cancel(container->kill_timer);
                cancel(container->check_timer);
            }
        }
    }
};

ProcessTaskRuntime::ProcessTaskRuntime(boost::asio::io_context& io, core::Clock& clock,
                                       core::TaskRuntimeObserver& observer, ProcessRuntimeConfig config)
    : impl_(std::make_unique<Impl>(io, clock, observer, std::move(config))) {}

ProcessTaskRuntime::~ProcessTaskRuntime() {
    impl_->cancel_all_timers();
}

void ProcessTaskRuntime::start(const core::TaskLaunch& launch) {
    impl_->start(launch);
}

void ProcessTaskRuntime::stop(const std::string& task_id) {
    impl_->stop(task_id);
}

std::vector<core::TaskUsage> ProcessTaskRuntime::take_usage() {
    return impl_->take_usage();
}

std::string ProcessTaskRuntime::log_path(const std::string& task_id, const std::string& container) const {
    return impl_->log_file(task_id, container).string();
}

std::size_t ProcessTaskRuntime::live_process_count() const {
    return impl_->processes.live_count();
}

std::size_t ProcessTaskRuntime::task_count() const {
    return impl_->tasks.size();
}

}  // namespace ecsemu::runtime
