#include "fake_runtime.hpp"

namespace ecsemu::test {

const ContainerScript& FakeRuntime::script_for(const std::string& image) const {
    for (const auto& [part, script] : scripts_) {
        if (image.find(part) != std::string::npos) return script;
    }
    return default_script_;
}

void FakeRuntime::after(core::Duration delay, std::function<void()> action) {
    clock_.schedule_at(clock_.now() + delay, std::move(action));
}

void FakeRuntime::report_running(const std::string& task_id, const std::string& container) {
    auto& state = containers_[task_id][container];
    if (state.running || state.exited) return;
    state.running = true;
    observer_->on_container_running(task_id, container);
}

void FakeRuntime::report_exit(const std::string& task_id, const std::string& container, int code,
                              const std::string& reason) {
    auto& state = containers_[task_id][container];
    if (state.exited) return;
    state.exited = true;
    state.running = false;
    observer_->on_container_exited(task_id, container, code, reason);
    bool all_exited = true;
    for (const auto& [name, other] : containers_[task_id]) all_exited = all_exited && other.exited;
    if (all_exited) live.erase(task_id);
}

void FakeRuntime::start(const core::TaskLaunch& launch) {
    starts.push_back(launch);
    live[launch.task_id] = launch;
    for (const auto& container : launch.containers) {
        containers_[launch.task_id][container.name] = {};
        const ContainerScript script = script_for(container.image);
        const std::string task_id = launch.task_id;
        const std::string name = container.name;
        if (script.reports_running) {
            after(script.to_running, [this, task_id, name] { report_running(task_id, name); });
            if (container.health_check) {
                const auto health = script.becomes_healthy ? core::ContainerHealth::Healthy
                                                           : core::ContainerHealth::Unhealthy;
                after(script.to_running + script.to_healthy, [this, task_id, name, health] {
                    if (containers_[task_id][name].running)
                        observer_->on_container_health(task_id, name, health);
                });
            }
        }
        if (script.exits_after) {
            const core::Duration at =
                (script.reports_running ? script.to_running : core::Duration{}) + *script.exits_after;
            after(at, [this, task_id, name, script] {
                report_exit(task_id, name, script.exit_code, script.exit_reason);
            });
        }
    }
}

void FakeRuntime::stop(const std::string& task_id) {
    stops.push_back(task_id);
    const auto it = containers_.find(task_id);
    if (it == containers_.end()) return;
    for (const auto& [name, state] : it->second) {
        if (state.exited) continue;
        const std::string container = name;
        const ContainerScript script =
            script_for(live.count(task_id) ? live[task_id].containers.front().image : "");
        after(script.stop_delay, [this, task_id, container, script] {
            report_exit(task_id, container, script.stop_exit_code, "");
        });
    }
}

void FakeRuntime::crash(const std::string& task_id, const std::string& container, int exit_code,
                        const std::string& reason) {
    report_exit(task_id, container, exit_code, reason);
}

}  // namespace ecsemu::test
