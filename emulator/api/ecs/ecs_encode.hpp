#pragma once
// Core model -> ECS response JSON, member for member as the botocore output shapes name them. Absent
// values are omitted (never null); timestamps are epoch seconds with a fraction; task definition and task
// cpu/memory are strings.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulator/core/ecs/clusters.hpp"
#include "emulator/core/ecs/ecs_state.hpp"

namespace ecsemu::api::ecs {

nlohmann::json timestamp(core::Instant instant);
nlohmann::json encode_tags(const core::Tags& tags);
nlohmann::json encode_key_value_pairs(const std::vector<core::ecs::KeyValuePair>& pairs);
nlohmann::json encode_failures(const std::vector<core::ecs::Failure>& failures);
nlohmann::json encode_network_configuration(const core::ecs::NetworkConfiguration& config);
nlohmann::json encode_capacity_provider_strategy(
    const std::vector<core::ecs::CapacityProviderStrategyItem>& items);
// JSON text core kept verbatim -> JSON; `absent` when the text is empty.
nlohmann::json stored_json(const std::string& text, nlohmann::json absent = nlohmann::json());

// Which optional parts of a cluster to show (DescribeClusters include=...).
struct ClusterFields {
    bool tags = false;
    bool settings = false;
    bool statistics = false;
    bool attachments = false;
    bool configurations = false;
};
nlohmann::json encode_cluster(const core::ecs::Cluster& cluster, const core::ecs::ClusterCounts& counts,
                              const ClusterFields& fields);

nlohmann::json encode_task_definition(const core::ecs::TaskDefinition& task_definition);

nlohmann::json encode_service(const core::ecs::EcsState& state, const core::ecs::Service& service,
                              bool include_tags);

nlohmann::json encode_task(const core::ecs::Task& task, bool include_tags);

}  // namespace ecsemu::api::ecs
