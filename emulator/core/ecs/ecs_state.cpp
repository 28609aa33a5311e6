#include "emulator/core/ecs/ecs_state.hpp"

#include "emulator/core/ecs/ecs_errors.hpp"

namespace ecsemu::core::ecs {

bool is_valid_ecs_name(std::string_view name) {
    if (name.empty() || name.size() > 255) return false;
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

std::string cluster_name_of(std::string_view name_or_arn) {
    if (name_or_arn.empty()) return std::string(kDefaultClusterName);
    if (const auto arn = parse_ecs_arn(name_or_arn); arn && arn->resource_type == "cluster") {
        return arn->path.back();
    }
    return std::string(name_or_arn);
}

std::string service_name_of(std::string_view name_or_arn) {
    if (const auto arn = parse_ecs_arn(name_or_arn); arn && arn->resource_type == "service") {
        return arn->path.back();
    }
    return std::string(name_or_arn);
}

std::string task_id_of(std::string_view id_or_arn) {
    if (const auto arn = parse_ecs_arn(id_or_arn); arn && arn->resource_type == "task")
        return arn->path.back();
    return std::string(id_or_arn);
}

Cluster* find_cluster(EcsState& state, std::string_view name_or_arn) {
    const auto it = state.clusters.find(cluster_name_of(name_or_arn));
    return it == state.clusters.end() ? nullptr : &it->second;
}

const Cluster* find_cluster(const EcsState& state, std::string_view name_or_arn) {
    return find_cluster(const_cast<EcsState&>(state), name_or_arn);
}

Result<Cluster*> require_active_cluster(EcsState& state, std::string_view name_or_arn) {
    Cluster* cluster = find_cluster(state, name_or_arn);
    if (cluster == nullptr || !cluster->is_active()) return cluster_not_found();
    return cluster;
}

Result<const Cluster*> require_active_cluster(const EcsState& state, std::string_view name_or_arn) {
    auto found = require_active_cluster(const_cast<EcsState&>(state), name_or_arn);
    if (!found) return found.error();
    return static_cast<const Cluster*>(found.value());
}

Service* find_service(EcsState& state, std::string_view cluster_name, std::string_view name_or_arn) {
    const auto arn = parse_ecs_arn(name_or_arn);
    const bool service_arn = arn && arn->resource_type == "service";
    // A long ARN names its cluster; it must be the one the request is about.
    if (service_arn && arn->path.size() == 2 && arn->path.front() != cluster_name) return nullptr;
    const auto cluster_it = state.services.find(cluster_name);
    if (cluster_it == state.services.end()) return nullptr;
    // By the name in place (what service_name_of would copy out).
    const std::string_view name = service_arn ? std::string_view(arn->path.back()) : name_or_arn;
    const auto it = cluster_it->second.find(name);
    return it == cluster_it->second.end() ? nullptr : &it->second;
}

const Service* find_service(const EcsState& state, std::string_view cluster_name,
                            std::string_view name_or_arn) {
    return find_service(const_cast<EcsState&>(state), cluster_name, name_or_arn);
}

Task* find_task(EcsState& state, const std::string& cluster_name, std::string_view id_or_arn) {
    if (const auto arn = parse_ecs_arn(id_or_arn); arn && arn->resource_type == "task") {
        if (arn->path.size() == 2 && arn->path.front() != cluster_name) return nullptr;
    }
    return find_task_by_id(state, cluster_name, task_id_of(id_or_arn));
}

namespace {

// The task the id index holds for `task_id`, or null.
Task* indexed_task(EcsState& state, const std::string& task_id) {
    const auto indexed = state.task_index.by_id.find(std::string_view(task_id));
    return indexed == state.task_index.by_id.end() ? nullptr : indexed->second;
}

}  // namespace

Task* find_task_by_id(EcsState& state, const std::string& cluster_name, const std::string& task_id) {
    if (Task* indexed = indexed_task(state, task_id);
        indexed != nullptr && indexed->cluster_name == cluster_name)
        return indexed;
    // Not indexed under this cluster: the store itself decides (an id reused in another cluster).
    const auto cluster_it = state.tasks.find(cluster_name);
    if (cluster_it == state.tasks.end()) return nullptr;
    const auto it = cluster_it->second.find(task_id);
    return it == cluster_it->second.end() ? nullptr : &it->second;
}

Task* find_task_in_any_cluster(EcsState& state, const std::string& task_id) {
    if (Task* indexed = indexed_task(state, task_id)) return indexed;
    for (auto& [cluster, tasks] : state.tasks) {
        if (const auto it = tasks.find(task_id); it != tasks.end()) return &it->second;
    }
    return nullptr;
}

const Task* find_task_in_any_cluster(const EcsState& state, const std::string& task_id) {
    return find_task_in_any_cluster(const_cast<EcsState&>(state), task_id);
}

const Task* find_task(const EcsState& state, const std::string& cluster_name, std::string_view id_or_arn) {
    return find_task(const_cast<EcsState&>(state), cluster_name, id_or_arn);
}

std::vector<const Service*> services_of_cluster(const EcsState& state, const std::string& cluster_name) {
    std::vector<const Service*> out;
    if (const auto it = state.services.find(cluster_name); it != state.services.end()) {
        for (const auto& [name, service] : it->second) out.push_back(&service);
    }
    for (const auto& service : state.replaced_services) {
        if (service.cluster_name == cluster_name) out.push_back(&service);
    }
    return out;
}

}  // namespace ecsemu::core::ecs
