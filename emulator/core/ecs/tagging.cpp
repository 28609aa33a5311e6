#include "emulator/core/ecs/tagging.hpp"

#include <cctype>

#include "emulator/core/ecs/ecs_errors.hpp"
#include "emulator/core/ecs/task_definitions.hpp"

namespace ecsemu::core::ecs {

namespace {

bool has_reserved_prefix(std::string_view text) {
    if (text.size() < 4) return false;
    return std::tolower(static_cast<unsigned char>(text[0])) == 'a' &&
           std::tolower(static_cast<unsigned char>(text[1])) == 'w' &&
           std::tolower(static_cast<unsigned char>(text[2])) == 's' && text[3] == ':';
}

AwsError resource_not_found(const std::string& code) {
    return AwsError::client(code, "The specified resource could not be found.");
}

// The tags of the resource an ARN names, or the error ECS gives for it.
Result<Tags*> resolve_tags(EcsState& state, std::string_view resource_arn,
                           const std::string& not_found_code) {
    const auto arn = parse_ecs_arn(resource_arn);
    if (!arn) return invalid_parameter("The ARN provided is invalid.");
    const auto& type = arn->resource_type;
    const bool long_form = arn->path.size() == 2;
    if ((type == "service" || type == "task") && !long_form) {
        return invalid_parameter("Long arn format must be used for tagging operations");
    }
    if (type == "cluster") {
        Cluster* cluster = find_cluster(state, arn->path.back());
        if (cluster == nullptr || !cluster->is_active()) return cluster_not_found();
        return &cluster->tags;
    }
    if (type == "service") {
        if (!require_active_cluster(state, arn->path.front())) return cluster_not_found();
        Service* service = find_service(state, arn->path.front(), arn->path.back());
        if (service == nullptr || service->arn != resource_arn) return resource_not_found(not_found_code);
        return &service->tags;
    }
    if (type == "task") {
        if (!require_active_cluster(state, arn->path.front())) return cluster_not_found();
        Task* task = find_task(state, arn->path.front(), arn->path.back());
        if (task == nullptr) return resource_not_found(not_found_code);
        return &task->tags;
    }
    if (type == "task-definition") {
        TaskDefinition* td = find_task_definition(state, resource_arn);
        if (td == nullptr || arn->path.back().find(':') == std::string::npos) {
            return resource_not_found(not_found_code);
        }
        return &td->tags;
    }
    return invalid_parameter("Tagging " + type + " resources is not supported by ecsemu.");
}

}  // namespace

Status validate_tags(const Tags& existing, const Tags& added) {
    std::size_t merged = existing.size();
    for (const auto& [key, value] : added) {
        if (key.empty() || key.size() > 128) {
            return invalid_parameter("Tag keys must be between 1 and 128 characters long.");
        }
        if (value.size() > 256) return invalid_parameter("Tag values must be at most 256 characters long.");
        if (has_reserved_prefix(key) || has_reserved_prefix(value)) {
            return invalid_parameter("Tag keys and values may not begin with the reserved prefix 'aws:'.");
        }
        if (existing.find(key) == existing.end()) ++merged;
    }
    if (merged > kMaxTagsPerResource) {
        return invalid_parameter("A resource can have at most " + std::to_string(kMaxTagsPerResource) +
                                 " tags.");
    }
    return Ok{};
}

Status tag_resource(EcsState& state, std::string_view resource_arn, const Tags& tags) {
    auto target = resolve_tags(state, resource_arn, "ResourceNotFoundException");
    if (!target) return target.error();
    if (auto status = validate_tags(*target.value(), tags); !status) return status;
    for (const auto& [key, value] : tags) (*target.value())[key] = value;
    return Ok{};
}

Status untag_resource(EcsState& state, std::string_view resource_arn,
                      const std::vector<std::string>& tag_keys) {
    auto target = resolve_tags(state, resource_arn, "ResourceNotFoundException");
    if (!target) return target.error();
    for (const auto& key : tag_keys) target.value()->erase(key);
    return Ok{};
}

Result<Tags> list_tags_for_resource(const EcsState& state, std::string_view resource_arn) {
    auto target = resolve_tags(const_cast<EcsState&>(state), resource_arn, "InvalidParameterException");
    if (!target) return target.error();
    return *target.value();
}

}  // namespace ecsemu::core::ecs
