#pragma once
// Every tunable of the engine, with units in the names. The task lifecycle delays are Fargate-shaped but
// short: real Fargate takes 15-60 s from PROVISIONING to RUNNING and 45-70 s from STOPPING to STOPPED
// (reference §3.7); an emulator that waited that long would only slow its users down. Scale them up (or run
// `serve --time-scale`) to watch a rollout in slow motion.
#include <cstddef>
#include <cstdint>
#include <string>

#include "emulator/core/scheduler/scheduler_knobs.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::engine {

struct TaskLifecycleKnobs {
    // PROVISIONING -> PENDING: the ENI is attached and the runtime is asked to start the containers.
    Duration provisioning = Duration::seconds(2);
    // PENDING lasts until every essential container reports running; past this the task stops with
    // TaskFailedToStart.
    Duration start_timeout = Duration::minutes(3);
    // ACTIVATING -> RUNNING (networking, load balancer registration, service discovery).
    Duration activating = Duration::seconds(1);
    // DEACTIVATING of a RUNNING task of a service with loadBalancers: the seam where the target group's
    // deregistration delay goes (ECS default 300 s). Tasks of services without load balancers, and tasks
    // that never ran, skip it.
    Duration load_balancer_drain = Duration::seconds(5);
    // DEACTIVATING of a task registered in Cloud Map for Service Connect, at least: clients' proxies stop
    // sending new requests once the instance is deregistered, which they learn a moment later (ECS drains
    // Envoy's listeners before it stops the containers).
    Duration service_connect_drain = Duration::seconds(5);
    // STOPPING lasts until the runtime reports every started container's exit. The runtime kills containers
    // after their stopTimeout (<= 120 s); if it still has not reported after this, the task moves on.
    Duration stop_report_timeout = Duration::minutes(3);
    // DEPROVISIONING -> STOPPED (ENI detached and deleted).
    Duration deprovisioning = Duration::seconds(1);
};

struct EngineKnobs {
    TaskLifecycleKnobs lifecycle;
    scheduler::SchedulerKnobs scheduler;
    // Seeds the engine's own ids (task ids, container runtime ids, event ids, rollback deployment ids). The
    // API's per-region IdSources are never drawn from by the engine, so replaying journaled calls stays
    // id-exact whatever the engine did in between.
    std::uint64_t id_seed = 0x5eed'e691'0e00'0001ULL;
    // A service whose plans are still not empty after this many applications in one pass is left for the
    // next pass (and the limit is recorded in the change log); a correct planner settles in a handful.
    int plans_per_service_per_pass_max = 32;
    // Lifecycle/scheduler rounds in one pass before the pass gives up and reschedules itself.
    int rounds_per_pass_max = 64;
    // A service whose StartTask could not be placed (no free address) is retried after this.
    Duration launch_retry_delay = Duration::seconds(30);
    // STOPPED tasks stay describable this long after stoppedAt, then the store forgets them (ECS: "at least
    // an hour"). Keeps a long-running emulator with crash-looping tasks from growing without bound.
    Duration stopped_task_retention = Duration::minutes(60);
    // Whether a task reaching RUNNING in a service whose plan it cannot change but for a wakeup only moves
    // that wakeup (health_wakeup_instead_of_plan) rather than reconciling the service. Off, every such move
    // reconciles: the decisions are the same either way, which a test checks by running both.
    bool health_wakeups_instead_of_plans = true;
    // Whether registering a starting task's targets reconciles its service only when that can change the
    // plan (registration_can_change_plan) rather than always. The decisions are the same either way, which a
    // test checks by running both.
    bool registrations_reconcile_only_when_they_can_change_plans = true;
    // Oldest entries are dropped beyond this.
    std::size_t change_log_capacity = 100'000;
    // Whether the change log keeps its digest (ChangeLog::digest); the simulator, which drains and clears
    // the log every minute, keeps none.
    bool change_log_digest = true;
    // Where containers reach the emulator ("http://127.0.0.1:4566"): the base of the task metadata URLs
    // put in every container's environment (ECS_CONTAINER_METADATA_URI_V4 = <base>/_ecsemu/metadata/v4/...).
    // Empty: no endpoint serves metadata (the simulator), so those variables are left out.
    std::string api_base_url;
};

}  // namespace ecsemu::core::engine
