#include "emulator/core/ecs/tasks.hpp"

#include <algorithm>
#include <tuple>

#include "emulator/core/ecs/awsvpc.hpp"
#include "emulator/core/ecs/ecs_errors.hpp"
#include "emulator/core/ecs/fargate.hpp"
#include "emulator/core/ecs/tagging.hpp"
#include "emulator/core/ecs/task_definitions.hpp"

namespace ecsemu::core::ecs {

namespace {

constexpr int kDefaultFargateEphemeralStorageGib = 20;

// One override per container of the definition, in definition order, carrying what the request gave.
std::vector<ContainerOverride> per_container_overrides(const TaskDefinition& td,
                                                       const std::vector<ContainerOverride>& requested) {
    std::vector<ContainerOverride> out;
    for (const auto& container : td.container_definitions) {
        const auto it = std::find_if(requested.begin(), requested.end(),
                                     [&](const ContainerOverride& o) { return o.name == container.name; });
        if (it != requested.end()) {
            out.push_back(*it);
        } else {
            ContainerOverride plain;
            plain.name = container.name;
            out.push_back(std::move(plain));
        }
    }
    return out;
}

Container make_container(const EcsState& state, const Task& task, const ContainerDefinition& definition,
                         const ContainerOverride& override_, IdSource& ids) {
    Container container;
    container.arn = container_arn(state.scope, task.cluster_name, task.id, ids.uuid());
    container.name = definition.name;
    container.image = definition.image;
    container.cpu_units = override_.cpu_units.value_or(definition.cpu_units);
    container.memory_mib = override_.memory_mib ? override_.memory_mib : definition.memory_mib;
    container.memory_reservation_mib = override_.memory_reservation_mib ? override_.memory_reservation_mib
                                                                        : definition.memory_reservation_mib;
    container.essential = definition.essential;
    return container;
}

// What ECS adds to every task of a Service Connect service (reference §5.2): the Envoy container, with the
// environment ECS passes it through containerOverrides, and a ServiceConnect attachment.
void add_service_connect_agent(const EcsState& state, Task& task, IdSource& ids) {
    Container agent;
    agent.name = "ecs-service-connect-" + ids.alnum_lower(5);
    agent.arn = container_arn(state.scope, task.cluster_name, task.id, ids.uuid());
    agent.image = kServiceConnectAgentImage;
    agent.essential = true;
    agent.service_connect_agent = true;
    ContainerOverride environment;
    environment.name = agent.name;
    environment.environment = {{"ENVOY_CONCURRENCY", "2"},
                               {"ENVOY_ADMIN_MODE", "UDS"},
                               {"APPNET_AGENT_ADMIN_MODE", "UDS"},
                               {"ENABLE_STATS_SNAPSHOT", "true"},
                               {"APPMESH_METRIC_EXTENSION_VERSION", "1"},
                               {"APPNET_ENVOY_RESTART_COUNT", "3"},
                               {"HC_DISCONNECTED_TIMEOUT_S", "10800"}};
    task.containers.push_back(std::move(agent));
    task.overrides.container_overrides.push_back(std::move(environment));
    task.service_connect_attachment_id = ids.uuid();
}

Tags tags_for_task(const RunTaskSpec& spec, const TaskDefinition& td) {
    Tags tags;
    if (spec.propagate_tags == PropagateTags::TaskDefinition) tags = td.tags;
    for (const auto& [key, value] : spec.tags) tags[key] = value;
    return tags;
}

// Where `task` goes in a TaskIndex::Tasks, ordered by (cluster name, task id).
TaskIndex::Tasks::iterator position_of(TaskIndex::Tasks& tasks, const Task& task) {
    return std::lower_bound(tasks.begin(), tasks.end(), &task, [](const Task* a, const Task* b) {
        return std::tie(a->cluster_name, a->id) < std::tie(b->cluster_name, b->id);
    });
}

void add_entry(TaskIndex::Tasks& tasks, Task& task) {
    const auto at = position_of(tasks, task);
    if (at != tasks.end() && (*at)->cluster_name == task.cluster_name && (*at)->id == task.id) {
        *at = &task;
    } else {
        tasks.insert(at, &task);
    }
}

void index_task(TaskIndex& index, Task& task) {
    // Re-keyed when the id is indexed for another cluster's task: the key must view this task's id.
    if (const auto [at, added] = index.by_id.try_emplace(std::string_view(task.id), &task); !added) {
        index.by_id.erase(at);
        index.by_id.emplace(std::string_view(task.id), &task);
    }
    if (!task.service_name.empty()) add_entry(index.by_service[task.cluster_name][task.service_name], task);
    add_entry(index.by_group[task.cluster_name][task.group], task);
    if (task.eni) add_entry(index.by_address[task.eni->private_ipv4_address], task);
}

// Removes `task` from `level`'s entries under `key`, and the key when it leaves it empty (for the ordered and
// the hashed levels alike).
template <class Level>
void erase_entry(Level& level, const std::string& key, const Task& task) {
    const auto tasks = level.find(key);
    if (tasks == level.end()) return;
    const auto at = position_of(tasks->second, task);
    if (at != tasks->second.end() && *at == &task) tasks->second.erase(at);
    if (tasks->second.empty()) level.erase(tasks);
}

// The same in a two-level index, dropping the outer level too when it empties.
void erase_entry(TaskIndex::ByName& index, const std::string& outer, const std::string& inner,
                 const Task& task) {
    const auto level = index.find(outer);
    if (level == index.end()) return;
    erase_entry(level->second, inner, task);
    if (level->second.empty()) index.erase(level);
}

void unindex_task(TaskIndex& index, const Task& task) {
    if (const auto by_id = index.by_id.find(task.id); by_id != index.by_id.end() && by_id->second == &task)
        index.by_id.erase(by_id);
    if (!task.service_name.empty()) erase_entry(index.by_service, task.cluster_name, task.service_name, task);
    erase_entry(index.by_group, task.cluster_name, task.group, task);
    if (task.eni) erase_entry(index.by_address, task.eni->private_ipv4_address, task);
}

std::span<const Task* const> indexed_tasks(const TaskIndex::ByName& index, const std::string& outer,
                                           const std::string& inner) {
    const auto level = index.find(outer);
    if (level == index.end()) return {};
    const auto tasks = level->second.find(inner);
    if (tasks == level->second.end()) return {};
    return {tasks->second.data(), tasks->second.size()};
}

}  // namespace

Status validate_task_overrides(const TaskDefinition& task_definition, const TaskOverride& overrides) {
    for (const auto& container_override : overrides.container_overrides) {
        if (task_definition.find_container(container_override.name) == nullptr) {
            return invalid_parameter("Override for container named " + container_override.name +
                                     " is not a container in the TaskDefinition.");
        }
    }
    if (overrides.cpu && !parse_task_cpu_units(*overrides.cpu)) {
        return invalid_parameter("Invalid 'cpu' setting for task.");
    }
    if (overrides.memory && !parse_task_memory_mib(*overrides.memory)) {
        return invalid_parameter("Invalid 'memory' setting for task.");
    }
    return Ok{};
}

Result<Task*> launch_task(EcsState& state, const Ec2Directory& ec2, const TaskLaunch& launch, Instant now,
                          IdSource& ids) {
    const TaskDefinition& td = *launch.task_definition;
    Task task;
    task.id = ids.hex(32);
    task.cluster_name = launch.cluster_name;
    task.cluster_arn = cluster_arn(state.scope, launch.cluster_name);
    task.arn = task_arn(state.scope, launch.cluster_name, task.id);
    task.task_definition_arn = td.arn;
    task.family = td.family;
    task.group = launch.group;
    if (launch.awsvpc) {
        const SubnetInfo subnet =
            choose_subnet(state, ec2, launch.cluster_name, launch.group, *launch.awsvpc);
        auto eni = allocate_task_eni(state, subnet, ids);
        if (!eni) {
            return AwsError::client("RESOURCE:ENI",
                                    "No free private IPv4 address in subnet " + subnet.subnet_id);
        }
        task.availability_zone = subnet.availability_zone;
        task.eni = std::move(*eni);
    }
    task.overrides = launch.overrides;
    task.overrides.container_overrides = per_container_overrides(td, launch.overrides.container_overrides);
    for (std::size_t i = 0; i < td.container_definitions.size(); ++i) {
        task.containers.push_back(make_container(state, task, td.container_definitions[i],
                                                 task.overrides.container_overrides[i], ids));
    }
    if (launch.service_connect) add_service_connect_agent(state, task, ids);
    task.cpu_units = launch.overrides.cpu ? parse_task_cpu_units(*launch.overrides.cpu) : td.cpu_units;
    task.memory_mib =
        launch.overrides.memory ? parse_task_memory_mib(*launch.overrides.memory) : td.memory_mib;
    task.created_at = now;
    task.last_status_at = now;
    task.started_by = launch.started_by;
    task.launch_type = launch.target.launch_type;
    task.capacity_provider_name = launch.target.capacity_provider_name;
    task.platform_version = launch.platform_version;
    if (launch.target.launch_type == LaunchType::Fargate) {
        task.platform_family = "Linux";
        task.ephemeral_storage_gib = launch.overrides.ephemeral_storage_gib.value_or(
            td.ephemeral_storage_gib.value_or(kDefaultFargateEphemeralStorageGib));
    }
    task.enable_execute_command = launch.enable_execute_command;
    task.tags = launch.tags;
    task.service_name = launch.service_name;
    task.deployment_id = launch.deployment_id;
    return &store_task(state, std::move(task));
}

Task& store_task(EcsState& state, Task task) {
    const std::string cluster = task.cluster_name;
    const std::string id = task.id;
    auto& tasks = state.tasks[cluster];
    // Stored over a task of the same id: the id index's key views the id being replaced (moving the new task
    // in may hand its buffer away), so that entry goes first and index_task adds it afresh.
    if (const auto existing = tasks.find(id); existing != tasks.end()) {
        const auto indexed = state.task_index.by_id.find(std::string_view(id));
        if (indexed != state.task_index.by_id.end() && indexed->second == &existing->second)
            state.task_index.by_id.erase(indexed);
    }
    Task& stored = tasks.insert_or_assign(id, std::move(task)).first->second;
    index_task(state.task_index, stored);
    return stored;
}

std::span<const Task* const> tasks_launched_for(const EcsState& state, const std::string& cluster_name,
                                                const std::string& service_name) {
    return indexed_tasks(state.task_index.by_service, cluster_name, service_name);
}

std::span<const Task* const> tasks_in_group(const EcsState& state, const std::string& cluster_name,
                                            const std::string& group) {
    return indexed_tasks(state.task_index.by_group, cluster_name, group);
}

bool address_taken(const EcsState& state, const std::string& subnet_id, const std::string& ipv4) {
    const auto holders = state.task_index.by_address.find(ipv4);
    if (holders == state.task_index.by_address.end()) return false;
    return std::any_of(holders->second.begin(), holders->second.end(), [&subnet_id](const Task* holder) {
        return holder->is_live() && holder->eni && holder->eni->subnet_id == subnet_id;
    });
}

std::vector<const Task*> tasks_with_address(const EcsState& state, const std::string& ipv4) {
    const auto holders = state.task_index.by_address.find(ipv4);
    if (holders == state.task_index.by_address.end()) return {};
    return {holders->second.begin(), holders->second.end()};
}

const Task* last_live_task_with_address(const EcsState& state, const std::string& ipv4) {
    const auto holders = state.task_index.by_address.find(ipv4);
    if (holders == state.task_index.by_address.end()) return nullptr;
    for (auto it = holders->second.rbegin(); it != holders->second.rend(); ++it) {
        if ((*it)->is_live()) return *it;
    }
    return nullptr;
}

bool forget_stopped_task(EcsState& state, const std::string& cluster_name, const std::string& task_id,
                         Instant cutoff) {
    const auto cluster = state.tasks.find(cluster_name);
    if (cluster == state.tasks.end()) return false;
    const auto it = cluster->second.find(task_id);
    if (it == cluster->second.end()) return false;
    const Task& task = it->second;
    if (task.is_live() || !task.stopped_at || *task.stopped_at >= cutoff) return false;
    unindex_task(state.task_index, task);
    const std::string id = task.id;
    cluster->second.erase(it);
    // The id held by another cluster's task too (ids are never drawn twice, but can be stored so): that task
    // is what the id finds now.
    if (state.task_index.by_id.count(id) == 0) {
        for (auto& [name, tasks] : state.tasks) {
            if (const auto other = tasks.find(id); other != tasks.end()) {
                state.task_index.by_id.emplace(std::string_view(other->second.id), &other->second);
                break;
            }
        }
    }
    return true;
}

Result<RunTaskOutcome> run_task(EcsState& state, const Ec2Directory& ec2, RunTaskSpec spec, Instant now,
                                IdSource& ids) {
    auto cluster = require_active_cluster(state, spec.cluster);
    if (!cluster) return cluster.error();
    const int count = spec.count.value_or(1);
    if (count < 1 || count > 10) return invalid_parameter("count must be between 1 and 10.");
    auto td = require_launchable_task_definition(state, spec.task_definition, "InvalidParameterException");
    if (!td) return td.error();
    auto target = resolve_launch_target(*cluster.value(), spec.launch_type, spec.capacity_provider_strategy);
    if (!target) return target.error();
    auto platform_version = resolve_platform_version(target->launch_type, spec.platform_version);
    if (!platform_version) return platform_version.error();
    if (target->launch_type != LaunchType::Fargate) {
        // ecsemu registers no container instances, so EC2 and EXTERNAL tasks never find a place.
        RunTaskOutcome outcome;
        outcome.failures.push_back(
            {cluster.value()->arn, "No Container Instances were found in your cluster.", ""});
        return outcome;
    }
    if (!td.value()->supports(LaunchType::Fargate)) {
        return invalid_parameter("Task definition does not support launch_type FARGATE.");
    }
    if (auto status =
            validate_network_configuration(ec2, state.scope.region, *td.value(), spec.network_configuration);
        !status) {
        return status.error();
    }
    if (auto status = validate_task_overrides(*td.value(), spec.overrides); !status) return status.error();
    if (auto status = validate_tags({}, spec.tags); !status) return status.error();

    TaskLaunch launch;
    launch.cluster_name = cluster.value()->name;
    launch.task_definition = td.value();
    launch.target = target.value();
    launch.platform_version = platform_version.value();
    if (spec.network_configuration) launch.awsvpc = spec.network_configuration->awsvpc_configuration;
    launch.group = spec.group.empty() ? "family:" + td.value()->family : spec.group;
    launch.started_by = spec.started_by;
    launch.tags = tags_for_task(spec, *td.value());
    launch.overrides = std::move(spec.overrides);
    launch.enable_execute_command = spec.enable_execute_command;

    RunTaskOutcome outcome;
    for (int i = 0; i < count; ++i) {
        auto task = launch_task(state, ec2, launch, now, ids);
        if (task) {
            outcome.tasks.push_back(*task.value());
        } else {
            outcome.failures.push_back({cluster.value()->arn, task.error().code, task.error().message});
        }
    }
    return outcome;
}

Result<Task> stop_task(EcsState& state, std::string_view cluster_ref, std::string_view task_ref,
                       const std::string& reason, Instant now) {
    auto cluster = require_active_cluster(state, cluster_ref);
    if (!cluster) return cluster.error();
    Task* task = find_task(state, cluster.value()->name, task_ref);
    if (task == nullptr) return invalid_parameter("The referenced task was not found.");
    if (task->desired_status != DesiredStatus::Stopped) {
        task->desired_status = DesiredStatus::Stopped;
        task->stopping_at = now;
        task->stop_code = TaskStopCode::UserInitiated;
        task->stopped_reason = reason.empty() ? "Task stopped by user" : reason;
        ++task->version;
    }
    return *task;
}

void settle_stopped_task(Task& task, Instant now) {
    if (task.last_status == TaskStatus::Stopped) return;
    task.last_status = TaskStatus::Stopped;
    task.last_status_at = now;
    task.desired_status = DesiredStatus::Stopped;
    if (!task.stopping_at) task.stopping_at = now;
    task.execution_stopped_at = now;
    task.stopped_at = now;
    for (auto& container : task.containers) container.last_status = ContainerStatus::Stopped;
    if (task.eni) task.eni->status = AttachmentStatus::Deleted;
    ++task.version;
}

Result<std::vector<const Task*>> list_tasks(const EcsState& state, const ListTasksFilter& filter) {
    auto cluster = require_active_cluster(state, filter.cluster);
    if (!cluster) return cluster.error();
    const std::string& cluster_name = cluster.value()->name;
    std::string service_name;
    if (!filter.service_name.empty()) {
        const Service* service = find_service(state, cluster_name, filter.service_name);
        if (service == nullptr) return service_not_found();
        service_name = service->name;
    }
    std::vector<const Task*> out;
    if (!filter.container_instance.empty()) return out;
    const auto it = state.tasks.find(cluster_name);
    if (it == state.tasks.end()) return out;
    for (const auto& [id, task] : it->second) {
        if (task.desired_status != filter.desired_status) continue;
        if (!service_name.empty() && task.service_name != service_name) continue;
        if (!filter.family.empty() && task.family != filter.family) continue;
        if (!filter.started_by.empty() && task.started_by != filter.started_by) continue;
        if (filter.launch_type && task.launch_type != filter.launch_type) continue;
        out.push_back(&task);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Task* a, const Task* b) { return a->created_at < b->created_at; });
    return out;
}

}  // namespace ecsemu::core::ecs
