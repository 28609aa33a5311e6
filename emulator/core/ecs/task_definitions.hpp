#pragma once
// RegisterTaskDefinition and friends: validation as ECS applies it (Fargate sizes, awsvpc port rules,
// container memory), normalisation (cpu/memory spellings, hostPort, health check defaults) and revisions.
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/ecs/ecs_state.hpp"

namespace ecsemu::core::ecs {

// Registers the next revision of spec.family (revisions start at 1 and are never reused).
Result<TaskDefinition> register_task_definition(EcsState& state, TaskDefinitionSpec spec, Instant now);

// "family" (its latest ACTIVE revision), "family:revision" or the ARN. nullptr when there is no such
// revision.
const TaskDefinition* find_task_definition(const EcsState& state, std::string_view reference);
TaskDefinition* find_task_definition(EcsState& state, std::string_view reference);

// A definition new tasks may use: found (ClientException "Unable to describe task definition.") and ACTIVE
// (inactive_error otherwise; ECS words it "TaskDefinition is inactive" with a code that depends on the
// caller).
Result<const TaskDefinition*> require_launchable_task_definition(const EcsState& state,
                                                                 std::string_view reference,
                                                                 const std::string& inactive_error_code);

// Requires "family:revision" or an ARN. Deregistering an INACTIVE revision again returns it unchanged.
Result<TaskDefinition> deregister_task_definition(EcsState& state, std::string_view reference, Instant now);

// ARNs ordered by family then revision (DESC reverses both), for ListTaskDefinitions.
std::vector<const TaskDefinition*> list_task_definitions(const EcsState& state,
                                                         std::string_view family_prefix,
                                                         TaskDefinitionStatus status, SortOrder sort);
std::vector<std::string> list_task_definition_families(const EcsState& state, std::string_view family_prefix,
                                                       TaskDefinitionFamilyStatus status);

}  // namespace ecsemu::core::ecs
