#include "emulator/api/scenario/json_match.hpp"

#include <cctype>
#include <charconv>

namespace ecsemu::api::scenario {
namespace {

using nlohmann::json;

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

std::string scalar_text(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (d == static_cast<double>(static_cast<long long>(d)))
            return std::to_string(static_cast<long long>(d));
    }
    return value.dump();
}

bool is_empty_value(const json& value) {
    if (value.is_null()) return true;
    if (value.is_boolean()) return !value.get<bool>();
    if (value.is_number()) return value.get<double>() == 0.0;
    if (value.is_string() || value.is_array() || value.is_object()) return value.empty();
    return false;
}

}  // namespace

const json* member(const json& object, std::string_view name) {
    if (!object.is_object()) return nullptr;
    if (auto exact = object.find(std::string(name)); exact != object.end()) return &*exact;
    for (const auto& [key, value] : object.items()) {
        if (iequals(key, name)) return &value;
    }
    return nullptr;
}

const json* member_path(const json& value, std::string_view path) {
    const json* node = &value;
    while (node != nullptr && !path.empty()) {
        const auto dot = path.find('.');
        const std::string_view step = path.substr(0, dot);
        path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
        std::size_t index = 0;
        const auto [end, ec] = std::from_chars(step.data(), step.data() + step.size(), index);
        if (node->is_array() && ec == std::errc() && end == step.data() + step.size()) {
            node = index < node->size() ? &(*node)[index] : nullptr;
        } else {
            node = member(*node, step);
        }
    }
    return node;
}

json value_at(const json& value, std::string_view path) {
    const json* found = member_path(value, path);
    return found != nullptr ? *found : json();
}

std::string text_of(const json& object, std::string_view path) {
    const json* value = member_path(object, path);
    if (value == nullptr || value->is_null() || value->is_structured()) return {};
    return scalar_text(*value);
}

json list_of(const json& object, std::string_view path) {
    const json* value = member_path(object, path);
    if (value == nullptr || !value->is_array()) {
        // One XML item under a list element is still a list; anything else is treated as none.
        if (value != nullptr && value->is_object()) return json::array({*value});
        return json::array();
    }
    return *value;
}

bool loosely_equal(const json& a, const json& b) {
    if (a == b) return true;
    if (a.is_structured() || b.is_structured() || a.is_null() || b.is_null()) return false;
    return scalar_text(a) == scalar_text(b);
}

bool satisfies(const json& actual, const json& wanted) {
    if (wanted.is_null()) return true;
    if (actual.is_null() || (actual.is_string() && actual.get_ref<const std::string&>().empty() &&
                             (wanted.is_array() || wanted.is_object()))) {
        return is_empty_value(wanted);
    }
    if (wanted.is_object()) {
        if (!actual.is_object()) return false;
        for (const auto& [key, value] : wanted.items()) {
            const json* found = member(actual, key);
            if (found == nullptr) {
                if (!is_empty_value(value)) return false;
            } else if (!satisfies(*found, value)) {
                return false;
            }
        }
        return true;
    }
    if (wanted.is_array()) {
        const json items = actual.is_object() ? json::array({actual}) : actual;
        if (!items.is_array() || items.size() != wanted.size()) return false;
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            if (!satisfies(items[i], wanted[i])) return false;
        }
        return true;
    }
    return loosely_equal(actual, wanted);
}

}  // namespace ecsemu::api::scenario
