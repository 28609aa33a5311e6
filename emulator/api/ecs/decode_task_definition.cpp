#include "emulator/api/ecs/ecs_decode.hpp"

namespace ecsemu::api::ecs {

using namespace core::ecs;

namespace {

PortMapping read_port_mapping(Fields& fields) {
    PortMapping mapping;
    mapping.container_port = fields.optional_int("containerPort");
    mapping.host_port = fields.optional_int("hostPort");
    mapping.protocol = fields.optional_enum<TransportProtocol>("protocol").value_or(TransportProtocol::Tcp);
    mapping.name = fields.string("name");
    mapping.app_protocol = fields.optional_enum<ApplicationProtocol>("appProtocol");
    mapping.container_port_range = fields.string("containerPortRange");
    return mapping;
}

std::optional<HealthCheck> read_health_check(Fields& container) {
    Fields fields = container.object("healthCheck");
    if (!fields.present()) return std::nullopt;
    HealthCheck hc;
    fields.require("command");
    hc.command = fields.string_list("command");
    hc.interval_seconds = fields.optional_int("interval").value_or(hc.interval_seconds);
    hc.timeout_seconds = fields.optional_int("timeout").value_or(hc.timeout_seconds);
    hc.retries = fields.optional_int("retries").value_or(hc.retries);
    hc.start_period_seconds = fields.optional_int("startPeriod");
    return hc;
}

std::optional<LogConfiguration> read_log_configuration(Fields& container) {
    Fields fields = container.object("logConfiguration");
    if (!fields.present()) return std::nullopt;
    LogConfiguration log;
    log.log_driver = fields.required_string("logDriver");
    log.options = fields.string_map("options");
    return log;
}

ContainerDefinition read_container_definition(Fields& fields) {
    ContainerDefinition c;
    c.name = fields.string("name");
    c.image = fields.string("image");
    c.cpu_units = fields.optional_int("cpu").value_or(0);
    c.memory_mib = fields.optional_int("memory");
    c.memory_reservation_mib = fields.optional_int("memoryReservation");
    c.essential = fields.boolean("essential", true);
    for (auto& mapping : fields.objects("portMappings"))
        c.port_mappings.push_back(read_port_mapping(mapping));
    c.environment = read_key_value_pairs(fields, "environment");
    c.entry_point = fields.string_list("entryPoint");
    c.command = fields.string_list("command");
    c.health_check = read_health_check(fields);
    c.log_configuration = read_log_configuration(fields);
    for (auto& dependency : fields.objects("dependsOn")) {
        c.depends_on.push_back(
            {dependency.required_string("containerName"), dependency.required_string("condition")});
    }
    c.start_timeout_seconds = fields.optional_int("startTimeout");
    c.stop_timeout_seconds = fields.optional_int("stopTimeout");
    c.working_directory = fields.string("workingDirectory");
    c.user = fields.string("user");
    c.raw_json = fields.raw_json();
    return c;
}

}  // namespace

core::Result<TaskDefinitionSpec> decode_register_task_definition(const nlohmann::json& params) {
    RequestReader reader(params);
    Fields& root = reader.root();
    TaskDefinitionSpec spec;
    spec.family = root.required_string("family");
    root.require("containerDefinitions");
    for (auto& container : root.objects("containerDefinitions")) {
        spec.container_definitions.push_back(read_container_definition(container));
    }
    spec.task_role_arn = root.string("taskRoleArn");
    spec.execution_role_arn = root.string("executionRoleArn");
    spec.network_mode = root.optional_enum<NetworkMode>("networkMode");
    spec.requires_compatibilities = root.enum_list<LaunchType>("requiresCompatibilities");
    spec.cpu = root.optional_string("cpu");
    spec.memory = root.optional_string("memory");
    spec.pid_mode = root.optional_string("pidMode");
    spec.ipc_mode = root.optional_string("ipcMode");
    spec.ephemeral_storage_gib = read_ephemeral_storage_gib(root);
    spec.tags = read_tags(root, "tags");
    spec.raw_json = root.raw_json();
    if (!reader.ok()) return reader.error();
    return spec;
}

}  // namespace ecsemu::api::ecs
