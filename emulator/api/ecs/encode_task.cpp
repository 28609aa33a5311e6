#include "emulator/api/ecs/ecs_encode.hpp"

namespace ecsemu::api::ecs {

using namespace core::ecs;
using nlohmann::json;

namespace {

// Beside AWS's details, `ecsemuLocalAddress` names the loopback address the task really serves on (carved
// from its subnet, see core/engine/runtime_launch.hpp) once the runtime has it: that is where to reach the
// task.
json encode_eni_attachment(const TaskEni& eni, const std::string& local_address) {
    std::vector<KeyValuePair> details = {{"subnetId", eni.subnet_id},
                                         {"networkInterfaceId", eni.network_interface_id},
                                         {"macAddress", eni.mac_address},
                                         {"privateDnsName", eni.private_dns_name},
                                         {"privateIPv4Address", eni.private_ipv4_address}};
    if (!local_address.empty()) details.push_back({"ecsemuLocalAddress", local_address});
    return {{"id", eni.attachment_id},
            {"type", "ElasticNetworkInterface"},
            {"status", to_string(eni.status)},
            {"details", encode_key_value_pairs(details)}};
}

json encode_container(const Task& task, const Container& c) {
    json out = {
        {"containerArn", c.arn},
        {"taskArn", task.arn},
        {"name", c.name},
        {"image", c.image},
        {"lastStatus", to_string(c.last_status)},
        {"networkBindings", json::array()},
        {"networkInterfaces", json::array()},
        {"healthStatus", to_string(c.health_status)},
        {"cpu", std::to_string(c.cpu_units)},
    };
    if (!c.runtime_id.empty()) out["runtimeId"] = c.runtime_id;
    if (c.exit_code) out["exitCode"] = *c.exit_code;
    if (!c.reason.empty()) out["reason"] = c.reason;
    if (task.eni) {
        out["networkInterfaces"].push_back({{"attachmentId", task.eni->attachment_id},
                                            {"privateIpv4Address", task.eni->private_ipv4_address}});
    }
    if (c.memory_mib) out["memory"] = std::to_string(*c.memory_mib);
    if (c.memory_reservation_mib) out["memoryReservation"] = std::to_string(*c.memory_reservation_mib);
    return out;
}

json encode_container_override(const ContainerOverride& o) {
    json out = stored_json(o.raw_json, json::object());
    if (!out.is_object()) out = json::object();
    out["name"] = o.name;
    if (o.command) out["command"] = *o.command;
    if (!o.environment.empty()) out["environment"] = encode_key_value_pairs(o.environment);
    if (o.cpu_units) out["cpu"] = *o.cpu_units;
    if (o.memory_mib) out["memory"] = *o.memory_mib;
    if (o.memory_reservation_mib) out["memoryReservation"] = *o.memory_reservation_mib;
    return out;
}

json encode_overrides(const TaskOverride& overrides) {
    json containers = json::array();
    for (const auto& o : overrides.container_overrides) containers.push_back(encode_container_override(o));
    json out = {{"containerOverrides", std::move(containers)},
                {"inferenceAcceleratorOverrides", json::array()}};
    if (overrides.cpu) out["cpu"] = *overrides.cpu;
    if (overrides.memory) out["memory"] = *overrides.memory;
    if (!overrides.task_role_arn.empty()) out["taskRoleArn"] = overrides.task_role_arn;
    if (!overrides.execution_role_arn.empty()) out["executionRoleArn"] = overrides.execution_role_arn;
    if (overrides.ephemeral_storage_gib)
        out["ephemeralStorage"] = {{"sizeInGiB", *overrides.ephemeral_storage_gib}};
    return out;
}

void put_time(json& out, const char* name, const std::optional<core::Instant>& instant) {
    if (instant) out[name] = timestamp(*instant);
}

// ECS's ServiceConnect attachment names the proxy container it added.
json encode_service_connect_attachment(const Task& task) {
    std::string agent;
    for (const auto& container : task.containers) {
        if (container.service_connect_agent) agent = container.name;
    }
    return {{"id", task.service_connect_attachment_id},
            {"type", "ServiceConnect"},
            {"status", task.last_status == TaskStatus::Stopped ? "DELETED" : "ATTACHED"},
            {"details", json::array({{{"name", "ContainerName"}, {"value", agent}}})}};
}

}  // namespace

json encode_task(const Task& task, bool include_tags) {
    json containers = json::array();
    for (const auto& container : task.containers) containers.push_back(encode_container(task, container));
    json attachments =
        task.eni ? json::array({encode_eni_attachment(*task.eni, task.local_address)}) : json::array();
    if (!task.service_connect_attachment_id.empty())
        attachments.push_back(encode_service_connect_attachment(task));
    json out = {
        {"attachments", std::move(attachments)},
        {"attributes", json::array({{{"name", "ecs.cpu-architecture"}, {"value", "x86_64"}}})},
        {"clusterArn", task.cluster_arn},
        {"containers", std::move(containers)},
        {"createdAt", timestamp(task.created_at)},
        {"desiredStatus", to_string(task.desired_status)},
        {"enableExecuteCommand", task.enable_execute_command},
        {"group", task.group},
        {"healthStatus", to_string(task.health_status)},
        {"lastStatus", to_string(task.last_status)},
        {"overrides", encode_overrides(task.overrides)},
        {"tags", include_tags ? encode_tags(task.tags) : json::array()},
        {"taskArn", task.arn},
        {"taskDefinitionArn", task.task_definition_arn},
        {"version", task.version},
    };
    if (!task.availability_zone.empty()) out["availabilityZone"] = task.availability_zone;
    if (!task.capacity_provider_name.empty()) out["capacityProviderName"] = task.capacity_provider_name;
    if (task.connectivity_at) {
        out["connectivity"] = "CONNECTED";
        out["connectivityAt"] = timestamp(*task.connectivity_at);
    }
    if (task.cpu_units) out["cpu"] = std::to_string(*task.cpu_units);
    if (task.memory_mib) out["memory"] = std::to_string(*task.memory_mib);
    if (task.launch_type) out["launchType"] = to_string(*task.launch_type);
    if (!task.platform_version.empty()) out["platformVersion"] = task.platform_version;
    if (!task.platform_family.empty()) out["platformFamily"] = task.platform_family;
    put_time(out, "pullStartedAt", task.pull_started_at);
    put_time(out, "pullStoppedAt", task.pull_stopped_at);
    put_time(out, "startedAt", task.started_at);
    put_time(out, "stoppingAt", task.stopping_at);
    put_time(out, "executionStoppedAt", task.execution_stopped_at);
    put_time(out, "stoppedAt", task.stopped_at);
    if (!task.started_by.empty()) out["startedBy"] = task.started_by;
    if (task.stop_code) out["stopCode"] = to_string(*task.stop_code);
    if (!task.stopped_reason.empty()) out["stoppedReason"] = task.stopped_reason;
    if (task.ephemeral_storage_gib) {
        out["ephemeralStorage"] = {{"sizeInGiB", *task.ephemeral_storage_gib}};
        out["fargateEphemeralStorage"] = {{"sizeInGiB", *task.ephemeral_storage_gib}};
    }
    return out;
}

}  // namespace ecsemu::api::ecs
