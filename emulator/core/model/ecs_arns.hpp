#pragma once
// ECS identifiers in the long ARN format, and the parsing ECS applies to "name or ARN" parameters.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ecsemu::core::ecs {

// Where a resource lives; every ARN builder needs both.
struct ArnScope {
    std::string region;
    std::string account_id;
};

std::string cluster_arn(const ArnScope& scope, std::string_view cluster_name);
std::string service_arn(const ArnScope& scope, std::string_view cluster_name, std::string_view service_name);
std::string task_arn(const ArnScope& scope, std::string_view cluster_name, std::string_view task_id);
std::string container_arn(const ArnScope& scope, std::string_view cluster_name, std::string_view task_id,
                          std::string_view container_uuid);
std::string task_definition_arn(const ArnScope& scope, std::string_view family, int revision);
// The principal recorded as registeredBy/createdBy: ecsemu does not authenticate callers.
std::string account_root_arn(std::string_view account_id);
std::string ecs_service_linked_role_arn(std::string_view account_id);
// A role given by name ("ecsServiceRole", "/path/role") becomes arn:aws:iam::<account>:role/<name>.
std::string role_arn_from_name_or_arn(std::string_view account_id, std::string_view name_or_arn);
std::string cloud_map_namespace_arn(const ArnScope& scope, std::string_view namespace_id);
std::string cloud_map_service_arn(const ArnScope& scope, std::string_view service_id);

// arn:<partition>:ecs:<region>:<account>:<type>/<path...>
struct EcsArn {
    std::string region;
    std::string account_id;
    std::string resource_type;      // cluster, service, task, task-definition, container-instance, ...
    std::vector<std::string> path;  // the '/'-separated parts after the type
};

// nullopt unless text is an ECS ARN with a resource type and at least one path part.
std::optional<EcsArn> parse_ecs_arn(std::string_view text);
// The last path part of an ECS ARN of `resource_type` (what parse_ecs_arn's path.back() would be), as a view
// into `text`; nullopt when parse_ecs_arn would refuse the ARN or its type differs. Builds nothing: the
// engine looks its services' task definitions up by ARN at every reconcile.
std::optional<std::string_view> ecs_arn_last_part(std::string_view text, std::string_view resource_type);
bool looks_like_arn(std::string_view text);

}  // namespace ecsemu::core::ecs
