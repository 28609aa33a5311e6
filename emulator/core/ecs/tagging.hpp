#pragma once
// Tags on ECS resources, addressed by ARN (TagResource, UntagResource, ListTagsForResource).
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/ecs/ecs_state.hpp"

namespace ecsemu::core::ecs {

inline constexpr std::size_t kMaxTagsPerResource = 50;

// ECS's tag rules: key 1-128 characters, value at most 256, no "aws:" prefix, at most 50 tags after merging.
Status validate_tags(const Tags& existing, const Tags& added);

Status tag_resource(EcsState& state, std::string_view resource_arn, const Tags& tags);
Status untag_resource(EcsState& state, std::string_view resource_arn,
                      const std::vector<std::string>& tag_keys);
Result<Tags> list_tags_for_resource(const EcsState& state, std::string_view resource_arn);

}  // namespace ecsemu::core::ecs
