#include "emulator/api/ecs/request_reader.hpp"

#include <algorithm>
#include <limits>

namespace ecsemu::api::ecs {

namespace {

bool is_integral(const nlohmann::json& value) {
    return value.is_number_integer() || value.is_number_unsigned();
}

}  // namespace

Fields::Fields(const nlohmann::json* object, std::string path, DecodeStatus& status)
    : object_(object), path_(std::move(path)), status_(&status) {}

std::string Fields::path_of(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const nlohmann::json* Fields::member(std::string_view key) const {
    if (object_ == nullptr || !status_->ok()) return nullptr;
    const auto it = object_->find(key);
    if (it == object_->end() || it->is_null()) return nullptr;
    return &*it;
}

bool Fields::has(std::string_view key) const {
    return member(key) != nullptr;
}

void Fields::fail_type(std::string_view key, const char* type_name) {
    status_->fail(core::AwsError::client(
        "SerializationException", "Expected " + std::string(type_name) + " at '" + path_of(key) + "'"));
}

void Fields::fail_enum(std::string_view key, const std::string& value, const std::string& allowed) {
    status_->fail(core::AwsError::client(
        "InvalidParameterException",
        "1 validation error detected: Value '" + value + "' at '" + path_of(key) +
            "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed));
}

void Fields::require(std::string_view key) {
    if (status_->ok() && member(key) == nullptr) {
        status_->fail(core::AwsError::client("InvalidParameterException",
                                             "1 validation error detected: Value null at '" + path_of(key) +
                                                 "' failed to satisfy constraint: Member must not be null"));
    }
}

const nlohmann::json* Fields::typed_member(std::string_view key, nlohmann::json::value_t kind,
                                           const char* type_name) {
    const nlohmann::json* value = member(key);
    if (value == nullptr) return nullptr;
    const bool matches =
        kind == nlohmann::json::value_t::number_integer ? is_integral(*value) : value->type() == kind;
    if (!matches) {
        fail_type(key, type_name);
        return nullptr;
    }
    return value;
}

std::optional<std::string> Fields::optional_string(std::string_view key) {
    const auto* value = typed_member(key, nlohmann::json::value_t::string, "a string");
    if (value == nullptr) return std::nullopt;
    return value->get<std::string>();
}

std::string Fields::string(std::string_view key) {
    return optional_string(key).value_or("");
}

std::string Fields::required_string(std::string_view key) {
    require(key);
    return string(key);
}

std::optional<int> Fields::optional_int(std::string_view key) {
    const auto* value = typed_member(key, nlohmann::json::value_t::number_integer, "an integer");
    if (value == nullptr) return std::nullopt;
    const bool fits =
        value->is_number_unsigned()
            ? value->get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<int>::max())
            : value->get<std::int64_t>() >= std::numeric_limits<int>::min() &&
                  value->get<std::int64_t>() <= std::numeric_limits<int>::max();
    if (!fits) {
        fail_type(key, "a 32-bit integer");
        return std::nullopt;
    }
    return value->get<int>();
}

std::optional<bool> Fields::optional_bool(std::string_view key) {
    const auto* value = typed_member(key, nlohmann::json::value_t::boolean, "a boolean");
    if (value == nullptr) return std::nullopt;
    return value->get<bool>();
}

bool Fields::boolean(std::string_view key, bool absent_value) {
    return optional_bool(key).value_or(absent_value);
}

std::optional<std::vector<std::string>> Fields::optional_string_list(std::string_view key) {
    const auto* value = typed_member(key, nlohmann::json::value_t::array, "a list");
    if (value == nullptr) return std::nullopt;
    std::vector<std::string> out;
    for (const auto& item : *value) {
        if (!item.is_string()) {
            fail_type(key, "a list of strings");
            return std::nullopt;
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::vector<std::string> Fields::string_list(std::string_view key) {
    return optional_string_list(key).value_or(std::vector<std::string>{});
}

std::vector<std::string> Fields::string_enum_list(std::string_view key,
                                                  std::initializer_list<std::string_view> allowed) {
    auto values = string_list(key);
    for (const auto& value : values) {
        if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
            std::string list = "[";
            for (const auto name : allowed) list += (list.size() > 1 ? ", " : "") + std::string(name);
            fail_enum(key, value, list + "]");
            return {};
        }
    }
    return values;
}

std::map<std::string, std::string> Fields::string_map(std::string_view key) {
    const auto* value = typed_member(key, nlohmann::json::value_t::object, "a map");
    std::map<std::string, std::string> out;
    if (value == nullptr) return out;
    for (const auto& [name, item] : value->items()) {
        if (!item.is_string()) {
            fail_type(key, "a map of strings");
            return {};
        }
        out.emplace(name, item.get<std::string>());
    }
    return out;
}

Fields Fields::object(std::string_view key) {
    const auto* value = typed_member(key, nlohmann::json::value_t::object, "a structure");
    return Fields(value, path_of(key), *status_);
}

std::vector<Fields> Fields::objects(std::string_view key) {
    const auto* value = typed_member(key, nlohmann::json::value_t::array, "a list");
    std::vector<Fields> out;
    if (value == nullptr) return out;
    for (std::size_t i = 0; i < value->size(); ++i) {
        const auto& item = (*value)[i];
        const std::string item_path = path_of(key) + "." + std::to_string(i + 1) + ".member";
        if (!item.is_object()) {
            status_->fail(core::AwsError::client("SerializationException",
                                                 "Expected a structure at '" + item_path + "'"));
            return {};
        }
        out.emplace_back(&item, item_path, *status_);
    }
    return out;
}

std::string Fields::raw_json() const {
    return object_ == nullptr ? std::string() : object_->dump();
}

std::string Fields::member_json(std::string_view key) const {
    const auto* value = member(key);
    return value == nullptr ? std::string() : value->dump();
}

RequestReader::RequestReader(const nlohmann::json& params)
    : empty_(nlohmann::json::object()), root_(params.is_null() ? &empty_ : &params, "", status_) {
    if (!params.is_null() && !params.is_object()) {
        status_.fail(
            core::AwsError::client("SerializationException", "The request body must be a JSON object."));
    }
}

}  // namespace ecsemu::api::ecs
