#include "emulator/api/ecs/task_metadata.hpp"

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "emulator/api/wire/timestamp_text.hpp"
#include "emulator/core/ecs/task_definitions.hpp"
#include "emulator/core/model/ecs_enums.hpp"

namespace ecsemu::api::ecs {

namespace {

using nlohmann::json;
namespace model = core::ecs;

constexpr int kFargateDefaultEphemeralStorageGib = 20;

struct FoundContainer {
    const model::EcsState* state = nullptr;
    const model::Task* task = nullptr;
    const model::TaskDefinition* task_definition = nullptr;  // null once the definition is deleted
    std::size_t index = 0;                                   // in task->containers
};

std::optional<std::pair<std::string_view, std::size_t>> parse_metadata_id(std::string_view id) {
    const auto dash = id.rfind('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 == id.size()) return std::nullopt;
    std::size_t index = 0;
    for (char c : id.substr(dash + 1)) {
        if (c < '0' || c > '9' || index > 10'000) return std::nullopt;
        index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    return std::make_pair(id.substr(0, dash), index);
}

std::optional<FoundContainer> find_container(const model::EcsWorld& world, std::string_view metadata_id) {
    const auto parsed = parse_metadata_id(metadata_id);
    if (!parsed) return std::nullopt;
    const std::string task_id(parsed->first);
    for (const auto& [key, region] : world.regions()) {
        for (const auto& [cluster, tasks] : region.state.tasks) {
            const auto it = tasks.find(task_id);
            if (it == tasks.end()) continue;
            const model::Task& task = it->second;
            if (parsed->second >= task.containers.size()) return std::nullopt;
            return FoundContainer{&region.state, &task,
                                  model::find_task_definition(region.state, task.task_definition_arn),
                                  parsed->second};
        }
    }
    return std::nullopt;
}

// The runtime's id ("<task id>-<10 digits>", as Fargate's DockerId looks) once the container exists.
std::string docker_id_of(const model::Task& task, std::size_t index) {
    const std::string& runtime_id = task.containers[index].runtime_id;
    return runtime_id.empty() ? task.id + "-" + std::to_string(index) : runtime_id;
}

const model::ContainerDefinition* definition_of(const FoundContainer& found, const model::Container& c) {
    if (found.task_definition == nullptr) return nullptr;
    for (const auto& definition : found.task_definition->container_definitions) {
        if (definition.name == c.name) return &definition;
    }
    return nullptr;
}

// A stable stand-in for the image digest (the emulator pulls nothing): FNV-1a of the image name, widened to
// the 64 hex digits of a sha256.
std::string image_id_of(const std::string& image) {
    std::string out = "sha256:";
    for (std::uint64_t round = 0; round < 4; ++round) {
        std::uint64_t hash = 0xcbf29ce484222325ULL ^ round;
        for (unsigned char c : image) hash = (hash ^ c) * 0x100000001b3ULL;
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
        out += hex;
    }
    return out;
}

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
    std::uint32_t address = 0;
    int octets = 0;
    std::size_t pos = 0;
    while (octets < 4) {
        std::uint32_t octet = 0;
        std::size_t digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && digits < 3) {
            octet = octet * 10 + static_cast<std::uint32_t>(text[pos++] - '0');
            ++digits;
        }
        if (digits == 0 || octet > 255) return std::nullopt;
        address = (address << 8) | octet;
        if (++octets < 4) {
            if (pos >= text.size() || text[pos] != '.') return std::nullopt;
            ++pos;
        }
    }
    if (pos != text.size()) return std::nullopt;
    return address;
}

// The VPC router's address (the subnet's first host) with the subnet's prefix length, "10.0.1.1/24", as the
// agent reports SubnetGatewayIpv4Address. Empty when the CIDR is not IPv4.
std::string subnet_gateway_of(const std::string& cidr) {
    const auto slash = cidr.find('/');
    if (slash == std::string::npos) return "";
    const auto network = parse_ipv4(std::string_view(cidr).substr(0, slash));
    if (!network) return "";
    const std::uint32_t gateway = *network + 1;
    return std::to_string(gateway >> 24) + "." + std::to_string((gateway >> 16) & 0xff) + "." +
           std::to_string((gateway >> 8) & 0xff) + "." + std::to_string(gateway & 0xff) + cidr.substr(slash);
}

json networks_of(const FoundContainer& found, const core::Ec2Directory& ec2) {
    const model::Task& task = *found.task;
    json network{{"NetworkMode", "awsvpc"}, {"AttachmentIndex", 0}};
    // The ENI's address, as DescribeTasks shows it; ECSEMU_TASK_IP has the loopback address the task serves
    // on.
    std::string ip = task.eni ? task.eni->private_ipv4_address : "";
    if (ip.empty()) ip = task.local_address;
    network["IPv4Addresses"] = ip.empty() ? json::array() : json::array({ip});
    if (task.eni) {
        network["MACAddress"] = task.eni->mac_address;
        network["PrivateDNSName"] = task.eni->private_dns_name;
        if (const core::Subnet* subnet = ec2.find_subnet(found.state->scope.region, task.eni->subnet_id)) {
            network["IPv4SubnetCIDRBlock"] = subnet->cidr_block;
            network["SubnetGatewayIpv4Address"] = subnet_gateway_of(subnet->cidr_block);
        }
    }
    return json::array({network});
}

void put_time(json& out, const char* name, const std::optional<core::Instant>& instant) {
    if (instant) out[name] = iso8601_utc(*instant);
}

json container_json(const FoundContainer& found, std::size_t index, const core::Ec2Directory& ec2) {
    const model::Task& task = *found.task;
    const model::Container& c = task.containers[index];
    const model::ContainerDefinition* definition = definition_of(found, c);
    const std::string revision =
        found.task_definition != nullptr ? std::to_string(found.task_definition->revision) : "";
    const std::string desired = task.desired_status == model::DesiredStatus::Stopped ? "STOPPED" : "RUNNING";

    json out{
        {"DockerId", docker_id_of(task, index)},
        {"Name", c.name},
        {"DockerName", c.name},  // Fargate shows the container name here
        {"Image", c.image},
        {"ImageID", image_id_of(c.image)},
        {"Labels",
         {{"com.amazonaws.ecs.cluster", task.cluster_arn},
          {"com.amazonaws.ecs.container-name", c.name},
          {"com.amazonaws.ecs.task-arn", task.arn},
          {"com.amazonaws.ecs.task-definition-family", task.family},
          {"com.amazonaws.ecs.task-definition-version", revision}}},
        {"DesiredStatus", desired},
        {"KnownStatus", std::string(model::to_string(c.last_status))},
        {"Limits",
         {{"CPU", c.cpu_units}, {"Memory", c.memory_mib.value_or(c.memory_reservation_mib.value_or(0))}}},
        {"Type", "NORMAL"},
        {"ContainerARN", c.arn},
        {"Networks", networks_of(found, ec2)},
    };
    // The store keeps task-level instants only: a container is created when the image pull ends and starts
    // when its task does.
    put_time(out, "CreatedAt", task.pull_stopped_at);
    if (c.last_status != model::ContainerStatus::Pending) put_time(out, "StartedAt", task.started_at);
    if (c.last_status == model::ContainerStatus::Stopped) {
        put_time(out, "FinishedAt", task.execution_stopped_at);
        if (c.exit_code) out["ExitCode"] = *c.exit_code;
    }
    if (definition != nullptr && definition->health_check) {
        out["Health"] = {{"status", std::string(model::to_string(c.health_status))}};
    }
    return out;
}

json task_json(const FoundContainer& found, const core::Ec2Directory& ec2, core::Instant now) {
    const model::Task& task = *found.task;
    json containers = json::array();
    for (std::size_t i = 0; i < task.containers.size(); ++i) {
        containers.push_back(container_json(found, i, ec2));
    }
    const int storage_gib = task.ephemeral_storage_gib.value_or(kFargateDefaultEphemeralStorageGib);
    json out{
        {"Cluster", task.cluster_arn},  // the ARN on Fargate, the name on EC2
        {"TaskARN", task.arn},
        {"Family", task.family},
        {"Revision", found.task_definition != nullptr ? std::to_string(found.task_definition->revision) : ""},
        {"DesiredStatus", task.desired_status == model::DesiredStatus::Stopped ? "STOPPED" : "RUNNING"},
        {"KnownStatus", std::string(model::to_string(task.last_status))},
        {"Limits",
         {{"CPU", static_cast<double>(task.cpu_units.value_or(0)) / 1024.0},
          {"Memory", task.memory_mib.value_or(0)}}},
        {"AvailabilityZone", task.availability_zone},
        {"LaunchType", "FARGATE"},
        {"ClockDrift",
         {{"ClockErrorBound", 0.5},
          {"ReferenceTimestamp", iso8601_utc(now)},
          {"ClockSynchronizationStatus", "SYNCHRONIZED"}}},
        {"EphemeralStorageMetrics", {{"Utilized", 0}, {"Reserved", storage_gib * 1024}}},
        {"Containers", std::move(containers)},
    };
    put_time(out, "PullStartedAt", task.pull_started_at);
    put_time(out, "PullStoppedAt", task.pull_stopped_at);
    put_time(out, "ExecutionStoppedAt", task.execution_stopped_at);
    if (!task.service_name.empty()) out["ServiceName"] = task.service_name;
    return out;
}

// Docker's stats shape with no usage measured (see the header).
json stats_json(const FoundContainer& found, std::size_t index, core::Instant now) {
    const model::Task& task = *found.task;
    const model::Container& c = task.containers[index];
    const std::int64_t memory_mib = c.memory_mib.value_or(task.memory_mib.value_or(0));
    const json cpu{{"cpu_usage",
                    {{"total_usage", 0},
                     {"percpu_usage", json::array()},
                     {"usage_in_kernelmode", 0},
                     {"usage_in_usermode", 0}}},
                   {"system_cpu_usage", 0},
                   {"online_cpus", 2},
                   {"throttling_data", {{"periods", 0}, {"throttled_periods", 0}, {"throttled_time", 0}}}};
    const json blkio{{"io_service_bytes_recursive", json::array()}, {"io_serviced_recursive", json::array()}};
    const json network{{"rx_bytes", 0}, {"rx_packets", 0}, {"rx_errors", 0}, {"rx_dropped", 0},
                       {"tx_bytes", 0}, {"tx_packets", 0}, {"tx_errors", 0}, {"tx_dropped", 0}};
    return json{
        {"read", iso8601_utc(now)},
        {"preread", iso8601_utc(now - core::Duration::seconds(1))},
        {"name", "/" + c.name},
        {"id", docker_id_of(task, index)},
        {"num_procs", 0},
        {"pids_stats", {{"current", c.last_status == model::ContainerStatus::Running ? 1 : 0}}},
        {"cpu_stats", cpu},
        {"precpu_stats", cpu},
        {"memory_stats",
         {{"usage", 0}, {"max_usage", 0}, {"limit", memory_mib * 1024 * 1024}, {"stats", json::object()}}},
        {"blkio_stats", blkio},
        {"networks", {{"eth1", network}}},
        {"network_rate_stats", {{"rx_bytes_per_sec", 0}, {"tx_bytes_per_sec", 0}}},
    };
}

TaskMetadataAnswer error(int status, const std::string& message) {
    return TaskMetadataAnswer{status, json{{"message", message}}.dump()};
}

}  // namespace

TaskMetadataAnswer answer_task_metadata(const core::ecs::EcsWorld& world, const core::Ec2Directory& ec2,
                                        std::string_view path, core::Instant now) {
    std::string_view rest;
    if (path.substr(0, 3) == "v4/" || path.substr(0, 3) == "v3/") {
        rest = path.substr(3);
    } else {
        return error(404, "Unknown task metadata version: " + std::string(path));
    }
    const auto slash = rest.find('/');
    const std::string_view id = rest.substr(0, slash);
    const std::string_view what = slash == std::string_view::npos ? "" : rest.substr(slash);
    const auto found = find_container(world, id);
    if (!found) return error(404, "Unable to find container for id " + std::string(id));

    if (what.empty()) return {200, container_json(*found, found->index, ec2).dump()};
    if (what == "/task") return {200, task_json(*found, ec2, now).dump()};
    if (what == "/stats") return {200, stats_json(*found, found->index, now).dump()};
    if (what == "/task/stats") {
        json all = json::object();
        for (std::size_t i = 0; i < found->task->containers.size(); ++i) {
            all[docker_id_of(*found->task, i)] = stats_json(*found, i, now);
        }
        return {200, all.dump()};
    }
    return error(404, "Unknown task metadata path: " + std::string(what));
}

}  // namespace ecsemu::api::ecs
