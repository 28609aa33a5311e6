#pragma once
// What the console's Services tab shows, read through the public APIs (ListClusters, DescribeClusters,
// ListServices, DescribeServices, ListTasks, DescribeTasks, DescribeTargetHealth): clusters, services with
// running/desired and their deployments' rollout states, tasks with status, health, private IP and zone, and
// the health of the targets in each service's target groups. One JSON document (`ecsemu status --json`),
// rendered as text for people, and the steady-state test `ecsemu up` waits for.
#include <nlohmann/json.hpp>
#include <string>

#include "emulator/api/scenario/aws_client.hpp"
#include "emulator/core/errors.hpp"

namespace ecsemu::api::scenario {

// {"region", "clusters": [{"clusterName", "clusterArn", "status", "services": [{"serviceName", "status",
//   "desiredCount", "runningCount", "pendingCount", "taskDefinition", "deployments": [{"id", "status",
//   "rolloutState", "desiredCount", "runningCount", "pendingCount", "taskDefinition"}], "tasks": [{"taskId",
//   "lastStatus", "desiredStatus", "healthStatus", "privateIp", "availabilityZone", "taskDefinition"}],
//   "targets": [{"targetGroupArn", "targetGroupName", "id", "port", "state", "reason"}]}]}]}
core::Result<nlohmann::json> gather_status(AwsClient& client);

// Every service has one deployment, COMPLETED, running == desired, and every target not draining is healthy.
bool is_steady(const nlohmann::json& status);

// The console-like text, one block per cluster.
std::string render_status(const nlohmann::json& status);

// One line per service: "ielts-backend-service 1/2 running, targets 0/1 healthy, IN_PROGRESS".
std::string progress_summary(const nlohmann::json& status);

}  // namespace ecsemu::api::scenario
