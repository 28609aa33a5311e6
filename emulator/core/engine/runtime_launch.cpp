#include "emulator/core/engine/runtime_launch.hpp"

#include <optional>

namespace ecsemu::core::engine {

namespace {

constexpr int kDefaultStopTimeoutSeconds = 30;  // Fargate default (reference §2.2)

const ecs::ContainerOverride* find_override(const ecs::Task& task, const std::string& container_name) {
    for (const auto& o : task.overrides.container_overrides) {
        if (o.name == container_name) return &o;
    }
    return nullptr;
}

// Where this container is told to find the emulator: what Fargate injects (reference §8), with the metadata
// endpoint under the emulator's own URL instead of 169.254.170.2, which a local process cannot reach.
struct InjectedContext {
    const std::string& region;
    const std::string& metadata_id;
    const std::string& api_base_url;
    const std::string& task_ip;
};

std::vector<std::pair<std::string, std::string>> injected_environment(const InjectedContext& context) {
    std::vector<std::pair<std::string, std::string>> env = {
        {"AWS_EXECUTION_ENV", "AWS_ECS_FARGATE"},
        {"AWS_REGION", context.region},
        {"AWS_DEFAULT_REGION", context.region},
    };
    if (!context.api_base_url.empty()) {
        const std::string metadata = context.api_base_url + "/_ecsemu/metadata/";
        env.emplace_back("ECS_CONTAINER_METADATA_URI_V4", metadata + "v4/" + context.metadata_id);
        env.emplace_back("ECS_CONTAINER_METADATA_URI", metadata + "v3/" + context.metadata_id);
    }
    env.emplace_back("ECSEMU_TASK_IP", context.task_ip);
    return env;
}

// The task definition's and the override's variables win over injected ones of the same name, as
// environment entries later in the list do.
std::vector<std::pair<std::string, std::string>> environment_of(const InjectedContext& context,
                                                                const ecs::ContainerDefinition& definition,
                                                                const ecs::ContainerOverride* override_) {
    std::vector<std::pair<std::string, std::string>> env = injected_environment(context);
    auto set = [&env](const std::string& name, const std::string& value) {
        for (auto& [key, existing] : env) {
            if (key == name) {
                existing = value;
                return;
            }
        }
        env.emplace_back(name, value);
    };
    for (const auto& kv : definition.environment) set(kv.name, kv.value);
    if (override_ != nullptr) {
        for (const auto& kv : override_->environment) set(kv.name, kv.value);
    }
    return env;
}

ContainerLaunch container_launch(const ecs::EcsState& state, const ecs::Task& task,
                                 const ecs::ContainerDefinition& definition, std::size_t container_index,
                                 const std::string& api_base_url) {
    const ecs::ContainerOverride* override_ = find_override(task, definition.name);
    ContainerLaunch launch;
    launch.name = definition.name;
    launch.image = definition.image;
    launch.essential = definition.essential;
    for (const auto& mapping : definition.port_mappings) {
        if (mapping.container_port) launch.container_ports.push_back(*mapping.container_port);
    }
    const std::string metadata_id = container_metadata_id(task.id, container_index);
    launch.environment =
        environment_of(InjectedContext{state.scope.region, metadata_id, api_base_url, task.local_address},
                       definition, override_);
    launch.entry_point = definition.entry_point;
    launch.command = override_ != nullptr && override_->command ? *override_->command : definition.command;
    launch.working_directory = definition.working_directory;
    if (definition.health_check) {
        const ecs::HealthCheck& hc = *definition.health_check;
        ContainerHealthCheckSpec spec;
        spec.command = hc.command;
        spec.interval = Duration::seconds(hc.interval_seconds);
        spec.timeout = Duration::seconds(hc.timeout_seconds);
        spec.retries = hc.retries;
        spec.start_period = Duration::seconds(hc.start_period_seconds.value_or(0));
        launch.health_check = spec;
    }
    launch.stop_timeout =
        Duration::seconds(definition.stop_timeout_seconds.value_or(kDefaultStopTimeoutSeconds));
    return launch;
}

std::string dotted(std::uint32_t address) {
    return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xff) + "." +
           std::to_string((address >> 8) & 0xff) + "." + std::to_string(address & 0xff);
}

// Index n -> 127.(1 + n / (256 * 254)).((n / 254) % 256).(1 + n % 254): never .0 or .255 in the last octet,
// never 127.0.x.x (the emulator's own endpoints live on 127.0.0.1).
std::uint32_t address_at(std::uint32_t n) {
    const std::uint32_t second = 1 + (n / (256 * 254)) % 254;
    const std::uint32_t third = (n / 254) % 256;
    const std::uint32_t fourth = 1 + n % 254;
    return (127u << 24) | (second << 16) | (third << 8) | fourth;
}

constexpr std::uint32_t kAddressCount = 254u * 256u * 254u;
constexpr std::uint32_t kSubnetBlockCount = 254u;

std::optional<std::uint32_t> parse_dotted(const std::string& text) {
    std::uint32_t address = 0;
    std::size_t position = 0;
    for (int octet = 0; octet < 4; ++octet) {
        if (octet > 0) {
            if (position >= text.size() || text[position] != '.') return std::nullopt;
            ++position;
        }
        std::uint32_t value = 0;
        std::size_t digits = 0;
        while (position < text.size() && text[position] >= '0' && text[position] <= '9' && digits < 3) {
            value = value * 10 + static_cast<std::uint32_t>(text[position] - '0');
            ++position;
            ++digits;
        }
        if (digits == 0 || value > 255) return std::nullopt;
        address = (address << 8) | value;
    }
    if (position != text.size()) return std::nullopt;
    return address;
}

}  // namespace

