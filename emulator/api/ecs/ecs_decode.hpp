#pragma once
// ECS request JSON -> core specs. Member names and shapes follow the botocore model (ecs 2014-11-13).
// Only shape and type problems are found here; ECS's own rules are core's.
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "emulator/api/ecs/request_reader.hpp"
#include "emulator/core/ecs/clusters.hpp"
#include "emulator/core/ecs/services.hpp"
#include "emulator/core/ecs/tasks.hpp"

namespace ecsemu::api::ecs {

core::Result<core::ecs::CreateClusterSpec> decode_create_cluster(const nlohmann::json& params);
core::Result<core::ecs::TaskDefinitionSpec> decode_register_task_definition(const nlohmann::json& params);
core::Result<core::ecs::CreateServiceSpec> decode_create_service(const nlohmann::json& params);
core::Result<core::ecs::UpdateServiceSpec> decode_update_service(const nlohmann::json& params);
core::Result<core::ecs::RunTaskSpec> decode_run_task(const nlohmann::json& params);

// Pieces several requests share.
core::Tags read_tags(Fields& fields, std::string_view key);
std::vector<core::ecs::CapacityProviderStrategyItem> read_capacity_provider_strategy(Fields& fields,
                                                                                     std::string_view key);
std::optional<core::ecs::NetworkConfiguration> read_network_configuration(Fields& fields);
std::vector<core::ecs::LoadBalancer> read_load_balancers(Fields& fields);
std::vector<core::ecs::ServiceRegistry> read_service_registries(Fields& fields);
core::ecs::DeploymentConfigurationPatch read_deployment_configuration(Fields fields);
std::optional<core::ecs::ServiceConnectConfiguration> read_service_connect_configuration(Fields& fields);
std::vector<core::ecs::KeyValuePair> read_key_value_pairs(Fields& fields, std::string_view key);
// ephemeralStorage.sizeInGiB (RegisterTaskDefinition, RunTask overrides); nullopt when not given.
std::optional<int> read_ephemeral_storage_gib(Fields& fields);

}  // namespace ecsemu::api::ecs
