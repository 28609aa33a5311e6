#include "emulator/core/engine/service_view_builder.hpp"

#include <algorithm>

#include "emulator/core/ecs/awsvpc.hpp"
#include "emulator/core/ecs/task_definitions.hpp"
#include "emulator/core/ecs/tasks.hpp"
#include "emulator/core/engine/model_mapping.hpp"
#include "emulator/core/engine/world_index.hpp"
#include "emulator/core/scheduler/condition_events.hpp"

namespace ecsemu::core::engine {

namespace {

// Assigns every field, so a record reused from another deployment keeps nothing of it (only its strings'
// storage).
void fill_deployment_view(const ecs::Deployment& deployment, scheduler::DeploymentView& view) {
    view.id = deployment.id;
    view.status = to_scheduler(deployment.status);
    view.task_definition_arn = deployment.task_definition_arn;
    view.created_at = deployment.created_at;
    view.rollout_state = to_scheduler(deployment.rollout_state);
    view.failed_tasks = deployment.failed_tasks;
    view.had_running_task = deployment.had_running_task;
}

// Assigns every field, so a record reused from another task keeps nothing of it.
void fill_task_view(const ecs::Task& task, scheduler::TargetHealth target_health, scheduler::TaskView& view) {
    view.id = task.id;
    view.deployment_id = task.deployment_id;
    view.last_status = to_scheduler(task.last_status);
    view.desired_status = to_scheduler(task.desired_status);
    view.health_status = to_scheduler(task.health_status);
    view.target_health = target_health;
    view.created_at = task.created_at;
    view.started_at = task.started_at;
    view.availability_zone = task.availability_zone;
    view.stop_code.reset();
    if (task.stop_code) view.stop_code = to_scheduler(*task.stop_code);
    view.start_failure_recorded = task.start_failure_recorded;
}

// The service's subnets into `subnets`, its records reused.
void fill_subnet_views(const ecs::EcsState& state, const Ec2Directory& ec2, const ecs::Service& service,
                       std::vector<scheduler::SubnetView>& subnets) {
    if (!service.network_configuration || !service.network_configuration->awsvpc_configuration) {
        subnets.clear();
        return;
    }
    const auto& subnet_ids = service.network_configuration->awsvpc_configuration->subnets;
    subnets.resize(subnet_ids.size());
    for (std::size_t i = 0; i < subnet_ids.size(); ++i) {
        const std::string& subnet_id = subnet_ids[i];
        subnets[i].subnet_id = subnet_id;
        subnets[i].availability_zone = ecs::subnet_availability_zone(ec2, state.scope.region, subnet_id);
    }
}

scheduler::LaunchBackoffState backoff_view(const ecs::LaunchBackoff& backoff) {
    scheduler::LaunchBackoffState view;
    view.consecutive_start_failures = backoff.consecutive_start_failures;
    view.task_definition_arn = backoff.task_definition_arn;
    view.last_failure_at = backoff.last_failure_at;
    view.next_launch_at = backoff.next_launch_at;
    return view;
}

}  // namespace

bool has_container_health_checks(const ecs::TaskDefinition& task_definition) {
    return std::any_of(task_definition.container_definitions.begin(),
                       task_definition.container_definitions.end(),
                       [](const ecs::ContainerDefinition& c) { return c.essential && c.health_check; });
}

std::span<const ecs::Task* const> tasks_of_service(const ecs::EcsState& state, const ecs::Service& service,
                                                   std::vector<const ecs::Task*>& storage) {
    storage.clear();
    const auto launched = ecs::tasks_launched_for(state, service.cluster_name, service.name);
    if (!name_reused(state, service.cluster_name, service.name)) {
        const ecs::Service* current = ecs::find_service(state, service.cluster_name, service.name);
        return current == &service ? launched : std::span<const ecs::Task* const>();
    }
    for (const ecs::Task* task : launched) {
        if (belongs_to(state, service, *task)) storage.push_back(task);
    }
    return storage;
}

scheduler::ServiceView build_service_view(const ecs::EcsState& state, const Ec2Directory& ec2,
                                          const ecs::Service& service,
                                          const TargetHealthInput& target_health) {
    scheduler::ServiceView view;
    build_service_view(state, ec2, service, target_health, view);
    return view;
}

void build_service_view(const ecs::EcsState& state, const Ec2Directory& ec2, const ecs::Service& service,
                        const TargetHealthInput& target_health, scheduler::ServiceView& view) {
    // Every field assigned, and the records of its lists reused: one view is built for every reconcile of
    // every service, and starting each afresh allocated a dozen strings and lists a build.
    view.name = service.name;
    view.desired_count = service.desired_count;
    const ecs::DeploymentConfiguration& config = service.deployment_configuration;
    view.deployment_configuration = scheduler::DeploymentConfigurationView{};
    view.deployment_configuration.minimum_healthy_percent = config.minimum_healthy_percent;
    view.deployment_configuration.maximum_percent = config.maximum_percent;
    view.deployment_configuration.circuit_breaker.enable = config.circuit_breaker.enable;
    view.deployment_configuration.circuit_breaker.rollback = config.circuit_breaker.rollback;
    view.health_check_grace_period_seconds = service.health_check_grace_period_seconds;
    if (target_health.connected && !service.load_balancers.empty()) {
        view.target_group_arn = service.load_balancers.front().target_group_arn;
    } else {
        view.target_group_arn.clear();
    }
    view.container_health_checks = false;
    const ecs::Deployment* primary = service.primary_deployment();
    if (primary != nullptr) {
        const ecs::TaskDefinition* td = ecs::find_task_definition(state, primary->task_definition_arn);
        view.container_health_checks = td != nullptr && has_container_health_checks(*td);
    }
    fill_subnet_views(state, ec2, service, view.subnets);
    view.deployments.resize(service.deployments.size());
    for (std::size_t i = 0; i < service.deployments.size(); ++i)
        fill_deployment_view(service.deployments[i], view.deployments[i]);
    // Both are in task id order: one walk pairs each task with its target health.
    auto health = target_health.by_task_id.begin();
    std::vector<const ecs::Task*> storage;
    const auto tasks = tasks_of_service(state, service, storage);
    view.tasks.resize(tasks.size());
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        const ecs::Task& task = *tasks[i];
        while (health != target_health.by_task_id.end() && health->first < task.id) ++health;
        const bool known = health != target_health.by_task_id.end() && health->first == task.id;
        fill_task_view(task, known ? health->second : scheduler::TargetHealth::None, view.tasks[i]);
    }
    view.launch_backoff = backoff_view(service.launch_backoff);
    if (service.last_completed_deployment) {
        view.last_completed_deployment = scheduler::CompletedDeploymentRef{
            service.last_completed_deployment->id, service.last_completed_deployment->task_definition_arn};
    } else {
        view.last_completed_deployment.reset();
    }
    // The scheduler reads the events newest first and stops at the first that is not a condition event
    // (condition_events.hpp), so the ones after it cannot change a plan. Copying all of them (up to a
    // hundred) made the copies most of a busy service's reconcile.
    std::size_t events = 0;
    for (const auto& event : service.events) {
        if (events == view.recent_events.size()) view.recent_events.emplace_back();
        scheduler::RecentEvent& recent = view.recent_events[events++];
        recent.message = event.message;
        recent.created_at = event.created_at;
        if (!scheduler::is_condition_message(service.name, event.message)) break;
    }
    view.recent_events.resize(events);
}

}  // namespace ecsemu::core::engine
