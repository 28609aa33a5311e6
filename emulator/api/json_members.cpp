#include "emulator/api/json_members.hpp"

namespace ecsemu::api {

using nlohmann::json;

const json* member(const json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string string_member(const json& object, const char* key) {
    return optional_string(object, key).value_or(std::string());
}

std::optional<std::string> optional_string(const json& object, const char* key) {
    const json* value = member(object, key);
    if (value == nullptr || !value->is_string()) return std::nullopt;
    return value->get<std::string>();
}

std::optional<double> optional_double(const json& object, const char* key) {
    const json* value = member(object, key);
    if (value == nullptr || !value->is_number()) return std::nullopt;
    return value->get<double>();
}

std::optional<bool> optional_bool(const json& object, const char* key) {
    const json* value = member(object, key);
    if (value == nullptr || !value->is_boolean()) return std::nullopt;
    return value->get<bool>();
}

std::vector<std::string> string_list(const json& object, const char* key) {
    std::vector<std::string> out;
    const json* value = member(object, key);
    if (value == nullptr || !value->is_array()) return out;
    for (const auto& element : *value) {
        if (element.is_string()) out.push_back(element.get<std::string>());
    }
    return out;
}

std::map<std::string, std::string> string_map(const json& object, const char* key) {
    std::map<std::string, std::string> out;
    const json* value = member(object, key);
    if (value == nullptr || !value->is_object()) return out;
    for (const auto& [name, element] : value->items()) {
        if (element.is_string()) out.emplace(name, element.get<std::string>());
    }
    return out;
}

}  // namespace ecsemu::api
