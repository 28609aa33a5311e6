#include "emulator/core/ecs/clusters.hpp"

#include <algorithm>

#include "emulator/core/ecs/ecs_errors.hpp"
#include "emulator/core/ecs/service_connect.hpp"
#include "emulator/core/ecs/tagging.hpp"

namespace ecsemu::core::ecs {

namespace {

Status validate_settings(const std::vector<ClusterSetting>& settings) {
    for (const auto& setting : settings) {
        if (setting.name != "containerInsights") {
            return invalid_parameter("Invalid cluster setting name '" + setting.name +
                                     "'. Valid setting names: [containerInsights]");
        }
        if (setting.value != "enabled" && setting.value != "disabled" && setting.value != "enhanced") {
            return invalid_parameter(
                "Invalid value '" + setting.value +
                "' for setting containerInsights. Valid values: [enabled, disabled, enhanced]");
        }
    }
    return Ok{};
}

Status validate_capacity_providers(const std::vector<std::string>& providers) {
    for (const auto& provider : providers) {
        if (!is_fargate_capacity_provider(provider)) {
            return invalid_parameter("The specified capacity provider '" + provider +
                                     "' does not exist. Specify a valid capacity provider and try again.");
        }
    }
    return Ok{};
}

bool is_launch_type(const Task& task, LaunchType type) {
    return task.launch_type == type;
}

}  // namespace

bool is_fargate_capacity_provider(std::string_view name) {
    return name == "FARGATE" || name == "FARGATE_SPOT";
}

Status validate_capacity_provider_strategy(const std::vector<std::string>& cluster_providers,
                                           const std::vector<CapacityProviderStrategyItem>& strategy) {
    int providers_with_base = 0;
    for (const auto& item : strategy) {
        if (std::find(cluster_providers.begin(), cluster_providers.end(), item.capacity_provider) ==
            cluster_providers.end()) {
            return invalid_parameter(
                "The specified capacity provider strategy cannot contain a capacity provider that is not "
                "associated "
                "with the cluster. Associate the capacity provider with the cluster or specify a valid "
                "capacity "
                "provider and try again.");
        }
        if (item.weight < 0 || item.weight > 1000) {
            return invalid_parameter("The capacity provider strategy weight must be between 0 and 1000.");
        }
        if (item.base < 0 || item.base > 100000) {
            return invalid_parameter("The capacity provider strategy base must be between 0 and 100000.");
        }
        if (item.base > 0) ++providers_with_base;
    }
    if (providers_with_base > 1) {
        return invalid_parameter(
            "Only one capacity provider in a capacity provider strategy can have a base.");
    }
    return Ok{};
}

Result<Cluster> create_cluster(EcsState& state, CreateClusterSpec spec, Instant now, IdSource& ids) {
    const std::string name = spec.cluster_name.empty() ? std::string(kDefaultClusterName) : spec.cluster_name;
    if (!is_valid_ecs_name(name)) {
        return invalid_parameter(
            "Cluster name is invalid. Up to 255 letters (uppercase and lowercase), numbers, underscores, and "
            "hyphens are allowed.");
    }
    if (auto status = validate_settings(spec.settings); !status) return status.error();
    if (auto status = validate_capacity_providers(spec.capacity_providers); !status) return status.error();
    if (auto status = validate_capacity_provider_strategy(spec.capacity_providers,
                                                          spec.default_capacity_provider_strategy);
        !status) {
        return status.error();
    }
    if (auto status = validate_tags({}, spec.tags); !status) return status.error();
    if (const Cluster* existing = find_cluster(state, name); existing != nullptr && existing->is_active()) {
        return *existing;
    }

    Cluster cluster;
    cluster.name = name;
    cluster.arn = cluster_arn(state.scope, name);
    cluster.status = ClusterStatus::Active;
    cluster.tags = std::move(spec.tags);
    cluster.settings = spec.settings.empty() ? std::vector<ClusterSetting>{{"containerInsights", "disabled"}}
                                             : std::move(spec.settings);
    cluster.capacity_providers = std::move(spec.capacity_providers);
    cluster.default_capacity_provider_strategy = std::move(spec.default_capacity_provider_strategy);
    cluster.configuration_json = std::move(spec.configuration_json);
    cluster.created_at = now;
    if (spec.service_connect_namespace && !spec.service_connect_namespace->empty()) {
        const CloudMapNamespace& ns = resolve_namespace(state, *spec.service_connect_namespace, ids, now);
        cluster.service_connect_defaults = ClusterServiceConnectDefaults{ns.arn};
    }
    state.clusters.insert_or_assign(name, cluster);
    return cluster;
}

Result<Cluster> delete_cluster(EcsState& state, std::string_view cluster_ref) {
    auto found = require_active_cluster(state, cluster_ref);
    if (!found) return found.error();
    Cluster& cluster = *found.value();
    for (const Service* service : services_of_cluster(state, cluster.name)) {
        if (service->status != ServiceStatus::Inactive) {
            return AwsError::client("ClusterContainsServicesException",
                                    "The Cluster cannot be deleted while Services are active.");
        }
    }
    if (const auto it = state.tasks.find(cluster.name); it != state.tasks.end()) {
        const bool any_live = std::any_of(it->second.begin(), it->second.end(),
                                          [](const auto& entry) { return entry.second.is_live(); });
        if (any_live) {
            return AwsError::client("ClusterContainsTasksException",
                                    "The Cluster cannot be deleted while Tasks are active.");
        }
    }
    cluster.status = ClusterStatus::Inactive;
    return cluster;
}

Result<Cluster> put_cluster_capacity_providers(EcsState& state, std::string_view cluster_ref,
                                               std::vector<std::string> capacity_providers,
                                               std::vector<CapacityProviderStrategyItem> strategy) {
    auto found = require_active_cluster(state, cluster_ref);
    if (!found) return found.error();
    if (auto status = validate_capacity_providers(capacity_providers); !status) return status.error();
    if (auto status = validate_capacity_provider_strategy(capacity_providers, strategy); !status) {
        return status.error();
    }
    Cluster& cluster = *found.value();
    cluster.capacity_providers = std::move(capacity_providers);
    cluster.default_capacity_provider_strategy = std::move(strategy);
    return cluster;
}

Result<LaunchTarget> resolve_launch_target(const Cluster& cluster, std::optional<LaunchType> launch_type,
                                           const std::vector<CapacityProviderStrategyItem>& strategy) {
    if (launch_type && !strategy.empty()) {
        return invalid_parameter(
            "Specifying both a launch type and capacity provider strategy is not supported. Remove one and "
            "try "
            "again.");
    }
    if (launch_type) return LaunchTarget{*launch_type, "", {}};
    const auto& chosen = strategy.empty() ? cluster.default_capacity_provider_strategy : strategy;
    if (chosen.empty()) return LaunchTarget{LaunchType::Ec2, "", {}};
    if (!strategy.empty()) {
        if (auto status = validate_capacity_provider_strategy(cluster.capacity_providers, strategy);
            !status) {
            return status.error();
        }
    }
    // The provider that takes the base, else the heaviest; the scheduler spreads by weight later.
    const auto* pick = &chosen.front();
    for (const auto& item : chosen) {
        if (item.base > pick->base || (pick->base == 0 && item.base == 0 && item.weight > pick->weight))
            pick = &item;
    }
    return LaunchTarget{LaunchType::Fargate, pick->capacity_provider, chosen};
}

Result<std::string> resolve_platform_version(LaunchType launch_type, const std::string& requested) {
    if (launch_type != LaunchType::Fargate) {
        if (requested.empty()) return std::string();
        return invalid_parameter("The platform version must be null when specifying an EC2 launch type.");
    }
    if (requested.empty() || requested == "LATEST") return std::string(kLatestFargatePlatformVersion);
    if (requested == "1.4.0" || requested == "1.3.0") return requested;
    return AwsError::client("PlatformUnknownException", "The specified platform version does not exist.");
}

ClusterCounts count_cluster_resources(const EcsState& state, const std::string& cluster_name) {
    ClusterCounts counts;
    if (const auto it = state.tasks.find(cluster_name); it != state.tasks.end()) {
        for (const auto& [id, task] : it->second) {
            if (task.last_status == TaskStatus::Running) {
                ++counts.running_tasks;
                counts.running_fargate_tasks += is_launch_type(task, LaunchType::Fargate);
                counts.running_ec2_tasks += is_launch_type(task, LaunchType::Ec2);
            } else if (is_pending(task.last_status)) {
                ++counts.pending_tasks;
                counts.pending_fargate_tasks += is_launch_type(task, LaunchType::Fargate);
                counts.pending_ec2_tasks += is_launch_type(task, LaunchType::Ec2);
            }
        }
    }
    for (const Service* service : services_of_cluster(state, cluster_name)) {
        // A capacity provider strategy on ecsemu is always Fargate.
        const bool fargate = service->launch_type.value_or(LaunchType::Fargate) == LaunchType::Fargate;
        if (service->status == ServiceStatus::Active) {
            ++counts.active_services;
            (fargate ? counts.active_fargate_services : counts.active_ec2_services)++;
        } else if (service->status == ServiceStatus::Draining) {
            ++counts.draining_services;
            (fargate ? counts.draining_fargate_services : counts.draining_ec2_services)++;
        }
    }
    return counts;
}

std::vector<const Cluster*> list_clusters(const EcsState& state) {
    std::vector<const Cluster*> out;
    for (const auto& [name, cluster] : state.clusters) {
        if (cluster.status != ClusterStatus::Inactive) out.push_back(&cluster);
    }
    return out;
}

}  // namespace ecsemu::core::ecs
