#pragma once
// Reads CloudWatch request parameters the same way whichever protocol carried them. JSON 1.0 bodies hold
// native types (numbers, booleans, epoch-second timestamps); Query forms arrive as a tree of strings
// (wire/query_form.hpp) with ISO 8601 timestamps and "" for an empty list. The input validator has checked
// the shapes already, so these reads only pick values out; a value of an unexpected kind reads as absent.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/cloudwatch/alarm_operations.hpp"
#include "emulator/core/errors.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::api::cloudwatch {

class Params {
public:
    Params(const nlohmann::json& object, bool form_encoded) : object_(&object), form_(form_encoded) {}

    bool has(std::string_view key) const { return member(key) != nullptr; }
    std::optional<std::string> string(std::string_view key) const;
    std::optional<int> integer(std::string_view key) const;
    std::optional<double> number(std::string_view key) const;
    std::optional<bool> boolean(std::string_view key) const;
    // Absent: nullopt inside. A value that is no timestamp: InvalidParameterValue naming `path`.
    core::Result<std::optional<core::Instant>> timestamp(std::string_view key, std::string_view path) const;

    Params child(std::string_view key) const;
    // The elements of a list member (nothing when absent or, for forms, "").
    std::vector<Params> list(std::string_view key) const;
    std::vector<std::string> strings(std::string_view key) const;
    std::optional<std::vector<double>> numbers(std::string_view key) const;

    // Dimensions [{Name, Value}] as the core takes them.
    std::vector<core::cloudwatch::DimensionInput> dimensions(std::string_view key) const;

private:
    const nlohmann::json* member(std::string_view key) const;
    std::optional<double> number_of(const nlohmann::json& value) const;

    const nlohmann::json* object_;
    bool form_;
};

// "2024-01-01T00:00:00Z", "2024-01-01T00:00:00.123456+02:00", or epoch seconds as text.
std::optional<core::Instant> parse_timestamp_text(std::string_view text);

}  // namespace ecsemu::api::cloudwatch
