// A task record lives until each of its containers has reported its exit; timers set for it are tracked
// on the container so that reporting an exit, or destroying the runtime, cancels them.
#include "emulator/runtime/process_task_runtime.hpp"

#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <system_error>
#include <utility>

#include "emulator/runtime/process_table.hpp"

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
};

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
          processes(io, [this](int pid, int exit_code) { on_process_exit(pid, exit_code); }) {}

    core::Clock& clock;
    core::TaskRuntimeObserver& observer;
    ProcessRuntimeConfig config;
    EnvironmentList inherited;
    std::map<std::string, std::unique_ptr<ProcessTask>> tasks;
    std::map<int, std::pair<ProcessTask*, ProcessContainer*>> by_pid;
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
    }

    // A process that exits before its running report went out still reports running first, so the
    // engine always sees RUNNING before STOPPED for a container that did run.
    void on_process_exit(int pid, int exit_code) {
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
    }

    void stop(const std::string& task_id) {
        auto it = tasks.find(task_id);
        if (it == tasks.end() || it->second->stopping) return;
        ProcessTask& task = *it->second;
        task.stopping = true;
        const core::Instant now = clock.now();
        for (auto& owned : task.containers) {
            ProcessContainer& container = *owned;
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
