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

namespace {

// An ECS ARN's parts as views into its text; `path` is everything after the type's '/', every part non-empty.
struct EcsArnParts {
    std::string_view region;
    std::string_view account_id;
    std::string_view resource_type;
    std::string_view path;
};

std::optional<EcsArnParts> parse_in_place(std::string_view text) {
    // arn : partition : service : region : account : resource, where the resource may hold ':' itself
    // (task-definition/f:3).
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
    const std::string_view path = resource.substr(slash + 1);
    // No empty part: not at either end, and no "//".
    if (path.front() == '/' || path.back() == '/' || path.find("//") != std::string_view::npos)
        return std::nullopt;
    return EcsArnParts{fields[3], fields[4], resource.substr(0, slash), path};
}

}  // namespace

std::optional<EcsArn> parse_ecs_arn(std::string_view text) {
    const auto parts = parse_in_place(text);
    if (!parts) return std::nullopt;
    EcsArn arn;
    arn.region = parts->region;
    arn.account_id = parts->account_id;
    arn.resource_type = parts->resource_type;
    std::string_view path = parts->path;
    while (true) {
        const auto end = path.find('/');
        arn.path.emplace_back(path.substr(0, end));
        if (end == std::string_view::npos) break;
        path.remove_prefix(end + 1);
    }
    return arn;
}

std::optional<std::string_view> ecs_arn_last_part(std::string_view text, std::string_view resource_type) {
    const auto parts = parse_in_place(text);
    if (!parts || parts->resource_type != resource_type) return std::nullopt;
    const auto slash = parts->path.rfind('/');
    return slash == std::string_view::npos ? parts->path : parts->path.substr(slash + 1);
}

}  // namespace ecsemu::core::ecs
