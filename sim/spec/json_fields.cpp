#include "sim/spec/json_fields.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "sim/spec/time_text.hpp"

namespace ecsemu::sim {
namespace {

using nlohmann::json;

std::string number_text(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
}

std::string range_error(double value, const NumberRange& range) {
    const bool below = range.min_inclusive ? value < range.min : value <= range.min;
    if (!below && value <= range.max) return {};
    if (range.max != NumberRange{}.max)
        return "must be from " + number_text(range.min) + " to " + number_text(range.max);
    return std::string("must be ") + (range.min_inclusive ? ">= " : "> ") + number_text(range.min);
}

// About 31,000 years, as parse_duration_text's ceiling: beyond any run, far from overflowing milliseconds.
constexpr double kLongestDurationSeconds = 1e12;

constexpr const char* kDurationForms =
    "a duration such as \"90s\", \"15m\", \"1h30m\" or a number of seconds";

}  // namespace

std::string describe_json(const json& value) {
    if (value.is_object()) return "an object";
    if (value.is_array()) return "a list";
    std::string text = value.dump();
    constexpr std::size_t kLongest = 40;
    if (text.size() > kLongest) text = text.substr(0, kLongest) + "...";
    return text;
}

std::string comma_list(const std::vector<const char*>& names) {
    std::string text;
    for (const char* name : names) text += (text.empty() ? "" : ", ") + std::string(name);
    return text;
}

std::string comma_list(std::initializer_list<const char*> names) {
    return comma_list(std::vector(names));
}

FieldError read_number(const json& value, const std::string& path, double& out, NumberRange range) {
    if (!value.is_number()) return path + ": expected a number, got " + describe_json(value);
    const double number = value.get<double>();
    if (auto problem = range_error(number, range); !problem.empty()) return path + ": " + problem;
    out = number;
    return std::nullopt;
}

FieldError read_duration(const json& value, const std::string& path, core::Duration& out) {
    if (value.is_number()) {
        const double seconds = value.get<double>();
        if (seconds < 0) return path + ": must be >= 0";
        if (seconds > kLongestDurationSeconds) return path + ": is too long";
        out = core::Duration::milliseconds(std::llround(seconds * 1000.0));
        return std::nullopt;
    }
    if (!value.is_string()) return path + ": expected " + kDurationForms + ", got " + describe_json(value);
    const auto& text = value.get_ref<const std::string&>();
    if (!text.empty() && text.front() == '-') return path + ": must be >= 0";
    const auto parsed = parse_duration_text(text);
    if (!parsed) return path + ": expected " + kDurationForms + ", got " + describe_json(value);
    out = *parsed;
    return std::nullopt;
}

FieldError read_text(const json& value, const std::string& path, std::string& out) {
    if (!value.is_string() || value.get_ref<const std::string&>().empty())
        return path + ": expected a non-empty string, got " + describe_json(value);
    out = value.get<std::string>();
    return std::nullopt;
}

FieldError ObjectFields::check(std::initializer_list<const char*> known) const {
    if (!object_.is_object()) return path_ + ": expected an object, got " + describe_json(object_);
    for (const auto& [key, value] : object_.items()) {
        bool found = false;
        for (const char* name : known) found = found || key == name;
        if (!found) return path_ + ": unknown member \"" + key + "\" (expected " + comma_list(known) + ")";
    }
    return std::nullopt;
}

const json* ObjectFields::find(const std::string& key) const {
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
}

FieldError ObjectFields::number(const std::string& key, double& out, NumberRange range) const {
    const json* value = find(key);
    return value == nullptr ? std::nullopt : read_number(*value, path_of(key), out, range);
}

FieldError ObjectFields::duration(const std::string& key, core::Duration& out) const {
    const json* value = find(key);
    return value == nullptr ? std::nullopt : read_duration(*value, path_of(key), out);
}

FieldError ObjectFields::instant(const std::string& key, core::Instant& out) const {
    const json* value = find(key);
    if (value == nullptr) return std::nullopt;
    const auto parsed = value->is_string() ? parse_utc_timestamp(value->get_ref<const std::string&>())
                                           : std::optional<core::Instant>();
    if (!parsed) {
        return path_of(key) + ": expected an ISO-8601 UTC time such as \"2026-01-05T00:00:00Z\", got " +
               describe_json(*value);
    }
    out = *parsed;
    return std::nullopt;
}

FieldError ObjectFields::text(const std::string& key, std::string& out) const {
    const json* value = find(key);
    return value == nullptr ? std::nullopt : read_text(*value, path_of(key), out);
}

FieldError ObjectFields::integer(const std::string& key, std::int64_t& out, std::int64_t min) const {
    const json* value = find(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number_integer())
        return path_of(key) + ": expected an integer, got " + describe_json(*value);
    // Unsigned values beyond int64 are far past any bound a caller sets.
    if (value->is_number_unsigned() &&
        value->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return path_of(key) + ": is too large";
    const std::int64_t number = value->get<std::int64_t>();
    if (number < min) return path_of(key) + ": must be >= " + std::to_string(min);
    out = number;
    return std::nullopt;
}

FieldError ObjectFields::unsigned_integer(const std::string& key, std::uint64_t& out) const {
    const json* value = find(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number_integer())
        return path_of(key) + ": expected a non-negative integer, got " + describe_json(*value);
    if (!value->is_number_unsigned() && value->get<std::int64_t>() < 0)
        return path_of(key) + ": must be >= 0";
    out = value->get<std::uint64_t>();
    return std::nullopt;
}

FieldError ObjectFields::require(const std::string& key, const std::string& why) const {
    if (has(key)) return std::nullopt;
    return path_of(key) + ": missing (" + why + ")";
}

FieldError check_variant_members(const ObjectFields& fields, const VariantMembers& variant, const char* word,
                                 std::initializer_list<const char*> common) {
    std::vector<const char*> used = variant.required;
    used.insert(used.end(), variant.optional.begin(), variant.optional.end());
    const auto named = [](const auto& names, const std::string& key) {
        return std::any_of(names.begin(), names.end(), [&](const char* name) { return key == name; });
    };
    const std::string which = std::string(word) + " \"" + variant.name + "\"";
    for (const auto& [key, member] : fields.object().items()) {
        if (named(common, key) || named(used, key)) continue;
        return fields.path_of(key) + ": not used by " + which + " (it uses " + comma_list(used) + ")";
    }
    for (const char* key : variant.required) {
        if (auto error = fields.require(key, which + " needs " + comma_list(variant.required))) return error;
    }
    return std::nullopt;
}

}  // namespace ecsemu::sim
