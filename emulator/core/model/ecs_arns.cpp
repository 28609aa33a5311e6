#include "emulator/core/model/ecs_arns.hpp"

#include <array>

namespace ecsemu::core::ecs {

namespace {

std::string ecs_prefix(const ArnScope& scope) {
    return "arn:aws:ecs:" + scope.region + ":" + scope.account_id + ":";
}

}  // namespace

std::string cluster_arn(const ArnScope& scope, std::string_view cluster_name) {
    return ecs_prefix(scope) + "cluster/" + std::string(cluster_name);
}

std::string service_arn(const ArnScope& scope, std::string_view cluster_name, std::string_view service_name) {
    return ecs_prefix(scope) + "service/" + std::string(cluster_name) + "/" + std::string(service_name);
}

std::string task_arn(const ArnScope& scope, std::string_view cluster_name, std::string_view task_id) {
    return ecs_prefix(scope) + "task/" + std::string(cluster_name) + "/" + std::string(task_id);
}

std::string container_arn(const ArnScope& scope, std::string_view cluster_name, std::string_view task_id,
                          std::string_view container_uuid) {
    return ecs_prefix(scope) + "container/" + std::string(cluster_name) + "/" + std::string(task_id) + "/" +
           std::string(container_uuid);
}

std::string task_definition_arn(const ArnScope& scope, std::string_view family, int revision) {
    return ecs_prefix(scope) + "task-definition/" + std::string(family) + ":" + std::to_string(revision);
}

std::string account_root_arn(std::string_view account_id) {
    return "arn:aws:iam::" + std::string(account_id) + ":root";
}

std::string ecs_service_linked_role_arn(std::string_view account_id) {
    return "arn:aws:iam::" + std::string(account_id) +
           ":role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS";
}

std::string role_arn_from_name_or_arn(std::string_view account_id, std::string_view name_or_arn) {
    if (looks_like_arn(name_or_arn)) return std::string(name_or_arn);
    std::string_view name = name_or_arn;
    if (!name.empty() && name.front() == '/') name.remove_prefix(1);
    return "arn:aws:iam::" + std::string(account_id) + ":role/" + std::string(name);
}

std::string cloud_map_namespace_arn(const ArnScope& scope, std::string_view namespace_id) {
    return "arn:aws:servicediscovery:" + scope.region + ":" + scope.account_id + ":namespace/" +
           std::string(namespace_id);
}

std::string cloud_map_service_arn(const ArnScope& scope, std::string_view service_id) {
    return "arn:aws:servicediscovery:" + scope.region + ":" + scope.account_id + ":service/" +
           std::string(service_id);
}

bool looks_like_arn(std::string_view text) {
    return text.substr(0, 4) == "arn:";
}

std::optional<EcsArn> parse_ecs_arn(std::string_view text) {
    // arn : partition : service : region : account : resource, where the resource may hold ':' itself
    // (task-definition/f:3). Read in place: the engine parses task definition ARNs at every reconcile.
    std::array<std::string_view, 5> fields;
    std::string_view resource = text;
    for (auto& field : fields) {
        const auto colon = resource.find(':');
        if (colon == std::string_view::npos) return std::nullopt;
        field = resource.substr(0, colon);
        resource.remove_prefix(colon + 1);
    }
    if (fields[0] != "arn" || fields[2] != "ecs") return std::nullopt;
    const auto slash = resource.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 >= resource.size()) return std::nullopt;
    EcsArn arn;
    arn.region = fields[3];
    arn.account_id = fields[4];
    arn.resource_type = resource.substr(0, slash);
    std::string_view path = resource.substr(slash + 1);
    while (true) {
        const auto end = path.find('/');
        const std::string_view part = path.substr(0, end);
        if (part.empty()) return std::nullopt;
        arn.path.emplace_back(part);
        if (end == std::string_view::npos) break;
        path.remove_prefix(end + 1);
    }
    return arn;
}

}  // namespace ecsemu::core::ecs
