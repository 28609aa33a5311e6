#pragma once
// Reads of the Query params tree (wire/query_form.hpp): every scalar is a string, "A.member.N" lists are
// arrays and botocore sends an empty list as "A=" (an empty string). The input validator has already
// checked types against the model, so these reads only pick values out.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ecsemu::api::elbv2 {

const nlohmann::json* member(const nlohmann::json& object, std::string_view key);
bool has_member(const nlohmann::json& object, std::string_view key);

std::optional<std::string> optional_string(const nlohmann::json& object, std::string_view key);
std::string string_or_empty(const nlohmann::json& object, std::string_view key);
std::optional<int> optional_int(const nlohmann::json& object, std::string_view key);
std::optional<bool> optional_bool(const nlohmann::json& object, std::string_view key);

// The elements of a list member; nothing when absent or "".
std::vector<const nlohmann::json*> list_elements(const nlohmann::json& object, std::string_view key);
std::vector<std::string> string_list(const nlohmann::json& object, std::string_view key);
// nullopt when the member is absent; an empty list for "".
std::optional<std::vector<std::string>> optional_string_list(const nlohmann::json& object,
                                                             std::string_view key);

}  // namespace ecsemu::api::elbv2
