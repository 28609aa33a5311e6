#include "emulator/core/scheduler/event_text.hpp"

namespace ecsemu::core::scheduler {

namespace {

// Every service message opens with "(service NAME)": written by service_prefix, read by is_service_message.
constexpr std::string_view kServiceOpen = "(service ";
constexpr char kServiceClose = ')';

std::string service_prefix(std::string_view service) {
    std::string out(kServiceOpen);
    out += service;
    out += kServiceClose;
    return out;
}

std::string task_list(const std::vector<std::string>& task_ids) {
    std::string out;
    for (const auto& id : task_ids) {
        if (!out.empty()) out += ' ';
        out += "(task " + id + ")";
    }
    return out;
}

}  // namespace

std::string started_tasks_message(std::string_view service, const std::vector<std::string>& task_ids,
                                  int replaced_unhealthy) {
    std::string out = service_prefix(service) + " has started " + std::to_string(task_ids.size()) +
                      " tasks: " + task_list(task_ids) + ".";
    if (replaced_unhealthy > 0) {
        out += " Amazon ECS replaced " + std::to_string(replaced_unhealthy) +
               " tasks due to an unhealthy status.";
    }
    return out;
}

std::string stopped_running_tasks_message(std::string_view service,
                                          const std::vector<std::string>& task_ids) {
    return service_prefix(service) + " has stopped " + std::to_string(task_ids.size()) +
           " running tasks: " + task_list(task_ids) + ".";
}

std::string stopped_pending_tasks_message(std::string_view service, int count) {
    return service_prefix(service) + " stopped " + std::to_string(count) + " pending tasks.";
}

std::string deployment_completed_message(std::string_view service, std::string_view deployment_id) {
    return service_prefix(service) + " (deployment " + std::string(deployment_id) + ") deployment completed.";
}

std::string steady_state_message(std::string_view service) {
    return service_prefix(service) + std::string(kSteadyStateText);
}

std::string deployment_failed_message(std::string_view service, std::string_view deployment_id) {
    return service_prefix(service) + " (deployment " + std::string(deployment_id) +
           ") deployment failed: tasks failed to start.";
}

std::string rolling_back_message(std::string_view service, std::string_view deployment_id) {
    return service_prefix(service) + " rolling back to deployment " + std::string(deployment_id) + ".";
}

std::string unable_to_start_consistently_message(std::string_view service) {
    return service_prefix(service) + std::string(kUnableToStartConsistentlyText);
}

std::string deployment_configuration_stall_message(std::string_view service) {
    return service_prefix(service) + std::string(kDeploymentConfigurationStallText);
}

bool is_service_message(std::string_view service, std::string_view message, std::string_view text) {
    const std::size_t close = kServiceOpen.size() + service.size();
    return message.size() == close + 1 + text.size() && message.starts_with(kServiceOpen) &&
           message.substr(kServiceOpen.size(), service.size()) == service &&
           message[close] == kServiceClose && message.ends_with(text);
}

std::string scaling_activity_reason(std::string_view deployment_id) {
    return "Scaling activity initiated by (deployment " + std::string(deployment_id) + ")";
}

std::string elb_health_check_failure_reason(std::string_view target_group_arn) {
    return "Task failed ELB health checks in (target-group " + std::string(target_group_arn) + ")";
}

std::string container_health_check_failure_reason() {
    return "Task failed container health checks";
}

std::string rollout_in_progress_reason(std::string_view deployment_id) {
    return "ECS deployment " + std::string(deployment_id) + " in progress.";
}

std::string rollout_completed_reason(std::string_view deployment_id) {
    return "ECS deployment " + std::string(deployment_id) + " completed.";
}

std::string circuit_breaker_failed_reason() {
    return "ECS deployment circuit breaker: tasks failed to start.";
}

std::string circuit_breaker_rollback_reason(std::string_view completed_deployment_id) {
    return "ECS deployment circuit breaker: rolling back to deploymentId " +
           std::string(completed_deployment_id) + ".";
}

}  // namespace ecsemu::core::scheduler
