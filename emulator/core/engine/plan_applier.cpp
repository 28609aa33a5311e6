#include "emulator/core/engine/plan_applier.hpp"

#include <algorithm>
#include <type_traits>

#include "emulator/core/ecs/clusters.hpp"
#include "emulator/core/ecs/service_rules.hpp"
#include "emulator/core/ecs/task_definitions.hpp"
#include "emulator/core/ecs/tasks.hpp"
#include "emulator/core/engine/model_mapping.hpp"
#include "emulator/core/engine/service_view_builder.hpp"
#include "emulator/core/scheduler/event_text.hpp"

namespace ecsemu::core::engine {

namespace {

using namespace scheduler;

ecs::Deployment* find_deployment(ecs::Service& service, const std::string& id) {
    for (auto& deployment : service.deployments) {
        if (deployment.id == id) return &deployment;
    }
    return nullptr;
}

void record(ApplyContext& ctx, ChangeKind kind, ActionCause cause, const std::string& task_id,
            std::string detail) {
    ctx.log.append(ChangeEntry{ctx.now, ctx.service_label, kind, std::string(to_string(cause)), task_id,
                               std::move(detail)});
}

Tags tags_for_service_task(const ecs::Service& service, const ecs::TaskDefinition& td) {
    if (service.propagate_tags == ecs::PropagateTags::Service) return service.tags;
    if (service.propagate_tags == ecs::PropagateTags::TaskDefinition) return td.tags;
    return {};
}

Result<ecs::TaskLaunch> service_task_launch(ApplyContext& ctx, const ecs::Service& service,
                                            const StartTask& start, const ecs::TaskDefinition& td) {
    const ecs::Cluster* cluster = ecs::find_cluster(ctx.state, service.cluster_name);
    if (cluster == nullptr) return AwsError::client("ClusterNotFoundException", "Cluster not found.");
    auto target =
        ecs::resolve_launch_target(*cluster, service.launch_type, service.capacity_provider_strategy);
    if (!target) return target.error();
    ecs::TaskLaunch launch;
    launch.cluster_name = service.cluster_name;
    launch.task_definition = &td;
    launch.target = target.value();
    const ecs::Deployment* deployment = service.find_deployment(start.deployment_id);
    if (deployment != nullptr && !deployment->platform_version.empty()) {
        launch.platform_version = deployment->platform_version;
    } else if (auto resolved = ecs::resolve_platform_version(target->launch_type, service.platform_version)) {
        launch.platform_version = resolved.value();
    }
    const auto& network = deployment != nullptr && deployment->network_configuration
                              ? deployment->network_configuration
                              : service.network_configuration;
    if (network && network->awsvpc_configuration) {
        launch.awsvpc = network->awsvpc_configuration;
        // The planner already chose the zone; launch_task's own spreading then has one subnet to pick.
        if (!start.subnet_id.empty()) launch.awsvpc->subnets = {start.subnet_id};
    }
    launch.group = "service:" + service.name;
    launch.started_by = start.deployment_id;
    launch.tags = tags_for_service_task(service, td);
    launch.enable_execute_command = service.enable_execute_command;
    launch.service_name = service.name;
    launch.deployment_id = start.deployment_id;
    launch.service_connect = deployment != nullptr && deployment->service_connect_configuration &&
                             deployment->service_connect_configuration->enabled;
    return launch;
}

void apply_start(ApplyContext& ctx, ecs::Service& service, const PlannedAction& planned,
                 AppliedPlan& applied) {
    const auto& start = std::get<StartTask>(planned.action);
    const ecs::TaskDefinition* td = ecs::find_task_definition(ctx.state, start.task_definition_arn);
    Result<ecs::Task*> launched = AwsError::client("ClientException", "TaskDefinition not found.");
    if (td != nullptr) {
        auto launch = service_task_launch(ctx, service, start, *td);
        launched = launch ? ecs::launch_task(ctx.state, ctx.ec2, launch.value(), ctx.now, ctx.ids)
                          : Result<ecs::Task*>(launch.error());
    }
    if (!launched) {
        ++applied.launch_failures;
        record(ctx, ChangeKind::TaskLaunchFailed, planned.cause, "", launched.error().message);
        return;
    }
    const ecs::Task& task = *launched.value();
    applied.started_task_ids.push_back(task.id);
    applied.touched_tasks.emplace_back(task.cluster_name, task.id);
    record(ctx, ChangeKind::StartTask, planned.cause, task.id,
           start.deployment_id + " " + task.availability_zone);
}

void apply_stop(ApplyContext& ctx, const PlannedAction& planned, AppliedPlan& applied) {
    const auto& stop = std::get<StopTask>(planned.action);
    ecs::Task* task = ecs::find_task_in_any_cluster(ctx.state, stop.task_id);
    if (task == nullptr || task->desired_status == ecs::DesiredStatus::Stopped) return;
    task->desired_status = ecs::DesiredStatus::Stopped;
    task->stop_code = to_model(stop.stop_code);
    task->stopped_reason = stop.stopped_reason;
    task->stopping_at = ctx.now;
    ++task->version;
    applied.touched_tasks.emplace_back(task->cluster_name, task->id);
    record(ctx, ChangeKind::StopTask, planned.cause, task->id, stop.stopped_reason);
}

void add_event(ApplyContext& ctx, ecs::Service& service, const std::string& message, ActionCause cause) {
    service.add_event(ecs::ServiceEvent{ctx.ids.uuid(), ctx.now, message});
    record(ctx, ChangeKind::EmitEvent, cause, "", message);
}

void apply_rollback(ApplyContext& ctx, ecs::Service& service, const PlannedAction& planned) {
    const auto& rollback = std::get<CreateRollbackDeployment>(planned.action);
    const ecs::Deployment* failed = service.primary_deployment();
    service.task_definition_arn = rollback.task_definition_arn;
    std::optional<ecs::ServiceConnectConfiguration> service_connect;
    if (failed != nullptr) service_connect = failed->service_connect_configuration;
    ecs::Deployment deployment =
        ecs::make_deployment(ctx.state, service, std::move(service_connect), ctx.now, ctx.ids);
    deployment.rollout_state_reason = rollback.rollout_state_reason;
    for (auto& existing : service.deployments) {
        if (existing.status == ecs::DeploymentStatus::Primary)
            existing.status = ecs::DeploymentStatus::Active;
    }
    record(
        ctx, ChangeKind::CreateRollbackDeployment, planned.cause, "",
        deployment.id + " " + rollback.task_definition_arn + " to " + rollback.rolled_back_to_deployment_id);
    service.deployments.insert(service.deployments.begin(), std::move(deployment));
}

void apply_deployment_state(ApplyContext& ctx, ecs::Service& service, const PlannedAction& planned) {
    const auto& change = std::get<DeploymentStateChange>(planned.action);
    ecs::Deployment* deployment = find_deployment(service, change.deployment_id);
    if (deployment == nullptr) return;
    deployment->rollout_state = to_model(change.rollout_state);
    deployment->rollout_state_reason = change.reason;
    deployment->updated_at = ctx.now;
    if (deployment->rollout_state == ecs::RolloutState::Completed) {
        service.last_completed_deployment =
            ecs::CompletedDeployment{deployment->id, deployment->task_definition_arn};
    }
    record(ctx, ChangeKind::DeploymentStateChange, planned.cause, "", describe(planned.action));
}

void apply_deployment_status(ApplyContext& ctx, ecs::Service& service, const PlannedAction& planned) {
    const auto& change = std::get<DeploymentStatusChange>(planned.action);
    if (change.status == DeploymentStatus::Inactive) {
        std::erase_if(service.deployments,
                      [&](const ecs::Deployment& d) { return d.id == change.deployment_id; });
    } else if (ecs::Deployment* deployment = find_deployment(service, change.deployment_id)) {
        deployment->status = to_model(change.status);
        deployment->updated_at = ctx.now;
    }
    record(ctx, ChangeKind::DeploymentStatusChange, planned.cause, "", describe(planned.action));
}

void apply_bookkeeping(ApplyContext& ctx, ecs::Service& service, const PlannedAction& planned) {
    if (const auto* failure = std::get_if<RecordStartFailure>(&planned.action)) {
        for (auto& [cluster, tasks] : ctx.state.tasks) {
            if (const auto it = tasks.find(failure->task_id); it != tasks.end()) {
                it->second.start_failure_recorded = true;
            }
        }
        record(ctx, ChangeKind::RecordStartFailure, planned.cause, failure->task_id, "");
    } else if (const auto* counters = std::get_if<SetDeploymentCounters>(&planned.action)) {
        if (ecs::Deployment* deployment = find_deployment(service, counters->deployment_id)) {
            deployment->failed_tasks = counters->failed_tasks;
            deployment->had_running_task = counters->had_running_task;
        }
        record(ctx, ChangeKind::SetDeploymentCounters, planned.cause, "", describe(planned.action));
    } else if (const auto* backoff = std::get_if<SetLaunchBackoff>(&planned.action)) {
        service.launch_backoff =
            ecs::LaunchBackoff{backoff->state.consecutive_start_failures, backoff->state.task_definition_arn,
                               backoff->state.last_failure_at, backoff->state.next_launch_at};
        record(ctx, ChangeKind::SetLaunchBackoff, planned.cause, "", describe(planned.action));
    }
}

}  // namespace

AppliedPlan apply_service_plan(ApplyContext& ctx, ecs::Service& service, const ServicePlan& plan) {
    AppliedPlan applied;
    for (const PlannedAction& planned : plan.actions) {
        std::visit(
            [&](const auto& action) {
                using A = std::decay_t<decltype(action)>;
                if constexpr (std::is_same_v<A, StartTask>) {
                    apply_start(ctx, service, planned, applied);
                } else if constexpr (std::is_same_v<A, scheduler::StopTask>) {
                    apply_stop(ctx, planned, applied);
                } else if constexpr (std::is_same_v<A, DeploymentStateChange>) {
                    apply_deployment_state(ctx, service, planned);
                } else if constexpr (std::is_same_v<A, DeploymentStatusChange>) {
                    apply_deployment_status(ctx, service, planned);
                } else if constexpr (std::is_same_v<A, CreateRollbackDeployment>) {
                    apply_rollback(ctx, service, planned);
                } else if constexpr (std::is_same_v<A, EmitEvent>) {
                    add_event(ctx, service, action.message, planned.cause);
                } else if constexpr (std::is_same_v<A, EmitStartedTasksEvent>) {
                    if (!applied.started_task_ids.empty()) {
                        const int replaced = std::min<int>(action.replaced_unhealthy_count,
                                                           static_cast<int>(applied.started_task_ids.size()));
                        add_event(ctx, service,
                                  started_tasks_message(service.name, applied.started_task_ids, replaced),
                                  planned.cause);
                    }
                } else {
                    apply_bookkeeping(ctx, service, planned);
                }
            },
            planned.action);
    }
    return applied;
}

void sync_deployment_desired_counts(const ecs::EcsState& state, ecs::Service& service, Instant now) {
    std::vector<const ecs::Task*> storage;
    const auto tasks = tasks_of_service(state, service, storage);
    for (auto& deployment : service.deployments) {
        int wanted = service.desired_count;
        if (deployment.status != ecs::DeploymentStatus::Primary) {
            wanted = static_cast<int>(std::count_if(tasks.begin(), tasks.end(), [&](const ecs::Task* task) {
                return task->deployment_id == deployment.id && task->is_live() &&
                       task->desired_status != ecs::DesiredStatus::Stopped;
            }));
        }
        if (deployment.desired_count == wanted) continue;
        deployment.desired_count = wanted;
        deployment.updated_at = now;
    }
}

}  // namespace ecsemu::core::engine