std::string container_metadata_id(const std::string& task_id, std::size_t container_index) {
    return task_id + "-" + std::to_string(container_index);
}

TaskLaunch make_runtime_launch(const ecs::EcsState& state, const ecs::Task& task,
                               const ecs::TaskDefinition& task_definition, const std::string& api_base_url) {
    TaskLaunch launch;
    launch.task_arn = task.arn;
    launch.task_id = task.id;
    launch.cluster_arn = task.cluster_arn;
    launch.family = task_definition.family;
    launch.revision = task_definition.revision;
    launch.private_ip = task.local_address;
    launch.availability_zone = task.availability_zone;
    launch.cpu_units = task.cpu_units.value_or(0);
    launch.memory_mib = task.memory_mib.value_or(0);
    const auto& definitions = task_definition.container_definitions;
    for (std::size_t index = 0; index < definitions.size(); ++index) {
        launch.containers.push_back(container_launch(state, task, definitions[index], index, api_base_url));
    }
    return launch;
}

std::string LocalAddressPool::allocate(const std::unordered_set<std::string>& in_use) {
    for (std::uint32_t tried = 0; tried < kAddressCount; ++tried) {
        std::string candidate = dotted(address_at(cursor_));
        cursor_ = (cursor_ + 1) % kAddressCount;
        if (in_use.count(candidate) == 0) return candidate;
    }
    return dotted(address_at(cursor_));
}

std::string LocalAddressPool::allocate_for_eni(const std::string& subnet_key, const std::string& eni_ipv4,
                                               const std::unordered_set<std::string>& in_use) {
    const auto eni_address = parse_dotted(eni_ipv4);
    auto block = subnet_blocks_.find(subnet_key);
    if (block == subnet_blocks_.end() && subnet_blocks_.size() < kSubnetBlockCount) {
        const auto next = static_cast<std::uint32_t>(subnet_blocks_.size()) + 1;
        block = subnet_blocks_.emplace(subnet_key, next).first;
    }
    if (eni_address && block != subnet_blocks_.end()) {
        std::string carved = dotted((127u << 24) | (block->second << 16) | (*eni_address & 0xffffu));
        if (in_use.count(carved) == 0) return carved;
    }
    return allocate(in_use);
}

}  // namespace ecsemu::core::engine
