#include "emulator/api/ecs/ecs_encode.hpp"

namespace ecsemu::api::ecs {

using namespace core::ecs;
using nlohmann::json;

namespace {

json statistics(const ClusterCounts& counts) {
    const std::pair<const char*, int> entries[] = {
        {"runningEC2TasksCount", counts.running_ec2_tasks},
        {"runningFargateTasksCount", counts.running_fargate_tasks},
        {"pendingEC2TasksCount", counts.pending_ec2_tasks},
        {"pendingFargateTasksCount", counts.pending_fargate_tasks},
        {"activeEC2ServiceCount", counts.active_ec2_services},
        {"activeFargateServiceCount", counts.active_fargate_services},
        {"drainingEC2ServiceCount", counts.draining_ec2_services},
        {"drainingFargateServiceCount", counts.draining_fargate_services},
    };
    json out = json::array();
    for (const auto& [name, value] : entries)
        out.push_back({{"name", name}, {"value", std::to_string(value)}});
    return out;
}

json attachments(const std::vector<Attachment>& list) {
    json out = json::array();
    for (const auto& attachment : list) {
        out.push_back({{"id", attachment.id},
                       {"type", attachment.type},
                       {"status", to_string(attachment.status)},
                       {"details", encode_key_value_pairs(attachment.details)}});
    }
    return out;
}

}  // namespace

json encode_cluster(const Cluster& cluster, const ClusterCounts& counts, const ClusterFields& fields) {
    json out = {
        {"clusterArn", cluster.arn},
        {"clusterName", cluster.name},
        {"status", to_string(cluster.status)},
        {"registeredContainerInstancesCount", 0},
        {"runningTasksCount", counts.running_tasks},
        {"pendingTasksCount", counts.pending_tasks},
        {"activeServicesCount", counts.active_services},
        {"statistics", fields.statistics ? statistics(counts) : json::array()},
        {"tags", fields.tags ? encode_tags(cluster.tags) : json::array()},
        {"capacityProviders", cluster.capacity_providers},
        {"defaultCapacityProviderStrategy",
         encode_capacity_provider_strategy(cluster.default_capacity_provider_strategy)},
    };
    if (fields.settings) {
        json settings = json::array();
        for (const auto& setting : cluster.settings)
            settings.push_back({{"name", setting.name}, {"value", setting.value}});
        out["settings"] = std::move(settings);
    }
    if (fields.configurations && !cluster.configuration_json.empty()) {
        out["configuration"] = stored_json(cluster.configuration_json, json::object());
    }
    if (fields.attachments) {
        out["attachments"] = attachments(cluster.attachments);
        if (!cluster.attachments_status.empty()) out["attachmentsStatus"] = cluster.attachments_status;
    }
    if (cluster.service_connect_defaults) {
        out["serviceConnectDefaults"] = {{"namespace", cluster.service_connect_defaults->namespace_arn}};
    }
    return out;
}

}  // namespace ecsemu::api::ecs
