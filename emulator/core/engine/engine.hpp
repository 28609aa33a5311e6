#pragma once
// The engine: the deterministic glue that makes ECS services and tasks run. It is built from the ports
// (a Clock, a TaskRuntime) and the store (an EcsWorld shared with the API), and is identical for the emulator
// (AsioClock, stub/process runtimes) and the simulator (VirtualClock, modelled tasks).
//
// Level-triggered (guideline 6). API mutations and runtime observations only mark services dirty and ask
// for a pass (a task's move or report marks its service only when it changes something the service's plan
// reads, plan_relevance.hpp); a pass
//   1. reads clock.now() once;
//   2. records the queued runtime observations in the store (container running/exited/health);
//   3. moves each live task that may have something to do through its lifecycle as far as time and the
//      recorded container states allow (task_lifecycle.hpp), asking the runtime to start a task on PENDING
//      and to stop it on STOPPING. "May have something to do": its lifecycle deadline is due, a runtime
//      report about it was recorded, an applied plan launched it or told it to stop, or an API call changed
//      its region.
//      Every other task cannot move (its next step waits on time or on a report), so skipping it decides
//      exactly what walking every task would, in the same (region, cluster, task id) order, at a cost that
//      follows the tasks that change rather than the fleet's size;
//   4. for each dirty service (and each whose wakeup is due), builds the ServiceView, calls plan_service(),
//      applies the plan (plan_applier.hpp) and plans again until the plan is empty;
//   5. repeats 3-4 while anything changed (a stop decided in 4 moves a task in 3 at once), then issues the
//      runtime requests in the order they were decided and schedules one timer at the earliest lifecycle
//      deadline or planner wakeup.
// Every decision lands in the change log with its cause. Nothing iterates an unordered container, ids come
// from the engine's own IdSource, and time only from the Clock: two engines given the same inputs produce the
// same log (guideline 5).
//
// Threading: single writer. Every method, the timer callback and the observer calls run on the control
// thread. The runtime may report synchronously from inside start()/stop(): reports are queued, never applied
// re-entrantly.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "emulator/core/ecs/ecs_world.hpp"
#include "emulator/core/engine/change_log.hpp"
#include "emulator/core/engine/engine_knobs.hpp"
#include "emulator/core/engine/load_balancer_targets.hpp"
#include "emulator/core/engine/observations.hpp"
#include "emulator/core/engine/plan_relevance.hpp"
#include "emulator/core/engine/runtime_launch.hpp"
#include "emulator/core/engine/service_view_builder.hpp"
#include "emulator/core/engine/task_lifecycle.hpp"
#include "emulator/core/engine/world_index.hpp"
#include "emulator/core/ids.hpp"
#include "emulator/core/model/ec2.hpp"
#include "emulator/core/ports.hpp"
#include "emulator/core/task_runtime.hpp"

namespace ecsemu::core::engine {

class Engine final : public TaskRuntimeObserver {
public:
    // Every reference must outlive the engine. The runtime must report to this engine (as its observer).
    Engine(ecs::EcsWorld& world, const Ec2Directory& ec2, Clock& clock, TaskRuntime& runtime,
           EngineKnobs knobs = {});
    ~Engine() override;
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // An API call changed (account, region): its services are reconciled and its tasks progressed in the
    // next pass, which runs as soon as the control thread is free.
    void on_api_mutation(const std::string& account_id, const std::string& region);
    // Marks every service of the world dirty and asks for a pass.
    void reconcile_all();
    // Once, after the journal was replayed and before any other call: stops what the previous run left
    // running (restart_recovery.hpp) and reconciles every service.
    void recover_after_restart();
    // The world was just emptied (POST /_ecsemu/reset): stops every task the runtime still runs and forgets
    // all pending work.
    void on_world_reset();

