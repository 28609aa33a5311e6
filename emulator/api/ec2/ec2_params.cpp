#include "ec2_params.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "emulator/core/ec2/ec2_errors.hpp"

namespace ecsemu::api::ec2 {

using nlohmann::json;

namespace {

const json* member(const json& params, std::string_view name) {
    if (!params.is_object()) return nullptr;
    const auto it = params.find(name);
    return it == params.end() ? nullptr : &*it;
}

std::optional<std::string> scalar_text(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_boolean()) return std::string(value.get<bool>() ? "true" : "false");
    if (value.is_number()) return value.dump();
    return std::nullopt;
}

std::optional<long long> index_of(const std::string& key) {
    long long value = 0;
    const auto* end = key.data() + key.size();
    const auto [ptr, ec] = std::from_chars(key.data(), end, value);
    if (ec != std::errc() || ptr != end || key.empty()) return std::nullopt;
    return value;
}

}  // namespace

std::vector<const json*> list_param(const json& params, std::string_view name) {
    std::vector<const json*> out;
    const json* value = member(params, name);
    if (!value || value->is_null()) return out;
    if (value->is_array()) {
        for (const auto& element : *value) out.push_back(&element);
        return out;
    }
    if (value->is_string() && value->get_ref<const std::string&>().empty()) return out;
    if (value->is_object()) {
        std::vector<std::pair<long long, const json*>> numbered;
        for (auto it = value->begin(); it != value->end(); ++it) {
            const auto index = index_of(it.key());
            if (!index) {
                numbered.clear();
                break;
            }
            numbered.emplace_back(*index, &it.value());
        }
        if (!numbered.empty()) {
            std::sort(numbered.begin(), numbered.end(),
                      [](const auto& a, const auto& b) { return a.first < b.first; });
            for (const auto& [index, element] : numbered) out.push_back(element);
            return out;
        }
    }
    out.push_back(value);
    return out;
}

std::optional<std::string> string_param(const json& params, std::string_view name) {
    const json* value = member(params, name);
    return value ? scalar_text(*value) : std::nullopt;
}

std::string string_or_empty(const json& params, std::string_view name) {
    return string_param(params, name).value_or(std::string());
}

std::vector<std::string> string_list_param(const json& params, std::string_view name) {
    std::vector<std::string> out;
    for (const json* element : list_param(params, name)) {
        if (auto text = scalar_text(*element)) out.push_back(std::move(*text));
    }
    return out;
}

core::Result<std::optional<int>> int_param(const json& params, std::string_view name) {
    const auto text = string_param(params, name);
    if (!text) return std::optional<int>();
    int value = 0;
    const auto* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc() || ptr != end || text->empty()) {
        return core::ec2::invalid_parameter_value("Value (" + *text + ") for parameter " + std::string(name) +
                                                  " is invalid. Expected an integer.");
    }
    return std::optional<int>(value);
}

core::Result<bool> bool_param(const json& params, std::string_view name, bool fallback) {
    auto text = string_param(params, name);
    if (!text) return fallback;
    for (auto& c : *text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (*text == "true") return true;
    if (*text == "false") return false;
    return core::ec2::invalid_parameter_value("Value (" + *text + ") for parameter " + std::string(name) +
                                              " is invalid. Expected a boolean.");
}

core::Result<std::vector<core::ec2::Filter>> filters_param(const json& params) {
    std::vector<core::ec2::Filter> filters;
    for (const json* element : list_param(params, "Filter")) {
        core::ec2::Filter filter;
        filter.name = string_or_empty(*element, "Name");
        if (filter.name.empty()) return core::ec2::missing_parameter("Filter.Name");
        filter.values = string_list_param(*element, "Value");
        filters.push_back(std::move(filter));
    }
    return filters;
}

core::Tags tags_param(const json& params, std::string_view name) {
    core::Tags tags;
    for (const json* element : list_param(params, name)) {
        tags[string_or_empty(*element, "Key")] = string_or_empty(*element, "Value");
    }
    return tags;
}

core::Result<core::Tags> tag_specification_tags(const json& params, std::string_view resource_type) {
    core::Tags tags;
    for (const json* specification : list_param(params, "TagSpecification")) {
        const auto type = string_or_empty(*specification, "ResourceType");
        if (!type.empty() && type != resource_type) {
            return core::ec2::invalid_parameter_value(
                "'" + type + "' is not a valid taggable resource type for this operation.");
        }
        for (const auto& [key, value] : tags_param(*specification, "Tag")) tags[key] = value;
    }
    return tags;
}

}  // namespace ecsemu::api::ec2
