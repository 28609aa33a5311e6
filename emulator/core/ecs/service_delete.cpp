#include "emulator/core/ecs/ecs_errors.hpp"
#include "emulator/core/ecs/services.hpp"
#include "emulator/core/ecs/tasks.hpp"

namespace ecsemu::core::ecs {

Result<Service> delete_service(EcsState& state, std::string_view cluster_ref, std::string_view service_ref,
                               bool force) {
    auto cluster = require_active_cluster(state, cluster_ref);
    if (!cluster) return cluster.error();
    Service* service = find_service(state, cluster.value()->name, service_ref);
    if (service == nullptr || service->status == ServiceStatus::Inactive) return service_not_found();
    if (service->status == ServiceStatus::Draining) return *service;
    if (service->desired_count > 0 && !force) {
        return invalid_parameter("The service cannot be stopped while it is scaled above 0.");
    }
    service->status = ServiceStatus::Draining;
    service->desired_count = 0;
    for (auto& deployment : service->deployments) deployment.desired_count = 0;
    Service as_deleted = *service;
    finish_draining(state, *service);
    return as_deleted;
}

bool finish_draining(const EcsState& state, Service& service) {
    if (service.status != ServiceStatus::Draining) return false;
    for (const Task* task : tasks_launched_for(state, service.cluster_name, service.name)) {
        if (task->is_live() && service.find_deployment(task->deployment_id) != nullptr) return false;
    }
    service.status = ServiceStatus::Inactive;
    return true;
}

namespace {

// RUNNING and pending tasks launched under the service's name whose deployment `counted` accepts.
template <class Counted>
DeploymentTaskCounts count_tasks(const EcsState& state, const Service& service, Counted counted) {
    DeploymentTaskCounts counts;
    for (const Task* task : tasks_launched_for(state, service.cluster_name, service.name)) {
        const bool running = task->last_status == TaskStatus::Running;
        const bool pending = is_pending(task->last_status);
        // The status first: most of a busy service's tasks are STOPPED or stopping, and asking the
        // deployment compares ids.
        if ((!running && !pending) || task->deployment_id.empty() || !counted(task->deployment_id)) continue;
        if (running) ++counts.running;
        if (pending) ++counts.pending;
    }
    return counts;
}

}  // namespace

DeploymentTaskCounts count_deployment_tasks(const EcsState& state, const Service& service,
                                            const std::string& deployment_id) {
    return count_tasks(state, service, [&](const std::string& id) { return id == deployment_id; });
}

DeploymentTaskCounts count_service_tasks(const EcsState& state, const Service& service) {
    return count_tasks(state, service,
                       [&](const std::string& id) { return service.find_deployment(id) != nullptr; });
}

std::vector<const Service*> list_services(const EcsState& state, const std::string& cluster_name,
                                          std::optional<LaunchType> launch_type,
                                          std::optional<SchedulingStrategy> scheduling_strategy) {
    std::vector<const Service*> out;
    const auto it = state.services.find(cluster_name);
    if (it == state.services.end()) return out;
    for (const auto& [name, service] : it->second) {
        if (service.status == ServiceStatus::Inactive) continue;
        // A capacity provider strategy on ecsemu always means Fargate.
        if (launch_type && service.launch_type.value_or(LaunchType::Fargate) != *launch_type) continue;
        if (scheduling_strategy && service.scheduling_strategy != *scheduling_strategy) continue;
        out.push_back(&service);
    }
    return out;
}

}  // namespace ecsemu::core::ecs