    // From now on tasks of services with loadBalancers are registered in (and deregistered from) their
    // target groups through `targets`, and the load balancer's health gates them. Without it they are
    // judged by container health alone. REQUIRES: `targets` outlives the engine; call before any pass.
    void attach_load_balancers(LoadBalancerTargets& targets);
    // The load balancer's opinion of some target in (account, region) changed: services there with
    // loadBalancers are reconciled in the next pass.
    void on_target_health_changed(const std::string& account_id, const std::string& region);
    // Narrower: some target of this group changed; only the services it fronts are reconciled.
    void on_target_group_health_changed(const std::string& account_id, const std::string& region,
                                        const std::string& target_group_arn);
    // Application Auto Scaling set the desired count of `resource_id` (service/<cluster>/<service>): that
    // service alone is reconciled. Any other resource id is treated as an API mutation of the region.
    void on_capacity_change(const std::string& account_id, const std::string& region,
                            const std::string& resource_id);
    // Variables added to every container's environment when a task is handed to the runtime (the emulator
    // names Service Connect aliases and its DNS server this way; reference §5.2 has ECS write /etc/hosts).
    using LaunchEnvironment = std::function<std::vector<std::pair<std::string, std::string>>(
        const ecs::EcsState& state, const ecs::Task& task)>;
    void set_launch_environment(LaunchEnvironment hook) { launch_environment_ = std::move(hook); }

    // TaskRuntimeObserver: queued, recorded at the start of the next pass.
    void on_container_running(const std::string& task_id, const std::string& container) override;
    void on_container_exited(const std::string& task_id, const std::string& container, int exit_code,
                             const std::string& reason) override;
    void on_container_health(const std::string& task_id, const std::string& container,
                             ContainerHealth health) override;

    const ChangeLog& change_log() const { return log_; }
    // The simulator drains the log as it records it, so week-long runs stay bounded.
    ChangeLog& change_log() { return log_; }
    const EngineKnobs& knobs() const { return knobs_; }
    std::size_t passes() const { return passes_; }
    // Services reconciled (a view built and planned at least once), over all passes.
    std::size_t reconciles() const { return reconciles_; }
    // When the engine's timer is due next (for tests and diagnostics).
    std::optional<Instant> next_pass_at() const { return timer_at_; }

private:
    // Where a task lives; ordered as the world's maps are, so sets of them are walked in the world's order.
    struct TaskKey {
        std::string region_key;
        std::string cluster_name;
        std::string task_id;
        auto operator<=>(const TaskKey&) const = default;
        bool operator==(const TaskKey&) const = default;
    };
    struct TaskKeyHash {
        std::size_t operator()(const TaskKey& key) const;
    };
    // (instant, key) in the order of (instant, key) values, for keys kept elsewhere and pointed at.
    template <class Key>
    struct SoonestFirst {
        bool operator()(const std::pair<Instant, const Key*>& a,
                        const std::pair<Instant, const Key*>& b) const {
            if (a.first != b.first) return a.first < b.first;
            return *a.second < *b.second;
        }
    };

    struct RuntimeCommand {
        bool start = true;
        TaskLaunch launch;    // start
        std::string task_id;  // stop
    };

