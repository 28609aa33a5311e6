#pragma once
// Tags of load balancers, target groups, listeners and rules (AddTags, RemoveTags, DescribeTags, and the
// Tags parameter of the Create operations).
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/errors.hpp"

namespace ecsemu::core::elbv2 {

using TagList = std::vector<std::pair<std::string, std::string>>;

// A request's tag list as a map: DuplicateTagKeys for a repeated key, ValidationError for an empty key,
// a key or value too long or a key in the reserved "aws:" namespace, TooManyTags beyond 50.
Result<Tags> tags_from_list(const TagList& tags, const std::string& resource_arn);

// Every ARN must name an object of this region (its kind's NotFound error otherwise); all or nothing.
Status add_tags(Elbv2State& state, const std::vector<std::string>& arns, const TagList& tags);
Status remove_tags(Elbv2State& state, const std::vector<std::string>& arns,
                   const std::vector<std::string>& keys);

struct TagDescription {
    std::string resource_arn;
    Tags tags;
};
// At most 20 ARNs (ValidationError).
Result<std::vector<TagDescription>> describe_tags(const Elbv2State& state,
                                                  const std::vector<std::string>& arns);

}  // namespace ecsemu::core::elbv2
