#pragma once
// Tasks: launching (RunTask now, the service scheduler later), stopping and listing.
#include <cstddef>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/ecs/clusters.hpp"
#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/ids.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::core::ecs {

// Everything needed to create one task record. RunTask and the service scheduler both launch through it.
// The image ecsemu shows for ECS's Service Connect proxy container.
inline constexpr const char* kServiceConnectAgentImage = "ecs-service-connect-agent:interface-v1";

struct TaskLaunch {
    std::string cluster_name;
    const TaskDefinition* task_definition = nullptr;
    LaunchTarget target;
    std::string platform_version;  // resolved, e.g. 1.4.0
    std::optional<AwsVpcConfiguration> awsvpc;
    std::string group;
    std::string started_by;
    Tags tags;
    TaskOverride overrides;  // as requested; the task shows one override per container
    bool enable_execute_command = false;
    std::string service_name;   // empty for standalone tasks
    std::string deployment_id;  // empty for standalone tasks
    // The deployment enables Service Connect: the task gets ECS's proxy container and attachment.
    bool service_connect = false;
};

// Adds a task record to its cluster (task.cluster_name) and to EcsState::task_index; returns it as stored.
// REQUIRES: no task of that id in the cluster.
Task& store_task(EcsState& state, Task task);

// Creates a PROVISIONING task (ENI PRECREATED, containers PENDING) and stores it in the cluster.
// Returns the stored task (it stays put until forgotten), or the failure ECS would list instead when there is
// no room for it (no free address in the subnet).
// REQUIRES: the launch was validated (validate_task_overrides, validate_network_configuration).
Result<Task*> launch_task(EcsState& state, const Ec2Directory& ec2, const TaskLaunch& launch, Instant now,
                          IdSource& ids);

// Overrides must name containers of the definition, and task cpu/memory overrides must parse.
Status validate_task_overrides(const TaskDefinition& task_definition, const TaskOverride& overrides);

struct RunTaskSpec {
    std::string cluster;  // empty: default
    std::string task_definition;
    std::optional<int> count;  // 1..10, default 1
    std::optional<LaunchType> launch_type;
    std::vector<CapacityProviderStrategyItem> capacity_provider_strategy;
    std::optional<NetworkConfiguration> network_configuration;
    std::string platform_version;
    std::string started_by;
    std::string group;  // default family:<family>
    Tags tags;
    TaskOverride overrides;
    bool enable_execute_command = false;
    std::optional<PropagateTags> propagate_tags;
};

struct RunTaskOutcome {
    std::vector<Task> tasks;
    std::vector<Failure> failures;
};

Result<RunTaskOutcome> run_task(EcsState& state, const Ec2Directory& ec2, RunTaskSpec spec, Instant now,
                                IdSource& ids);

// StopTask: desiredStatus STOPPED, stoppingAt, stopCode UserInitiated, stoppedReason = reason (or ECS's
// default wording). The task keeps its lastStatus; whoever runs it takes it down and calls
// settle_stopped_task. Stopping a task whose desiredStatus is already STOPPED changes nothing.
Result<Task> stop_task(EcsState& state, std::string_view cluster_ref, std::string_view task_ref,
                       const std::string& reason, Instant now);

// The tasks launched for services named `service_name` in the cluster (every record of that name, any
// status, until forgotten), in id order. Reads the store's index, not the whole cluster. Both return a view
// of the index, not a copy (every minute walks every service's tasks): valid until a task is stored or
// forgotten.
std::span<const Task* const> tasks_launched_for(const EcsState& state, const std::string& cluster_name,
                                                const std::string& service_name);
// The tasks of a placement group ("service:<name>", "family:<family>" or RunTask's group) in the cluster,
// any status, in id order.
std::span<const Task* const> tasks_in_group(const EcsState& state, const std::string& cluster_name,
                                            const std::string& group);
// Whether a live task (of any cluster) holds this private address in this subnet.
bool address_taken(const EcsState& state, const std::string& subnet_id, const std::string& ipv4);
// Every task whose ENI had `ipv4`, in any subnet (STOPPED ones included), in (cluster name, task id) order.
std::vector<const Task*> tasks_with_address(const EcsState& state, const std::string& ipv4);
// The live one among them, the last in that order should tasks in two VPCs share the address; nullptr if
// none. Builds no list: the simulator asks it for every target every traffic step.
const Task* last_live_task_with_address(const EcsState& state, const std::string& ipv4);

// Removes the task from its cluster and the indexes if it is STOPPED with a stoppedAt before `cutoff`;
// whether it did.
bool forget_stopped_task(EcsState& state, const std::string& cluster_name, const std::string& task_id,
                         Instant cutoff);

// The end of a stop: lastStatus STOPPED, containers STOPPED, stoppedAt/executionStoppedAt = now.
void settle_stopped_task(Task& task, Instant now);

struct ListTasksFilter {
    std::string cluster;  // empty: default
    std::string service_name;
    std::string family;
    std::string started_by;
    std::string container_instance;  // Fargate tasks have none, so any value matches nothing
    DesiredStatus desired_status = DesiredStatus::Running;
    std::optional<LaunchType> launch_type;
};

// Tasks in creation order. ClusterNotFoundException / ServiceNotFoundException as ECS.
Result<std::vector<const Task*>> list_tasks(const EcsState& state, const ListTasksFilter& filter);

}  // namespace ecsemu::core::ecs
