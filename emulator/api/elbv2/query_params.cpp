#include "emulator/api/elbv2/query_params.hpp"

#include <charconv>

namespace ecsemu::api::elbv2 {

using nlohmann::json;

const json* member(const json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

bool has_member(const json& object, std::string_view key) {
    return member(object, key) != nullptr;
}

std::optional<std::string> optional_string(const json& object, std::string_view key) {
    const json* value = member(object, key);
    if (value == nullptr || !value->is_string()) return std::nullopt;
    return value->get<std::string>();
}

std::string string_or_empty(const json& object, std::string_view key) {
    return optional_string(object, key).value_or("");
}

std::optional<int> optional_int(const json& object, std::string_view key) {
    const auto text = optional_string(object, key);
    if (!text) return std::nullopt;
    int value = 0;
    const auto* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc{} || ptr != end) return std::nullopt;
    return value;
}

std::optional<bool> optional_bool(const json& object, std::string_view key) {
    const auto text = optional_string(object, key);
    if (!text) return std::nullopt;
    if (*text == "true" || *text == "True" || *text == "TRUE") return true;
    if (*text == "false" || *text == "False" || *text == "FALSE") return false;
    return std::nullopt;
}

std::vector<const json*> list_elements(const json& object, std::string_view key) {
    std::vector<const json*> out;
    const json* value = member(object, key);
    if (value == nullptr) return out;
    if (value->is_array()) {
        for (const auto& element : *value) out.push_back(&element);
    } else if (!(value->is_string() && value->get_ref<const std::string&>().empty())) {
        out.push_back(value);
    }
    return out;
}

std::vector<std::string> string_list(const json& object, std::string_view key) {
    std::vector<std::string> out;
    for (const json* element : list_elements(object, key))
        if (element->is_string()) out.push_back(element->get<std::string>());
    return out;
}

std::optional<std::vector<std::string>> optional_string_list(const json& object, std::string_view key) {
    if (!has_member(object, key)) return std::nullopt;
    return string_list(object, key);
}

}  // namespace ecsemu::api::elbv2
