#pragma once
// Internal to the scheduler: the state of one plan_service() pass, shared by its steps (launch accounting,
// deployment lifecycle, task steps). Everything here is derived from the view at construction or
// accumulated while the steps decide; finish() turns it into the ServicePlan.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/scheduler/bounds.hpp"
#include "emulator/core/scheduler/census.hpp"
#include "emulator/core/scheduler/scheduler_knobs.hpp"
#include "emulator/core/scheduler/service_plan.hpp"
#include "emulator/core/scheduler/service_view.hpp"
#include "emulator/core/scheduler/task_condition.hpp"

namespace ecsemu::core::scheduler {

struct DeploymentCounters {
    int failed_tasks = 0;
    bool had_running_task = false;
    ActionCause cause = ActionCause::LaunchFailure;  // why they last changed
};

class PlanPass {
public:
    PlanPass(const ServiceView& service, Instant now, const SchedulerKnobs& knobs);

    const ServiceView& service;
    const Instant now;
    const SchedulerKnobs& knobs;
    const HealthRules rules;
    const DeploymentView* const primary;  // null when the service has no PRIMARY deployment
    const Census census;
    const TaskBounds bounds;

    LaunchBackoffState backoff;  // starts as the view's; SetLaunchBackoff is planned if it changes
    int tasks_started = 0;
    int tasks_stopped = 0;
    int older_deployments_left = 0;  // after the drained ones are removed
    bool launches_deferred = false;

    void add(Action action, ActionCause cause);
    void add_bookkeeping(Action action, ActionCause cause);
    // Current counters of a deployment; changes are planned as SetDeploymentCounters.
    DeploymentCounters& counters_of(const std::string& deployment_id);
    // Asks to be called again at `at` (the earliest request wins; instants not after now are ignored).
    void wake_at(Instant at);
    // Emits a condition event unless it is already the latest news (condition_events.hpp); either way asks
    // to be woken when it would be due again.
    void emit_condition_event(EventKind kind, const std::string& message, ActionCause cause);

    ServicePlan finish();

private:
    std::vector<PlannedAction> bookkeeping_;
    std::vector<PlannedAction> actions_;
    std::map<std::string, DeploymentCounters> counters_;
    std::optional<Instant> wakeup_;
};

}  // namespace ecsemu::core::scheduler
