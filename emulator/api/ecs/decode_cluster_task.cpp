#include "emulator/api/ecs/ecs_decode.hpp"

namespace ecsemu::api::ecs {

using namespace core::ecs;

core::Result<CreateClusterSpec> decode_create_cluster(const nlohmann::json& params) {
    RequestReader reader(params);
    Fields& root = reader.root();
    CreateClusterSpec spec;
    spec.cluster_name = root.string("clusterName");
    spec.tags = read_tags(root, "tags");
    for (auto& setting : root.objects("settings")) {
        spec.settings.push_back({setting.string("name"), setting.string("value")});
    }
    spec.capacity_providers = root.string_list("capacityProviders");
    spec.default_capacity_provider_strategy =
        read_capacity_provider_strategy(root, "defaultCapacityProviderStrategy");
    spec.configuration_json = root.member_json("configuration");
    Fields defaults = root.object("serviceConnectDefaults");
    if (defaults.present()) spec.service_connect_namespace = defaults.required_string("namespace");
    if (!reader.ok()) return reader.error();
    return spec;
}

namespace {

TaskOverride read_task_override(Fields overrides) {
    TaskOverride out;
    if (!overrides.present()) return out;
    for (auto& item : overrides.objects("containerOverrides")) {
        ContainerOverride container;
        container.name = item.string("name");
        container.command = item.optional_string_list("command");
        container.environment = read_key_value_pairs(item, "environment");
        container.cpu_units = item.optional_int("cpu");
        container.memory_mib = item.optional_int("memory");
        container.memory_reservation_mib = item.optional_int("memoryReservation");
        container.raw_json = item.raw_json();
        out.container_overrides.push_back(std::move(container));
    }
    out.cpu = overrides.optional_string("cpu");
    out.memory = overrides.optional_string("memory");
    out.task_role_arn = overrides.string("taskRoleArn");
    out.execution_role_arn = overrides.string("executionRoleArn");
    out.ephemeral_storage_gib = read_ephemeral_storage_gib(overrides);
    return out;
}

}  // namespace

core::Result<RunTaskSpec> decode_run_task(const nlohmann::json& params) {
    RequestReader reader(params);
    Fields& root = reader.root();
    RunTaskSpec spec;
    spec.cluster = root.string("cluster");
    spec.task_definition = root.required_string("taskDefinition");
    spec.count = root.optional_int("count");
    spec.launch_type = root.optional_enum<LaunchType>("launchType");
    spec.capacity_provider_strategy = read_capacity_provider_strategy(root, "capacityProviderStrategy");
    spec.network_configuration = read_network_configuration(root);
    spec.platform_version = root.string("platformVersion");
    spec.started_by = root.string("startedBy");
    spec.group = root.string("group");
    spec.tags = read_tags(root, "tags");
    spec.overrides = read_task_override(root.object("overrides"));
    spec.enable_execute_command = root.boolean("enableExecuteCommand");
    spec.propagate_tags = root.optional_enum<PropagateTags>("propagateTags");
    if (!reader.ok()) return reader.error();
    return spec;
}

}  // namespace ecsemu::api::ecs
