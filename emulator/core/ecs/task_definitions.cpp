#include "emulator/core/ecs/task_definitions.hpp"

#include <algorithm>
#include <set>

#include "emulator/core/ecs/ecs_errors.hpp"
#include "emulator/core/ecs/fargate.hpp"
#include "emulator/core/ecs/tagging.hpp"

namespace ecsemu::core::ecs {

namespace {

bool contains(const std::vector<LaunchType>& list, LaunchType value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool uses_awslogs(const ContainerDefinition& container) {
    return container.log_configuration && container.log_configuration->log_driver == "awslogs";
}

Status validate_health_check(const ContainerDefinition& container) {
    if (!container.health_check) return Ok{};
    const HealthCheck& hc = *container.health_check;
    const auto prefix = "Invalid setting for container '" + container.name + "'. ";
    if (hc.command.empty()) return client_exception(prefix + "healthCheck.command should not be empty.");
    if (hc.interval_seconds < 5 || hc.interval_seconds > 300) {
        return client_exception(prefix + "healthCheck.interval must be between 5 and 300 seconds.");
    }
    if (hc.timeout_seconds < 2 || hc.timeout_seconds > 60) {
        return client_exception(prefix + "healthCheck.timeout must be between 2 and 60 seconds.");
    }
    if (hc.retries < 1 || hc.retries > 10) {
        return client_exception(prefix + "healthCheck.retries must be between 1 and 10.");
    }
    if (hc.start_period_seconds && (*hc.start_period_seconds < 0 || *hc.start_period_seconds > 300)) {
        return client_exception(prefix + "healthCheck.startPeriod must be between 0 and 300 seconds.");
    }
    return Ok{};
}

Status validate_port_mappings(const ContainerDefinition& container, NetworkMode mode,
                              std::set<std::string>& port_names) {
    for (const auto& mapping : container.port_mappings) {
        if (!mapping.container_port && mapping.container_port_range.empty()) {
            return client_exception("Invalid setting for container '" + container.name +
                                    "'. A portMappings entry needs a containerPort or a containerPortRange.");
        }
        for (const auto port : {mapping.container_port, mapping.host_port}) {
            if (port && (*port < 0 || *port > 65535)) {
                return invalid_parameter("Invalid port " + std::to_string(*port) + " for container '" +
                                         container.name + "'. Ports must be between 0 and 65535.");
            }
        }
        const bool same_port_modes = mode == NetworkMode::Awsvpc || mode == NetworkMode::Host;
        if (same_port_modes && mapping.host_port && mapping.container_port &&
            *mapping.host_port != *mapping.container_port) {
            return client_exception("When networkMode=" + std::string(to_string(mode)) +
                                    ", the host ports and container ports in port mappings must match.");
        }
        if (!mapping.name.empty() && !port_names.insert(mapping.name).second) {
            return client_exception(
                "Port mapping names must be unique within a task definition. Duplicate name: " +
                mapping.name + ".");
        }
    }
    if (mode == NetworkMode::None && !container.port_mappings.empty()) {
        return client_exception("Port mappings are not supported when networkMode=none.");
    }
    return Ok{};
}

Status validate_containers(const TaskDefinitionSpec& spec, bool task_memory_given) {
    if (spec.container_definitions.empty()) return client_exception("Container list cannot be empty.");
    std::set<std::string> names;
    std::set<std::string> port_names;
    const NetworkMode mode = spec.network_mode.value_or(NetworkMode::Bridge);
    for (const auto& container : spec.container_definitions) {
        if (container.name.empty()) return client_exception("Container.name should not be null or empty.");
        if (container.image.empty()) return client_exception("Container.image should not be null or empty.");
        if (!is_valid_ecs_name(container.name)) {
            return client_exception("Container name '" + container.name +
                                    "' is invalid. Up to 255 letters (uppercase and lowercase), numbers, "
                                    "hyphens, and underscores are allowed.");
        }
        if (!names.insert(container.name).second) {
            return client_exception("Duplicate container name '" + container.name + "' in task definition.");
        }
        if (!task_memory_given && !container.memory_mib && !container.memory_reservation_mib) {
            return client_exception("Invalid setting for container '" + container.name +
                                    "'. At least one of 'memory' or 'memoryReservation' must be specified.");
        }
        if (auto status = validate_port_mappings(container, mode, port_names); !status) return status;
        if (auto status = validate_health_check(container); !status) return status;
    }
    const bool has_essential =
        std::any_of(spec.container_definitions.begin(), spec.container_definitions.end(),
                    [](const ContainerDefinition& c) { return c.essential; });
    if (!has_essential)
        return client_exception("A task definition must have at least one essential container.");
    return Ok{};
}

// ECS checks these one at a time, in this order, when FARGATE is required (boto/boto3#3283).
Status validate_fargate(const TaskDefinitionSpec& spec, std::optional<int> cpu, std::optional<int> memory) {
    if (spec.network_mode != NetworkMode::Awsvpc) {
        return client_exception("Fargate only supports network mode \u2018awsvpc\u2019.");
    }
    if (!cpu) return client_exception("Fargate requires that 'cpu' be defined at the task level.");
    if (!memory) return client_exception("Fargate requires that 'memory' be defined at the task level.");
    if (!is_valid_fargate_size(*cpu, *memory)) {
        return client_exception("No Fargate configuration exists for given values: " + std::to_string(*cpu) +
                                " CPU, " + std::to_string(*memory) +
                                " memory. See the Amazon ECS documentation for the valid values.");
    }
    if (spec.pid_mode && *spec.pid_mode != "task") {
        return client_exception("Tasks using the Fargate launch type do not support pidMode '" +
                                *spec.pid_mode + "'. The supported value for pidMode is 'task'.");
    }
    if (spec.ipc_mode) return client_exception("Tasks using the Fargate launch type do not support ipcMode.");
    if (spec.execution_role_arn.empty() &&
        std::any_of(spec.container_definitions.begin(), spec.container_definitions.end(), uses_awslogs)) {
        return client_exception(
            "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
    }
    if (spec.ephemeral_storage_gib &&
        (*spec.ephemeral_storage_gib < 21 || *spec.ephemeral_storage_gib > 200)) {
        return client_exception("The ephemeral storage size must be between 21 and 200 GiB.");
    }
    return Ok{};
}

void add_once(std::vector<std::string>& list, const std::string& value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

// The container-instance attributes ECS derives from a definition's features.
std::vector<std::string> derive_requires_attributes(const TaskDefinition& td) {
    std::vector<std::string> out;
    const std::string capability = "com.amazonaws.ecs.capability.";
    for (const auto& container : td.container_definitions) {
        if (uses_awslogs(container)) {
            add_once(out, capability + "logging-driver.awslogs");
            if (!td.execution_role_arn.empty()) add_once(out, "ecs.capability.execution-role-awslogs");
            add_once(out, capability + "docker-remote-api.1.19");
        }
        if (container.health_check) {
            add_once(out, capability + "docker-remote-api.1.24");
            add_once(out, "ecs.capability.container-health-check");
        }
    }
    if (!td.task_role_arn.empty()) add_once(out, capability + "task-iam-role");
    if (td.effective_network_mode() == NetworkMode::Awsvpc) {
        add_once(out, capability + "docker-remote-api.1.18");
        add_once(out, "ecs.capability.task-eni");
    }
    return out;
}

std::vector<LaunchType> derive_compatibilities(const TaskDefinition& td) {
    if (td.effective_network_mode() != NetworkMode::Awsvpc) return {LaunchType::External, LaunchType::Ec2};
    if (td.cpu_units && td.memory_mib && is_valid_fargate_size(*td.cpu_units, *td.memory_mib)) {
        return {LaunchType::Ec2, LaunchType::Fargate};
    }
    return {LaunchType::Ec2};
}

void normalise_port_mappings(std::vector<ContainerDefinition>& containers, NetworkMode mode) {
    for (auto& container : containers) {
        for (auto& mapping : container.port_mappings) {
            if (mapping.host_port || !mapping.container_port) continue;
            mapping.host_port = (mode == NetworkMode::Bridge) ? 0 : *mapping.container_port;
        }
    }
}

// "family:revision" -> (family, revision), as views into `text`; revision 0 when absent, -1 when malformed.
std::pair<std::string_view, int> split_family_revision_view(std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return {text, 0};
    const std::string_view family = text.substr(0, colon);
    const auto revision_text = text.substr(colon + 1);
    if (revision_text.empty()) return {family, -1};
    int revision = 0;
    for (const char c : revision_text) {
        if (c < '0' || c > '9' || revision > 100'000'000) return {family, -1};
        revision = revision * 10 + (c - '0');
    }
    return {family, revision == 0 ? -1 : revision};
}

// The same with the family copied out.
std::pair<std::string, int> split_family_revision(std::string_view text) {
    const auto [family, revision] = split_family_revision_view(text);
    return {std::string(family), revision};
}

// The same for "family:revision" or its ARN.
std::pair<std::string, int> split_reference(std::string_view reference) {
    if (const auto arn = parse_ecs_arn(reference); arn && arn->resource_type == "task-definition") {
        return split_family_revision(arn->path.back());
    }
    return split_family_revision(reference);
}

}  // namespace

Result<TaskDefinition> register_task_definition(EcsState& state, TaskDefinitionSpec spec, Instant now) {
    if (!is_valid_ecs_name(spec.family)) {
        return client_exception(
            "Family name '" + spec.family +
            "' is invalid. Up to 255 letters (uppercase and lowercase), numbers, hyphens, "
            "and underscores are allowed.");
    }
    std::optional<int> cpu;
    std::optional<int> memory;
    if (spec.cpu) {
        cpu = parse_task_cpu_units(*spec.cpu);
        if (!cpu || *cpu <= 0) return invalid_parameter("Invalid 'cpu' setting for task.");
    }
    if (spec.memory) {
        memory = parse_task_memory_mib(*spec.memory);
        if (!memory || *memory <= 0) return invalid_parameter("Invalid 'memory' setting for task.");
    }
    if (contains(spec.requires_compatibilities, LaunchType::Fargate)) {
        if (auto status = validate_fargate(spec, cpu, memory); !status) return status.error();
    }
    if (auto status = validate_containers(spec, memory.has_value()); !status) return status.error();
    if (auto status = validate_tags({}, spec.tags); !status) return status.error();

    TaskDefinitionFamily& family = state.task_definitions[spec.family];
    TaskDefinition td;
    td.family = spec.family;
    td.revision = family.last_revision + 1;
    td.arn = task_definition_arn(state.scope, td.family, td.revision);
    td.container_definitions = std::move(spec.container_definitions);
    normalise_port_mappings(td.container_definitions, spec.network_mode.value_or(NetworkMode::Bridge));
    td.task_role_arn = std::move(spec.task_role_arn);
    td.execution_role_arn = std::move(spec.execution_role_arn);
    td.network_mode = spec.network_mode;
    td.requires_compatibilities = std::move(spec.requires_compatibilities);
    td.cpu_units = cpu;
    td.memory_mib = memory;
    td.ephemeral_storage_gib = spec.ephemeral_storage_gib;
    td.registered_at = now;
    td.registered_by = account_root_arn(state.scope.account_id);
    td.tags = std::move(spec.tags);
    td.raw_json = std::move(spec.raw_json);
    td.compatibilities = derive_compatibilities(td);
    td.requires_attributes = derive_requires_attributes(td);

    family.last_revision = td.revision;
    family.revisions.emplace(td.revision, td);
    return td;
}

TaskDefinition* find_task_definition(EcsState& state, std::string_view reference) {
    // Read in place: the engine looks its services' task definitions up by ARN at every reconcile.
    std::string_view family_revision = reference;
    if (looks_like_arn(reference)) {
        const auto last = ecs_arn_last_part(reference, "task-definition");
        if (!last) return nullptr;
        family_revision = *last;
    }
    const auto [family_name, revision] = split_family_revision_view(family_revision);
    const auto family_it = state.task_definitions.find(family_name);
    if (family_it == state.task_definitions.end() || revision < 0) return nullptr;
    auto& revisions = family_it->second.revisions;
    if (revision > 0) {
        const auto it = revisions.find(revision);
        return it == revisions.end() ? nullptr : &it->second;
    }
    for (auto it = revisions.rbegin(); it != revisions.rend(); ++it) {
        if (it->second.status == TaskDefinitionStatus::Active) return &it->second;
    }
    return nullptr;
}

const TaskDefinition* find_task_definition(const EcsState& state, std::string_view reference) {
    return find_task_definition(const_cast<EcsState&>(state), reference);
}

Result<const TaskDefinition*> require_launchable_task_definition(const EcsState& state,
                                                                 std::string_view reference,
                                                                 const std::string& inactive_error_code) {
    const TaskDefinition* td = find_task_definition(state, reference);
    // RunTask/CreateService word it differently from DescribeTaskDefinition.
    if (td == nullptr) return client_exception("TaskDefinition not found.");
    if (td->status != TaskDefinitionStatus::Active) {
        return AwsError::client(inactive_error_code, "TaskDefinition is inactive");
    }
    return td;
}

Result<TaskDefinition> deregister_task_definition(EcsState& state, std::string_view reference, Instant now) {
    if (split_reference(reference).second == 0) {
        return client_exception(
            "Invalid revision number. A task definition revision is required: family:revision.");
    }
    TaskDefinition* td = find_task_definition(state, reference);
    if (td == nullptr) return task_definition_not_found();
    if (td->status == TaskDefinitionStatus::Active) {
        td->status = TaskDefinitionStatus::Inactive;
        td->deregistered_at = now;
    }
    return *td;
}

std::vector<const TaskDefinition*> list_task_definitions(const EcsState& state,
                                                         std::string_view family_prefix,
                                                         TaskDefinitionStatus status, SortOrder sort) {
    std::vector<const TaskDefinition*> out;
    for (const auto& [name, family] : state.task_definitions) {
        if (name.compare(0, family_prefix.size(), family_prefix) != 0) continue;
        for (const auto& [revision, td] : family.revisions) {
            if (td.status == status) out.push_back(&td);
        }
    }
    if (sort == SortOrder::Desc) std::reverse(out.begin(), out.end());
    return out;
}

std::vector<std::string> list_task_definition_families(const EcsState& state, std::string_view family_prefix,
                                                       TaskDefinitionFamilyStatus status) {
    std::vector<std::string> out;
    for (const auto& [name, family] : state.task_definitions) {
        if (name.compare(0, family_prefix.size(), family_prefix) != 0 || family.revisions.empty()) continue;
        const bool has_active = std::any_of(
            family.revisions.begin(), family.revisions.end(),
            [](const auto& entry) { return entry.second.status == TaskDefinitionStatus::Active; });
        const bool wanted = status == TaskDefinitionFamilyStatus::All ||
                            (status == TaskDefinitionFamilyStatus::Active) == has_active;
        if (wanted) out.push_back(name);
    }
    return out;
}

}  // namespace ecsemu::core::ecs
