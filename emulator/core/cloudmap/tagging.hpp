#pragma once
// Tags on namespaces and services (TagResource, UntagResource, ListTagsForResource), and the checks
// Create* apply to the tags they are given. A resource keeps its tags in the order keys were first set.
#include <string>
#include <vector>

#include "emulator/core/cloudmap/cloudmap_state.hpp"
#include "emulator/core/errors.hpp"

namespace ecsemu::core::cloudmap {

inline constexpr std::size_t kMaxTagsPerResource = 200;

// Tag keys must be unique within one request and must not start with "aws:".
Status check_request_tags(const std::vector<Tag>& tags);

// Adds or overwrites `tags` on `existing`; TooManyTagsException (for `arn`) past 200 keys, nothing changed.
Status merge_tags(std::vector<Tag>& existing, const std::vector<Tag>& tags, const std::string& arn);

Status tag_resource(CloudMapState& state, const std::string& arn, const std::vector<Tag>& tags);
Status untag_resource(CloudMapState& state, const std::string& arn, const std::vector<std::string>& keys);
Result<std::vector<Tag>> list_tags_for_resource(const CloudMapState& state, const std::string& arn);

}  // namespace ecsemu::core::cloudmap
