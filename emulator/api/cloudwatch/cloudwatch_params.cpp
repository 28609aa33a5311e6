#include "emulator/api/cloudwatch/cloudwatch_params.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "emulator/core/civil_time.hpp"

namespace ecsemu::api::cloudwatch {

namespace {

using nlohmann::json;

const json& empty_object() {
    static const json empty = json::object();
    return empty;
}

std::optional<double> parse_double(std::string_view text) {
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

bool read_digits(std::string_view& text, std::size_t count, int& out) {
    if (text.size() < count) return false;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        value = value * 10 + (text[i] - '0');
    }
    out = value;
    text.remove_prefix(count);
    return true;
}

bool expect(std::string_view& text, char c) {
    if (text.empty() || text.front() != c) return false;
    text.remove_prefix(1);
    return true;
}

}  // namespace

std::optional<core::Instant> parse_timestamp_text(std::string_view text) {
    if (text.find('-', 1) == std::string_view::npos) {
        const auto seconds = parse_double(text);
        if (!seconds || !std::isfinite(*seconds)) return std::nullopt;
        return core::Instant{static_cast<std::int64_t>(std::llround(*seconds * 1000.0))};
    }
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_digits(text, 4, year) || !expect(text, '-') || !read_digits(text, 2, month) ||
        !expect(text, '-') || !read_digits(text, 2, day))
        return std::nullopt;
    if (!text.empty() && (text.front() == 'T' || text.front() == 't' || text.front() == ' ')) {
        text.remove_prefix(1);
        if (!read_digits(text, 2, hour) || !expect(text, ':') || !read_digits(text, 2, minute))
            return std::nullopt;
        if (!text.empty() && text.front() == ':' && (text.remove_prefix(1), !read_digits(text, 2, second)))
            return std::nullopt;
    }
    std::int64_t millis = 0;
    if (!text.empty() && text.front() == '.') {
        text.remove_prefix(1);
        std::int64_t scale = 100;
        bool any = false;
        while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
            millis += (text.front() - '0') * scale;
            scale /= 10;
            any = true;
            text.remove_prefix(1);
        }
        if (!any) return std::nullopt;
    }
    int offset_minutes = 0;
    if (!text.empty() && (text.front() == 'Z' || text.front() == 'z')) {
        text.remove_prefix(1);
    } else if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
        const int sign = text.front() == '-' ? -1 : 1;
        text.remove_prefix(1);
        int offset_hours = 0, offset_rest = 0;
        if (!read_digits(text, 2, offset_hours)) return std::nullopt;
        if (!text.empty() && text.front() == ':') text.remove_prefix(1);
        if (!text.empty() && !read_digits(text, 2, offset_rest)) return std::nullopt;
        offset_minutes = sign * (offset_hours * 60 + offset_rest);
    }
    if (!text.empty() || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
        second > 60)
        return std::nullopt;
    const std::int64_t seconds = core::days_from_civil(year, month, day) * 86'400 +
                                 std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 + second -
                                 std::int64_t{offset_minutes} * 60;
    return core::Instant{seconds * 1000 + millis};
}

const json* Params::member(std::string_view key) const {
    if (!object_->is_object()) return nullptr;
    const auto it = object_->find(key);
    return it == object_->end() || it->is_null() ? nullptr : &*it;
}

std::optional<std::string> Params::string(std::string_view key) const {
    const json* value = member(key);
    if (value == nullptr || !value->is_string()) return std::nullopt;
    return value->get<std::string>();
}

std::optional<double> Params::number_of(const json& value) const {
    if (value.is_number()) return value.get<double>();
    if (value.is_string()) return parse_double(value.get_ref<const std::string&>());
    return std::nullopt;
}

std::optional<int> Params::integer(std::string_view key) const {
    const json* value = member(key);
    if (value == nullptr) return std::nullopt;
    if (value->is_number_integer()) return value->get<int>();
    if (value->is_string()) {
        const auto& text = value->get_ref<const std::string&>();
        int parsed = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
        if (ec == std::errc{} && ptr == text.data() + text.size()) return parsed;
    }
    return std::nullopt;
}

std::optional<double> Params::number(std::string_view key) const {
    const json* value = member(key);
    return value == nullptr ? std::nullopt : number_of(*value);
}

std::optional<bool> Params::boolean(std::string_view key) const {
    const json* value = member(key);
    if (value == nullptr) return std::nullopt;
    if (value->is_boolean()) return value->get<bool>();
    if (value->is_string()) {
        const auto& text = value->get_ref<const std::string&>();
        if (text == "true" || text == "True") return true;
        if (text == "false" || text == "False") return false;
    }
    return std::nullopt;
}

core::Result<std::optional<core::Instant>> Params::timestamp(std::string_view key,
                                                             std::string_view path) const {
    const json* value = member(key);
    if (value == nullptr) return std::optional<core::Instant>{};
    std::optional<core::Instant> parsed;
    if (value->is_number()) {
        const double seconds = value->get<double>();
        if (std::isfinite(seconds))
            parsed = core::Instant{static_cast<std::int64_t>(std::llround(seconds * 1000.0))};
    } else if (value->is_string()) {
        parsed = parse_timestamp_text(value->get_ref<const std::string&>());
    }
    if (!parsed) {
        return core::AwsError::client(
            "InvalidParameterValue",
            "The value " + value->dump() + " for parameter " + std::string(path) + " is invalid.");
    }
    return std::optional<core::Instant>{parsed};
}

Params Params::child(std::string_view key) const {
    const json* value = member(key);
    return Params(value != nullptr && value->is_object() ? *value : empty_object(), form_);
}

std::vector<Params> Params::list(std::string_view key) const {
    std::vector<Params> out;
    const json* value = member(key);
    if (value == nullptr || !value->is_array()) return out;
    for (const auto& element : *value) out.emplace_back(element, form_);
    return out;
}

std::vector<std::string> Params::strings(std::string_view key) const {
    std::vector<std::string> out;
    const json* value = member(key);
    if (value == nullptr || !value->is_array()) return out;
    for (const auto& element : *value)
        if (element.is_string()) out.push_back(element.get<std::string>());
    return out;
}

std::optional<std::vector<double>> Params::numbers(std::string_view key) const {
    const json* value = member(key);
    if (value == nullptr) return std::nullopt;
    std::vector<double> out;
    if (value->is_array()) {
        for (const auto& element : *value) {
            if (const auto number = number_of(element)) out.push_back(*number);
        }
    }
    return out;
}

std::vector<core::cloudwatch::DimensionInput> Params::dimensions(std::string_view key) const {
    std::vector<core::cloudwatch::DimensionInput> out;
    for (const auto& element : list(key))
        out.push_back({element.string("Name").value_or(""), element.string("Value").value_or("")});
    return out;
}

}  // namespace ecsemu::api::cloudwatch
