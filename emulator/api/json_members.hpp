#pragma once
// Readers for members of a decoded JSON request, shared by the JSON services' decoders. The input
// validator has already checked types against the model, so a member of the wrong type reads as absent.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ecsemu::api {

const nlohmann::json* member(const nlohmann::json& object, const char* key);  // present and not null
std::string string_member(const nlohmann::json& object, const char* key);     // "" when absent
std::optional<std::string> optional_string(const nlohmann::json& object, const char* key);
std::optional<double> optional_double(const nlohmann::json& object, const char* key);
std::optional<bool> optional_bool(const nlohmann::json& object, const char* key);
std::vector<std::string> string_list(const nlohmann::json& object, const char* key);  // its string elements
std::map<std::string, std::string> string_map(const nlohmann::json& object, const char* key);

}  // namespace ecsemu::api
