#pragma once
// Typed reads of an ECS request's JSON. A RequestReader keeps the first problem it meets; after that every
// read returns an empty value, so a decoder reads all it needs and checks ok() once at the end.
// Wrong JSON types are SerializationException (as AWS's deserialiser answers); a missing required member
// or a value outside an enum is InvalidParameterException, worded as Coral's validation messages.
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/errors.hpp"
#include "emulator/core/model/ecs_enums.hpp"

namespace ecsemu::api::ecs {

class DecodeStatus {
public:
    bool ok() const { return !error_; }
    const core::AwsError& error() const { return *error_; }
    void fail(core::AwsError error) {
        if (!error_) error_ = std::move(error);
    }

private:
    std::optional<core::AwsError> error_;
};

class Fields {
public:
    // `object` may be null (an absent member): every read then finds nothing.
    Fields(const nlohmann::json* object, std::string path, DecodeStatus& status);

    bool present() const { return object_ != nullptr; }
    bool has(std::string_view key) const;
    bool ok() const { return status_->ok(); }
    DecodeStatus& status() const { return *status_; }
    std::string path_of(std::string_view key) const;

    std::optional<std::string> optional_string(std::string_view key);
    std::string string(std::string_view key);  // "" when absent
    std::string required_string(std::string_view key);
    std::optional<int> optional_int(std::string_view key);
    std::optional<bool> optional_bool(std::string_view key);
    bool boolean(std::string_view key, bool absent_value = false);
    std::vector<std::string> string_list(std::string_view key);
    std::optional<std::vector<std::string>> optional_string_list(std::string_view key);
    std::map<std::string, std::string> string_map(std::string_view key);
    Fields object(std::string_view key);
    std::vector<Fields> objects(std::string_view key);  // a list of structures
    void require(std::string_view key);                 // records a missing-member error if absent

    template <class E>
    std::optional<E> optional_enum(std::string_view key) {
        const auto text = optional_string(key);
        if (!text) return std::nullopt;
        const auto value = core::ecs::parse_enum<E>(*text);
        if (!value) fail_enum(key, *text, core::ecs::enum_value_list<E>());
        return value;
    }
    template <class E>
    std::vector<E> enum_list(std::string_view key) {
        std::vector<E> out;
        for (const auto& text : string_list(key)) {
            const auto value = core::ecs::parse_enum<E>(text);
            if (!value) {
                fail_enum(key, text, core::ecs::enum_value_list<E>());
                return {};
            }
            out.push_back(*value);
        }
        return out;
    }

    // A list of strings that must each be one of `allowed` (e.g. include=[TAGS]).
    std::vector<std::string> string_enum_list(std::string_view key,
                                              std::initializer_list<std::string_view> allowed);

    // This object, or one member, as compact JSON text ("" when absent): for members core echoes verbatim.
    std::string raw_json() const;
    std::string member_json(std::string_view key) const;

private:
    const nlohmann::json* member(std::string_view key) const;
    const nlohmann::json* typed_member(std::string_view key, nlohmann::json::value_t kind,
                                       const char* type_name);
    void fail_type(std::string_view key, const char* type_name);
    void fail_enum(std::string_view key, const std::string& value, const std::string& allowed);

    const nlohmann::json* object_;
    std::string path_;
    DecodeStatus* status_;
};

// Reads the top level of a request. A null body counts as {}; anything but an object is a type error.
class RequestReader {
public:
    explicit RequestReader(const nlohmann::json& params);
    RequestReader(const RequestReader&) = delete;  // root_ points into this object
    RequestReader& operator=(const RequestReader&) = delete;
    Fields& root() { return root_; }
    bool ok() const { return status_.ok(); }
    const core::AwsError& error() const { return status_.error(); }

private:
    DecodeStatus status_;
    nlohmann::json empty_;
    Fields root_;
};

}  // namespace ecsemu::api::ecs
