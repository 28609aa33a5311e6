#include "emulator/api/ecs/ecs_encode.hpp"

namespace ecsemu::api::ecs {

using namespace core::ecs;
using nlohmann::json;

namespace {

// Task-level members of the TaskDefinition output shape that core keeps only as registered JSON.
constexpr const char* kEchoedTaskMembers[] = {
    "volumes", "placementConstraints", "runtimePlatform",     "inferenceAccelerators", "pidMode",
    "ipcMode", "proxyConfiguration",   "enableFaultInjection"};

// The request's object without nulls (botocore omits them; a hand-written body may not).
json without_nulls(json object) {
    if (!object.is_object()) return json::object();
    for (auto it = object.begin(); it != object.end();) {
        it = it->is_null() ? object.erase(it) : std::next(it);
    }
    return object;
}

json encode_port_mapping(const PortMapping& mapping) {
    json out = json::object();
    if (mapping.container_port) out["containerPort"] = *mapping.container_port;
    if (mapping.host_port) out["hostPort"] = *mapping.host_port;
    out["protocol"] = to_string(mapping.protocol);
    if (!mapping.name.empty()) out["name"] = mapping.name;
    if (mapping.app_protocol) out["appProtocol"] = to_string(*mapping.app_protocol);
    if (!mapping.container_port_range.empty()) out["containerPortRange"] = mapping.container_port_range;
    return out;
}

json encode_health_check(const HealthCheck& hc) {
    json out = {{"command", hc.command},
                {"interval", hc.interval_seconds},
                {"timeout", hc.timeout_seconds},
                {"retries", hc.retries}};
    if (hc.start_period_seconds) out["startPeriod"] = *hc.start_period_seconds;
    return out;
}

json encode_container_definition(const ContainerDefinition& c) {
    json out = without_nulls(stored_json(c.raw_json, json::object()));
    out["name"] = c.name;
    out["image"] = c.image;
    out["cpu"] = c.cpu_units;
    if (c.memory_mib) out["memory"] = *c.memory_mib;
    if (c.memory_reservation_mib) out["memoryReservation"] = *c.memory_reservation_mib;
    json port_mappings = json::array();
    for (const auto& mapping : c.port_mappings) port_mappings.push_back(encode_port_mapping(mapping));
    out["portMappings"] = std::move(port_mappings);
    out["essential"] = c.essential;
    out["environment"] = encode_key_value_pairs(c.environment);
    if (!out.contains("mountPoints")) out["mountPoints"] = json::array();
    if (!out.contains("volumesFrom")) out["volumesFrom"] = json::array();
    if (!c.entry_point.empty()) out["entryPoint"] = c.entry_point;
    if (!c.command.empty()) out["command"] = c.command;
    if (c.health_check) out["healthCheck"] = encode_health_check(*c.health_check);
    if (c.log_configuration) {
        json log = out.contains("logConfiguration") ? out["logConfiguration"] : json::object();
        log["logDriver"] = c.log_configuration->log_driver;
        log["options"] = c.log_configuration->options;
        out["logConfiguration"] = std::move(log);
    }
    if (!c.depends_on.empty()) {
        json depends_on = json::array();
        for (const auto& d : c.depends_on)
            depends_on.push_back({{"containerName", d.container_name}, {"condition", d.condition}});
        out["dependsOn"] = std::move(depends_on);
    }
    if (c.start_timeout_seconds) out["startTimeout"] = *c.start_timeout_seconds;
    if (c.stop_timeout_seconds) out["stopTimeout"] = *c.stop_timeout_seconds;
    if (!c.working_directory.empty()) out["workingDirectory"] = c.working_directory;
    if (!c.user.empty()) out["user"] = c.user;
    return out;
}

json launch_types(const std::vector<LaunchType>& list) {
    json out = json::array();
    for (const auto type : list) out.push_back(to_string(type));
    return out;
}

}  // namespace

json encode_task_definition(const TaskDefinition& td) {
    const json request = stored_json(td.raw_json, json::object());
    json out = json::object();
    for (const char* member : kEchoedTaskMembers) {
        if (request.is_object() && request.contains(member) && !request[member].is_null())
            out[member] = request[member];
    }
    out["taskDefinitionArn"] = td.arn;
    json containers = json::array();
    for (const auto& container : td.container_definitions)
        containers.push_back(encode_container_definition(container));
    out["containerDefinitions"] = std::move(containers);
    out["family"] = td.family;
    if (!td.task_role_arn.empty()) out["taskRoleArn"] = td.task_role_arn;
    if (!td.execution_role_arn.empty()) out["executionRoleArn"] = td.execution_role_arn;
    if (td.network_mode) out["networkMode"] = to_string(*td.network_mode);
    out["revision"] = td.revision;
    if (!out.contains("volumes")) out["volumes"] = json::array();
    out["status"] = to_string(td.status);
    if (!td.requires_attributes.empty()) {
        json attributes = json::array();
        for (const auto& name : td.requires_attributes) attributes.push_back({{"name", name}});
        out["requiresAttributes"] = std::move(attributes);
    }
    if (!out.contains("placementConstraints")) out["placementConstraints"] = json::array();
    out["compatibilities"] = launch_types(td.compatibilities);
    if (!td.requires_compatibilities.empty())
        out["requiresCompatibilities"] = launch_types(td.requires_compatibilities);
    if (td.cpu_units) out["cpu"] = std::to_string(*td.cpu_units);
    if (td.memory_mib) out["memory"] = std::to_string(*td.memory_mib);
    out["registeredAt"] = timestamp(td.registered_at);
    if (td.deregistered_at) out["deregisteredAt"] = timestamp(*td.deregistered_at);
    out["registeredBy"] = td.registered_by;
    if (td.ephemeral_storage_gib) out["ephemeralStorage"] = {{"sizeInGiB", *td.ephemeral_storage_gib}};
    return out;
}

}  // namespace ecsemu::api::ecs
