#include "emulator/core/cloudwatch/cloudwatch_text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>

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

// A field of a time text: its value zero-padded to `width` digits, then `then`.
struct TimeField {
    int value;
    int width;
    const char* then;
};

// The fields appended to `out`. An alarm reason carries a dozen or more timestamps, written straight into its
// text: snprintf was most of their cost, and then appending each piece on its own. Written into a buffer and
// appended once; a value that does not fit its width (a year before 0 or after 9999) is written the way
// snprintf's "%0*d" writes it.
void append_time_fields(std::string& out, std::initializer_list<TimeField> fields) {
    constexpr std::array<int, 5> kLimit{1, 10, 100, 1000, 10000};
    std::array<char, 96> text{};  // the longest text's fields (7 of at most 11 digits and a 5-letter tail)
    std::size_t length = 0;
    for (const TimeField& field : fields) {
        if (field.value < 0 || field.width >= static_cast<int>(kLimit.size()) ||
            field.value >= kLimit[field.width]) {
            const int written =
                std::snprintf(text.data() + length, text.size() - length, "%0*d", field.width, field.value);
            length += static_cast<std::size_t>(std::max(written, 0));
        } else {
            int value = field.value;
            for (int i = field.width - 1; i >= 0; --i) {
                text[length + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
                value /= 10;
            }
            length += static_cast<std::size_t>(field.width);
        }
        for (const char* c = field.then; *c != '\0'; ++c) text[length++] = *c;
    }
    out.append(text.data(), length);
}

}  // namespace

std::string java_double_text(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
    char buffer[64];
    const double magnitude = std::fabs(value);
    // Whole numbers (sample counts, most thresholds) as integers: what the shortest fixed form writes for
    // them, without the search for the shortest digits.
    if (magnitude < 1e7 && value == std::trunc(value)) {
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<std::int64_t>(value));
        std::string text(buffer, result.ptr);
        text += ".0";
        return text;
    }
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

void append_reason_time_text(std::string& out, Instant at) {
    const CivilTime t = civil_time_of(at);  // dd/MM/yy HH:mm:ss
    append_time_fields(out, {{t.day, 2, "/"},
                             {t.month, 2, "/"},
                             {t.year % 100, 2, " "},
                             {t.hour, 2, ":"},
                             {t.minute, 2, ":"},
                             {t.second, 2, ""}});
}

void append_reason_data_time_text(std::string& out, Instant at) {
    const CivilTime t = civil_time_of(at);  // yyyy-MM-ddTHH:mm:ss.SSS+0000
    append_time_fields(out, {{t.year, 4, "-"},
                             {t.month, 2, "-"},
                             {t.day, 2, "T"},
                             {t.hour, 2, ":"},
                             {t.minute, 2, ":"},
                             {t.second, 2, "."},
                             {t.millisecond, 3, "+0000"}});
}

std::string reason_time_text(Instant at) {
    std::string out;
    append_reason_time_text(out, at);
    return out;
}

std::string reason_data_time_text(Instant at) {
    std::string out;
    append_reason_data_time_text(out, at);
    return out;
}

std::string json_string_literal(std::string_view text) {
    return "\"" + json_escape(text) + "\"";
}

}  // namespace ecsemu::core::cloudwatch
