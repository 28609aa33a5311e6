#include "emulator/core/model/ecs_arns.hpp"

namespace ecsemu::core::ecs {

namespace {

std::string ecs_prefix(const ArnScope& scope) {
    return "arn:aws:ecs:" + scope.region + ":" + scope.account_id + ":";
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(separator, start);
        parts.emplace_back(text.substr(start, end == std::string_view::npos ? text.npos : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return parts;
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
    // arn : partition : service : region : account : resource
    const auto fields = split(text, ':');
    if (fields.size() < 6 || fields[0] != "arn" || fields[2] != "ecs") return std::nullopt;
    std::string resource = fields[5];
    for (std::size_t i = 6; i < fields.size(); ++i) resource += ":" + fields[i];  // task-definition/f:3
    const auto slash = resource.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 >= resource.size()) return std::nullopt;
    EcsArn arn;
    arn.region = fields[3];
    arn.account_id = fields[4];
    arn.resource_type = resource.substr(0, slash);
    arn.path = split(std::string_view(resource).substr(slash + 1), '/');
    for (const auto& part : arn.path) {
        if (part.empty()) return std::nullopt;
    }
    return arn;
}

}  // namespace ecsemu::core::ecs