    void observe(Observation observation);
    void request_pass_at(Instant at);
    void run_pass();
    void record_observations(Instant now);
    bool advance_tasks(Instant now);
    struct TaskAdvance {
        bool moved = false;
        // Something the task's service plans from changed (plan_relevance.hpp): the service reconciles.
        bool plan_inputs_changed = false;
    };
    TaskAdvance advance_task(const TaskKey& key, ecs::EcsRegion& region, ecs::Task& task, Instant now);
    void attend(const std::string& region_key, const ecs::Task& task);
    void attend_all_tasks(const std::string& region_key, const ecs::EcsState& state);
    void track_deadline(const TaskKey& key, const ecs::Task& task, const LifecycleContext& context);
    void untrack_deadline(const TaskKey& key);
    void set_wakeup(const ServiceKey& key, Instant at);
    // The service's wakeup moved to `at` unless it already comes no later.
    void wake_no_later_than(const ServiceKey& key, Instant at);
    void clear_wakeup(const ServiceKey& key);
    void release_local_address(const std::string& task_id);
    void start_in_runtime(ecs::EcsRegion& region, ecs::Task& task);
    bool reconcile_dirty_services(Instant now);
    bool reconcile_service(const ServiceKey& key, Instant now);
    void finish_draining(ecs::EcsState& state, ecs::Service& service, const ServiceKey& key, Instant now);
    void issue_runtime_commands();
    void forget_old_stopped_tasks(Instant now);
    void schedule_next_pass(Instant now);
    void mark_dirty(const ecs::EcsState& state, const std::string& region_key, const ecs::Task& task);
    // After a task moved or was reported on: its service, if the change is one the plan reads
    // (plan_relevance.hpp) or the service's last reconcile left a plan unapplied (a settled service's next
    // plan would be as empty as its last).
    void mark_dirty_after_change(const ecs::EcsState& state, const std::string& region_key,
                                 const ecs::Task& task, bool plan_inputs_changed);
    // What the load balancers say of the service's live tasks, one query per target group; not connected
    // without attach_load_balancers() (service_view_builder.hpp).
    TargetHealthInput target_health_for(const ServiceKey& key) const;
    // Marks dirty the live services with loadBalancers in the region (those fronted by `target_group_arn`
    // when it is given) and asks for a pass.
    void mark_load_balanced_services(const std::string& account_id, const std::string& region,
                                     const std::string* target_group_arn);
    void register_targets(ecs::EcsRegion& region, ecs::Service& owner, ecs::Task& task, Instant now);
    void register_in_service_connect(ecs::EcsRegion& region, const ecs::Service& owner, ecs::Task& task,
                                     Instant now);
    void deregister_from_service_connect(ecs::EcsRegion& region, ecs::Task& task, Instant now);
    void deregister_targets(ecs::EcsRegion& region, ecs::Service* owner, ecs::Task& task, Instant now);

    ecs::EcsWorld& world_;
    const Ec2Directory& ec2_;
    Clock& clock_;
    TaskRuntime& runtime_;
    LoadBalancerTargets* load_balancers_ = nullptr;
    LaunchEnvironment launch_environment_;
    EngineKnobs knobs_;
    IdSource ids_;
    ChangeLog log_;
    LocalAddressPool addresses_;

    std::vector<Observation> observations_;  // in arrival order
    std::set<ServiceKey> dirty_;             // ordered: services reconcile in key order
    std::set<ServiceKey> unsettled_;         // whose last reconcile stopped with a plan still to apply
    // The planner's next_wakeup per service, and the same soonest first: every pass takes the due ones and
    // looks for the next, which walked every service twice a pass when kept by service alone. The order's
    // keys point at the map's (its nodes stay put), so a wakeup moves without copying its key.
    std::map<ServiceKey, Instant> wakeups_;
    std::set<std::pair<Instant, const ServiceKey*>, SoonestFirst<ServiceKey>> wakeup_order_;
    // Handed to the runtime and not yet STOPPED; looked up on every start and stop (sorted where walked).
    std::unordered_set<std::string> runtime_tasks_;
    std::vector<RuntimeCommand> runtime_commands_;  // decided in this pass, issued at its end
    std::set<TaskKey> attention_;                   // to look at in the next advance (see step 3 above)
    // Each live task's lifecycle deadline, soonest first, its keys pointing at deadline_of_'s (which is
    // node-based, so they stay put); and the same by task, only looked up.
    std::set<std::pair<Instant, const TaskKey*>, SoonestFirst<TaskKey>> deadlines_;
    std::unordered_map<TaskKey, Instant, TaskKeyHash> deadline_of_;
    // Local addresses of tasks handed to the runtime, and task id -> its address; only looked up (hashed:
    // ten thousand tasks' ids compared along a tree's path was a visible part of each start and stop).
    std::unordered_set<std::string> addresses_in_use_;
    std::unordered_map<std::string, std::string> address_of_task_;
    // Every STOPPED task the store still has, by stoppedAt: forgotten once it is stopped_task_retention old.
    std::set<std::pair<Instant, TaskKey>> stopped_;
    std::optional<TimerId> timer_;
    std::optional<Instant> timer_at_;
    std::size_t passes_ = 0;
    std::size_t reconciles_ = 0;
    std::uint64_t launches_ = 0;   // the last TaskLaunch::launch_number given
    scheduler::ServiceView view_;  // the last service view built, kept for its storage
};

}  // namespace ecsemu::core::engine
