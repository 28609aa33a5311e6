#include "emulator/core/cloudwatch/cloudwatch_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "emulator/core/civil_time.hpp"
#include "emulator/core/json_escape.hpp"

namespace ecsemu::core::cloudwatch {

namespace {

struct CivilTime {
    int year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millisecond = 0;
};

CivilTime civil_time_of(Instant at) {
    constexpr std::int64_t kMsPerDay = 86'400'000;
    std::int64_t days = at.epoch_ms / kMsPerDay;
    std::int64_t in_day = at.epoch_ms % kMsPerDay;
    if (in_day < 0) {
        in_day += kMsPerDay;
        --days;
    }
    const CivilDate date = civil_from_days(days);
    CivilTime out;
    out.year = date.year;
    out.month = date.month;
    out.day = date.day;
    out.hour = static_cast<int>(in_day / 3'600'000);
    out.minute = static_cast<int>(in_day / 60'000 % 60);
    out.second = static_cast<int>(in_day / 1000 % 60);
    out.millisecond = static_cast<int>(in_day % 1000);
    return out;
}

// Appends `value` (0 or more) in exactly `width` digits, zero-padded (the value is known to fit). The reason
// texts carry a dozen or more timestamps each and every alarm change writes them: snprintf was most of their
// cost.
void append_digits(std::string& out, int value, int width) {
    char digits[4];
    for (int i = width - 1; i >= 0; --i) {
        digits[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out.append(digits, static_cast<std::size_t>(width));
}

}  // namespace

std::string java_double_text(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
    char buffer[64];
    const double magnitude = std::fabs(value);
    if (magnitude >= 1e-3 && magnitude < 1e7) {
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
        std::string text(buffer, result.ptr);
        if (text.find('.') == std::string::npos) text += ".0";
        return text;
    }
    // Java: one digit, the point, at least one more digit, then E and the exponent without '+' or padding.
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    const std::string text(buffer, result.ptr);
    const auto e = text.find('e');
    std::string mantissa = text.substr(0, e);
    if (mantissa.find('.') == std::string::npos) mantissa += ".0";
    const int exponent = std::stoi(text.substr(e + 1));
    return mantissa + "E" + std::to_string(exponent);
}

std::string reason_time_text(Instant at) {
    // dd/MM/yy HH:mm:ss
    const CivilTime t = civil_time_of(at);
    if (t.year < 0 || t.year > 9999) {
        char buffer[48];
        std::snprintf(buffer, sizeof buffer, "%02d/%02d/%02d %02d:%02d:%02d", t.day, t.month, t.year % 100,
                      t.hour, t.minute, t.second);
        return buffer;
    }
    std::string out;
    out.reserve(17);
    append_digits(out, t.day, 2);
    out += '/';
    append_digits(out, t.month, 2);
    out += '/';
    append_digits(out, t.year % 100, 2);
    out += ' ';
    append_digits(out, t.hour, 2);
    out += ':';
    append_digits(out, t.minute, 2);
    out += ':';
    append_digits(out, t.second, 2);
    return out;
}

std::string reason_data_time_text(Instant at) {
    // yyyy-MM-ddTHH:mm:ss.SSS+0000
    const CivilTime t = civil_time_of(at);
    if (t.year < 0 || t.year > 9999) {
        char buffer[48];
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+0000", t.year, t.month,
                      t.day, t.hour, t.minute, t.second, t.millisecond);
        return buffer;
    }
    std::string out;
    out.reserve(28);
    append_digits(out, t.year, 4);
    out += '-';
    append_digits(out, t.month, 2);
    out += '-';
    append_digits(out, t.day, 2);
    out += 'T';
    append_digits(out, t.hour, 2);
    out += ':';
    append_digits(out, t.minute, 2);
    out += ':';
    append_digits(out, t.second, 2);
    out += '.';
    append_digits(out, t.millisecond, 3);
    out += "+0000";
    return out;
}

std::string json_string_literal(std::string_view text) {
    return "\"" + json_escape(text) + "\"";
}

}  // namespace ecsemu::core::cloudwatch
