#pragma once
// Service event messages, stop reasons and rollout reasons, worded as ECS words them (reference §2.3, §2.4,
// §3.5). Task ids are the 32-hex ids, not ARNs.
//
// A message is "(service NAME)" and a text; the texts of the condition events are named here so that a
// message can be recognised without building it (is_service_message).
#include <string>
#include <string_view>
#include <vector>

namespace ecsemu::core::scheduler {

inline constexpr std::string_view kSteadyStateText = " has reached a steady state.";
inline constexpr std::string_view kUnableToStartConsistentlyText =
    " is unable to consistently start tasks successfully.";
inline constexpr std::string_view kDeploymentConfigurationStallText =
    " was unable to stop or start tasks during a deployment because of the service deployment configuration. "
    "Update the minimumHealthyPercent or maximumPercent value and try again.";

// "(service web) has started 2 tasks: (task a) (task b)."
// With replaced_unhealthy > 0 adds " Amazon ECS replaced 1 tasks due to an unhealthy status."
std::string started_tasks_message(std::string_view service, const std::vector<std::string>& task_ids,
                                  int replaced_unhealthy = 0);
// "(service web) has stopped 1 running tasks: (task a)."
std::string stopped_running_tasks_message(std::string_view service, const std::vector<std::string>& task_ids);
// "(service web) stopped 2 pending tasks."
std::string stopped_pending_tasks_message(std::string_view service, int count);
// "(service web) (deployment ecs-svc/1) deployment completed."
std::string deployment_completed_message(std::string_view service, std::string_view deployment_id);
// "(service web) has reached a steady state."
std::string steady_state_message(std::string_view service);
// "(service web) (deployment ecs-svc/1) deployment failed: tasks failed to start."
std::string deployment_failed_message(std::string_view service, std::string_view deployment_id);
// "(service web) rolling back to deployment ecs-svc/1."
std::string rolling_back_message(std::string_view service, std::string_view deployment_id);
// "(service web) is unable to consistently start tasks successfully."
std::string unable_to_start_consistently_message(std::string_view service);
// "(service web) was unable to stop or start tasks during a deployment because of the service deployment
//  configuration. Update the minimumHealthyPercent or maximumPercent value and try again."
std::string deployment_configuration_stall_message(std::string_view service);
// Whether `message` is "(service <service>)" followed by `text`.
bool is_service_message(std::string_view service, std::string_view message, std::string_view text);

// Task stoppedReason texts.
std::string scaling_activity_reason(
    std::string_view deployment_id);  // "Scaling activity initiated by (deployment …)"
std::string elb_health_check_failure_reason(std::string_view target_group_arn);
std::string container_health_check_failure_reason();

// Deployment rolloutStateReason texts.
std::string rollout_in_progress_reason(std::string_view deployment_id);  // "ECS deployment … in progress."
std::string rollout_completed_reason(std::string_view deployment_id);    // "ECS deployment … completed."
std::string circuit_breaker_failed_reason();  // "ECS deployment circuit breaker: tasks failed to start."
// "ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/….", as real DescribeServices
// outputs show it on the rollback deployment.
std::string circuit_breaker_rollback_reason(std::string_view completed_deployment_id);

}  // namespace ecsemu::core::scheduler
