#pragma once
// The simulator's task runtime: tasks are not run, they are modelled. Containers come up after a
// Fargate-shaped start-up time (lognormal, StartupSpec), stop a moment after they are asked to, and report
// to the engine exactly as the emulator's stub and process runtimes do, through core::TaskRuntimeObserver.
// The load model charges them CPU for the requests they serve (TaskUsageSource), the health probe asks them
// whether they answer, and failure injections kill them, take an availability zone away or slow starts down.
//
// Deterministic: timers on the simulator's clock, draws from the run's RandomSource in the order tasks are
// started and stopped; whatever is walked is ordered or kept in start order, hashed containers are only
// looked up.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "emulator/core/ports.hpp"
#include "emulator/core/task_runtime.hpp"
#include "emulator/core/task_usage.hpp"
#include "sim/model/random_source.hpp"
#include "sim/spec/simulation_spec.hpp"

namespace ecsemu::sim {

struct ModelledTask {
    // What every traffic step and usage take reads comes first, ahead of the launch's strings.
    bool running = false;  // every container reported running and none exited
    bool stopping = false;
    TaskBehaviour behaviour = TaskBehaviour::Healthy;
    int cpu_units = 0;       // the launch's task size
    double cpu_unit_ms = 0;  // CPU charged since the last usage take (ECS CPU units x milliseconds)
    double memory_mib = 0;
    std::size_t live_slot = 0;        // its place in ModelledTasks' list of live tasks
    std::uint64_t launch_number = 0;  // launch.launch_number, beside what the usage take reads with it
    core::TaskLaunch launch;
    std::optional<core::Instant> running_since;
    std::vector<core::TimerId> timers;  // pending start, health and exit timers
};

class ModelledTasks final : public core::TaskRuntime, public core::TaskUsageSource {
public:
    // `clock` and `random` must outlive the runtime. set_observer() before the first start().
    ModelledTasks(core::Clock& clock, RandomSource& random, StartupSpec startup);
    ~ModelledTasks() override;
    ModelledTasks(const ModelledTasks&) = delete;
    ModelledTasks& operator=(const ModelledTasks&) = delete;

    void set_observer(core::TaskRuntimeObserver& observer) { observer_ = &observer; }

    // core::TaskRuntime
    void start(const core::TaskLaunch& launch) override;
    void stop(const std::string& task_id) override;
    // core::TaskUsageSource: every running task's CPU and memory since the previous take, in no particular
    // (but a deterministic) order.
    std::vector<core::TaskUsage> take_usage() override;
    void take_usage_into(std::vector<core::TaskUsage>& usage) override;

    // Tasks of this task definition revision behave so (a deployment injection's revision).
    void set_behaviour(const std::string& family, int revision, TaskBehaviour behaviour);
    // Memory a task of this family uses; unset: a quarter of its reservation.
    void set_memory_use(const std::string& family, double memory_mib);

    // Injections. The task's essential container exits now (exit code 137, as an OOM kill or a host
    // failure shows).
    void kill(const std::string& task_id);
    // Every task in `zone` exits now, and tasks placed there until `until` fail to start.
    void fail_zone(const std::string& zone, core::Instant until);
    // Start-up times of tasks started before `until` are multiplied by `factor`.
    void slow_starts(double factor, core::Instant until);

    // The load model charges the CPU a task spent serving, to the task find() returned (the traffic driver
    // does it for every running task every step, so without a second lookup).
    static void charge_cpu(ModelledTask& task, double cpu_unit_ms) { task.cpu_unit_ms += cpu_unit_ms; }

    const ModelledTask* find(const std::string& task_id) const;
    ModelledTask* find(const std::string& task_id);
    // The same as find(task_id); an index lookup rather than a search by id when `launch_number` is the
    // TaskLaunch::launch_number the task was started with (the store's Task::runtime_launch).
    // Inline for the numbered case: the traffic driver finds every running task every step.
    ModelledTask* find(const std::string& task_id, std::uint64_t launch_number) {
        if (launch_number > 0 && launch_number < by_launch_.size()) {
            if (ModelledTask* task = by_launch_[launch_number]) return task;
        }
        return find(task_id);
    }
    // By TaskLaunch::launch_number alone; nullptr once that task is gone (or for 0).
    ModelledTask* find_by_launch(std::uint64_t launch_number) {
        return launch_number > 0 && launch_number < by_launch_.size() ? by_launch_[launch_number] : nullptr;
    }
    // By the loopback address the engine gave the task (what the ALB dials).
    const ModelledTask* find_by_address(const std::string& local_address) const;
    // Who to tell, with the task's local address, when what a request to that address gets may have changed:
    // its containers came up, or it went away. nullptr stops telling.
    void watch_answers(std::function<void(const std::string& local_address)> changed) {
        answers_changed_ = std::move(changed);
    }
    // Whether a request or health check sent to this task now gets a successful answer.
    bool answers(const ModelledTask& task) const {
        return task.running && task.behaviour != TaskBehaviour::FailsHealthChecks;
    }
    std::size_t live_tasks() const { return tasks_.size(); }

private:
    void schedule(const std::string& task_id, core::Instant at,
                  void (ModelledTasks::*what)(const std::string&));
    void containers_running(const std::string& task_id);
    void containers_healthy(const std::string& task_id);
    void crash(const std::string& task_id);
    void exit_all(const std::string& task_id);
    void report_exit(ModelledTask& task, int exit_code, const std::string& reason);
    void cancel_timers(ModelledTask& task);
    double start_delay_seconds();

    core::Clock& clock_;
    RandomSource& random_;
    StartupSpec startup_;
    core::TaskRuntimeObserver* observer_ = nullptr;
    std::function<void(const std::string&)> answers_changed_;
    // By task id, until every container exited. Hashed: every timer of a task finds it by id, and nothing
    // walks it where order shows (fail_zone sorts what it picks). Nodes stay put, so the pointers below hold.
    std::unordered_map<std::string, ModelledTask> tasks_;
    std::unordered_map<std::string, ModelledTask*> by_address_;  // local address -> task
    std::vector<ModelledTask*> by_launch_;  // by TaskLaunch::launch_number; nullptr once the task is gone
    // The same tasks as a list (ModelledTask::live_slot), which each usage take walks: independent loads the
    // processor can overlap, where a walk of the map waits for each node's link.
    std::vector<ModelledTask*> live_;
    std::map<std::pair<std::string, int>, TaskBehaviour> behaviours_;
    std::map<std::string, double> memory_by_family_;
    std::map<std::string, core::Instant> failed_zones_;  // zone -> until
    double slow_factor_ = 1;
    core::Instant slow_until_;
    core::Instant last_take_;
};

}  // namespace ecsemu::sim
