#pragma once
// An ECS cluster as DescribeClusters shows it. Task and service counts are not stored: they are computed
// from the tasks and services that name the cluster (see core/ecs/clusters.hpp).
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/model/ecs_common.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::ecs {

struct ClusterSetting {
    std::string name;  // containerInsights
    std::string value;
};

struct ClusterServiceConnectDefaults {
    std::string namespace_arn;  // Cloud Map namespace ARN; ECS answers with the ARN even when given a name
};

struct Cluster {
    std::string arn;
    std::string name;
    ClusterStatus status = ClusterStatus::Active;
    Tags tags;
    std::vector<ClusterSetting> settings;
    std::vector<std::string> capacity_providers;
    std::vector<CapacityProviderStrategyItem> default_capacity_provider_strategy;
    // ClusterConfiguration (execute command, managed storage) as sent, JSON text; empty when absent.
    // Core does not interpret it; DescribeClusters echoes it with include=CONFIGURATIONS.
    std::string configuration_json;
    std::optional<ClusterServiceConnectDefaults> service_connect_defaults;
    std::vector<Attachment> attachments;
    std::string attachments_status;  // UPDATE_COMPLETE once attachments exist; empty when none
    Instant created_at;

    bool is_active() const { return status == ClusterStatus::Active; }
};

}  // namespace ecsemu::core::ecs
