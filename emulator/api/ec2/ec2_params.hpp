#pragma once
// Reading EC2 request parameters from the decoded form tree (see wire/query_form.hpp): every scalar is a
// string, "A.N" lists are arrays, and botocore sends an empty list as "A=" (an empty string).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/ec2/filters.hpp"
#include "emulator/core/errors.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::api::ec2 {

// The elements of list parameter `name`: an array's elements; nothing for an absent member or ""; a lone
// scalar or object as one element; an object keyed by numbers ("1", "2", ...) in numeric order.
std::vector<const nlohmann::json*> list_param(const nlohmann::json& params, std::string_view name);

// Scalar member as text; nullopt when absent or not a scalar.
std::optional<std::string> string_param(const nlohmann::json& params, std::string_view name);
std::string string_or_empty(const nlohmann::json& params, std::string_view name);
std::vector<std::string> string_list_param(const nlohmann::json& params, std::string_view name);

// nullopt when absent; InvalidParameterValue when not a whole number.
core::Result<std::optional<int>> int_param(const nlohmann::json& params, std::string_view name);
// "true"/"false" (any case); `fallback` when absent.
core::Result<bool> bool_param(const nlohmann::json& params, std::string_view name, bool fallback);

// Filter.N.Name / Filter.N.Value.M.
core::Result<std::vector<core::ec2::Filter>> filters_param(const nlohmann::json& params);

// `name`.N.Key / `name`.N.Value as a tag map (CreateTags: "Tag").
core::Tags tags_param(const nlohmann::json& params, std::string_view name);

// The tags of TagSpecification.N whose ResourceType is `resource_type` (or unset). A specification for
// another type is InvalidParameterValue, as EC2 answers.
core::Result<core::Tags> tag_specification_tags(const nlohmann::json& params, std::string_view resource_type);

}  // namespace ecsemu::api::ec2
