#pragma once
// The thin mapping from the store to what plan_service() reads (scheduler/service_view.hpp): one service
// record, its deployments, every task that belongs to it (STOPPED ones included), its scheduler-owned
// bookkeeping and its recent events.
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/model/ec2.hpp"
#include "emulator/core/scheduler/service_view.hpp"

namespace ecsemu::core::engine {

// The load balancer's opinion of each task, for services with loadBalancers. This is the seam the ALB
// emulation fills: until a target-health source is connected (`connected` false), the view reports no
// target group, so a service's health is judged as if it had no load balancer (container health checks, or
// the no-check delay) rather than waiting forever for targets nobody probes. Once connected, the view names
// loadBalancers[0]'s target group and each task's target state from `by_task_id` (absent: not registered),
// which is in ascending id order and views the ids it names (the store's, for one reconcile).
struct TargetHealthInput {
    bool connected = false;
    std::vector<std::pair<std::string_view, scheduler::TargetHealth>> by_task_id;
};

// REQUIRES: `service` lives in `state`.
scheduler::ServiceView build_service_view(const ecs::EcsState& state, const Ec2Directory& ec2,
                                          const ecs::Service& service,
                                          const TargetHealthInput& target_health);
// The same into `view`, whatever it held, reusing its task records' storage: the engine builds a view at
// every reconcile of a service, and a busy service has a hundred tasks with two heap-held ids each.
void build_service_view(const ecs::EcsState& state, const Ec2Directory& ec2, const ecs::Service& service,
                        const TargetHealthInput& target_health, scheduler::ServiceView& view);

// Every task of the service record (any status), in task id order: a view of the store's index, or of
// `storage` (filled only when the service's name was reused, so the index holds other records' tasks too).
// Valid as tasks_launched_for's; every reconcile asks, so nothing is copied when it need not be.
std::span<const ecs::Task* const> tasks_of_service(const ecs::EcsState& state, const ecs::Service& service,
                                                   std::vector<const ecs::Task*>& storage);

// An essential container of the task definition has a healthCheck (the task's healthStatus then gates it).
bool has_container_health_checks(const ecs::TaskDefinition& task_definition);

}  // namespace ecsemu::core::engine
