#pragma once
// Everything ECS knows in one (account, region), and the lookups every operation shares. Ordered maps
// throughout: listing and deciding iterate them, and the order must not depend on hashing.
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "emulator/core/ecs/service_discovery.hpp"
#include "emulator/core/errors.hpp"
#include "emulator/core/model/ecs_arns.hpp"
#include "emulator/core/model/ecs_cluster.hpp"
#include "emulator/core/model/ecs_service.hpp"
#include "emulator/core/model/ecs_task.hpp"
#include "emulator/core/model/ecs_task_definition.hpp"

namespace ecsemu::core::ecs {

struct TaskDefinitionFamily {
    int last_revision = 0;  // revisions are never reused, even after deregistration
    std::map<int, TaskDefinition> revisions;
};

// A Cloud Map namespace Service Connect refers to. Until a Cloud Map emulation owns namespaces, ECS records
// the ones it is told about here (ECS itself creates a namespace a cluster default names, reference §5.1).
struct CloudMapNamespace {
    std::string name;  // ielts.local
    std::string id;    // ns-<16 alnum>
    std::string arn;
};

// Indexes over EcsState::tasks (any status, until forgotten) that store_task and forget_stopped_task keep, so
// what is asked on every launch and every minute (a service's tasks, a placement group's tasks, the addresses
// taken in a subnet) is answered without walking every task. Entries point at the tasks' nodes in
// EcsState::tasks, which stay put until the task is forgotten (and when the state is moved); the index is
// therefore not copyable.
struct TaskIndex {
    // Ordered by (cluster name, task id); a vector, as every minute walks them all and few change.
    using Tasks = std::vector<Task*>;
    // Hashed: only ever looked up (every per-minute walk and every reconcile asks for a service's tasks),
    // never walked in order.
    using ByName = std::unordered_map<std::string, std::unordered_map<std::string, Tasks>>;
    ByName by_service;  // cluster -> service name -> tasks
    ByName by_group;    // cluster -> group -> tasks
    // private IPv4 -> each task that had the address, in any subnet (a STOPPED task keeps it while a newer
    // one reuses it; tasks in different VPCs may share one). Hashed by address alone: the ALB and the
    // simulator's traffic look one up for every target, and rarely know the subnet.
    std::unordered_map<std::string, Tasks> by_address;
    // Task id -> the task stored last with it. Ids are drawn at random, so the id alone finds a task, hashed:
    // the engine finds a task by id at every step of its lifecycle, and a tree of ten thousand ids is a dozen
    // cache-missing string compares deep. Keys view the tasks' own ids.
    std::unordered_map<std::string_view, Task*> by_id;

    TaskIndex() = default;
    TaskIndex(const TaskIndex&) = delete;
    TaskIndex& operator=(const TaskIndex&) = delete;
    TaskIndex(TaskIndex&&) = default;
    TaskIndex& operator=(TaskIndex&&) = default;
};

struct EcsState {
    ArnScope scope;
    std::map<std::string, Cluster> clusters;                                    // by cluster name
    std::map<std::string, TaskDefinitionFamily, std::less<>> task_definitions;  // by family
    // cluster name -> service name -> the newest service of that name (INACTIVE ones stay describable).
    // Both levels compare with string_views too, so a lookup by name builds no string.
    std::map<std::string, std::map<std::string, Service, std::less<>>, std::less<>> services;
    // DRAINING services that a CreateService of the same name replaced; their tasks still drain.
    std::vector<Service> replaced_services;
    std::map<std::string, std::map<std::string, Task>> tasks;  // cluster name -> task id -> task
    TaskIndex task_index;                                      // over `tasks`
    std::map<std::string, CloudMapNamespace> namespaces;       // by namespace name
    // "<namespace arn>|<discoveryName>" -> Cloud Map service ARN, stable across deployments.
    std::map<std::string, std::string> discovery_services;
    // Cloud Map, when the emulator has it (EcsWorld::set_service_discovery); not owned.
    ServiceDiscovery* discovery = nullptr;

    explicit EcsState(ArnScope arn_scope) : scope(std::move(arn_scope)) {}
};

inline constexpr std::string_view kDefaultClusterName = "default";

// Cluster, service, family and container names: 1-255 letters, digits, underscores and hyphens.
bool is_valid_ecs_name(std::string_view name);

// "name" or "arn:...:cluster/name" -> "name"; empty -> "default".
std::string cluster_name_of(std::string_view name_or_arn);
// "name", "arn:...:service/cluster/name" or the short "arn:...:service/name" -> "name".
std::string service_name_of(std::string_view name_or_arn);
// "<id>" or "arn:...:task/cluster/<id>" -> "<id>".
std::string task_id_of(std::string_view id_or_arn);

Cluster* find_cluster(EcsState& state, std::string_view name_or_arn);
const Cluster* find_cluster(const EcsState& state, std::string_view name_or_arn);
// The cluster if it exists and is not INACTIVE; ClusterNotFoundException otherwise.
Result<Cluster*> require_active_cluster(EcsState& state, std::string_view name_or_arn);
Result<const Cluster*> require_active_cluster(const EcsState& state, std::string_view name_or_arn);

Service* find_service(EcsState& state, std::string_view cluster_name, std::string_view name_or_arn);
const Service* find_service(const EcsState& state, std::string_view cluster_name,
                            std::string_view name_or_arn);
Task* find_task(EcsState& state, const std::string& cluster_name, std::string_view id_or_arn);
const Task* find_task(const EcsState& state, const std::string& cluster_name, std::string_view id_or_arn);
// The same by a bare task id (no ARN), as the engine and the simulator keep them.
Task* find_task_by_id(EcsState& state, const std::string& cluster_name, const std::string& task_id);
// The task with this bare id in whichever cluster holds it (ids are unique in a region: drawn at random from
// its one id source).
Task* find_task_in_any_cluster(EcsState& state, const std::string& task_id);
const Task* find_task_in_any_cluster(const EcsState& state, const std::string& task_id);

// Services of a cluster, including replaced DRAINING ones, in a stable order.
std::vector<const Service*> services_of_cluster(const EcsState& state, const std::string& cluster_name);

}  // namespace ecsemu::core::ecs
