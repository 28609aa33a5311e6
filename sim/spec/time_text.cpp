#include "sim/spec/time_text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "emulator/core/civil_time.hpp"

namespace ecsemu::sim {
namespace {

struct DurationUnit {
    std::string_view suffix;
    std::int64_t ms;
};

// In the order a string must write them, largest first.
constexpr std::array<DurationUnit, 5> kUnits{{
    {"d", 86'400'000},
    {"h", 3'600'000},
    {"m", 60'000},
    {"s", 1'000},
    {"ms", 1},
}};

// The index in kUnits of the unit written at `pos`; the longest suffix wins so "5ms" is not "5m" + "s".
std::optional<std::size_t> match_unit(std::string_view text, std::size_t pos) {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < kUnits.size(); ++i) {
        const auto suffix = kUnits[i].suffix;
        if (text.substr(pos, suffix.size()) != suffix) continue;
        if (!best || suffix.size() > kUnits[*best].suffix.size()) best = i;
    }
    return best;
}

// About 31,000 years: far beyond any run, and far from the int64 limit once multiplied out.
constexpr double kLongestDurationMs = 1e15;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Reads digits[.digits] at `pos`; the caller has checked that a digit is there.
std::optional<double> read_decimal(std::string_view text, std::size_t& pos) {
    const std::size_t begin = pos;
    while (pos < text.size() && is_digit(text[pos])) ++pos;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t fraction = pos;
        while (pos < text.size() && is_digit(text[pos])) ++pos;
        if (pos == fraction) return std::nullopt;  // "1.h"
    }
    double value = 0;
    const auto [end, error] = std::from_chars(text.data() + begin, text.data() + pos, value);
    if (error != std::errc() || end != text.data() + pos) return std::nullopt;
    return value;
}

std::optional<int> read_fixed_digits(std::string_view text, std::size_t pos, std::size_t count) {
    if (pos + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!is_digit(text[i])) return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

}  // namespace

std::optional<core::Duration> parse_duration_text(std::string_view text) {
    if (text.empty()) return std::nullopt;
    std::size_t pos = 0;
    int last_rank = -1;
    double total_ms = 0;
    while (pos < text.size()) {
        if (!is_digit(text[pos])) return std::nullopt;
        const auto number = read_decimal(text, pos);
        if (!number) return std::nullopt;
        const auto unit = match_unit(text, pos);
        if (!unit) return std::nullopt;
        const int rank = static_cast<int>(*unit);
        if (rank <= last_rank) return std::nullopt;  // "30m1h", "1h1h"
        last_rank = rank;
        pos += kUnits[*unit].suffix.size();
        total_ms += *number * static_cast<double>(kUnits[*unit].ms);
    }
    if (total_ms > kLongestDurationMs) return std::nullopt;
    return core::Duration::milliseconds(std::llround(total_ms));
}

std::optional<core::Instant> parse_utc_timestamp(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS, then an optional fraction and the zone.
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
        text[16] != ':') {
        return std::nullopt;
    }
    const auto year = read_fixed_digits(text, 0, 4);
    const auto month = read_fixed_digits(text, 5, 2);
    const auto day = read_fixed_digits(text, 8, 2);
    const auto hour = read_fixed_digits(text, 11, 2);
    const auto minute = read_fixed_digits(text, 14, 2);
    const auto second = read_fixed_digits(text, 17, 2);
    if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
    if (*month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month) || *hour > 23 ||
        *minute > 59 || *second > 59) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    std::int64_t millis = 0;
    if (text[pos] == '.') {
        ++pos;
        const std::size_t fraction = pos;
        std::int64_t scale = 100;
        while (pos < text.size() && is_digit(text[pos])) {
            millis += (text[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == fraction) return std::nullopt;
    }
    const std::string_view zone = text.substr(pos);
    if (zone != "Z" && zone != "+00:00") return std::nullopt;
    const std::int64_t days = core::days_from_civil(*year, *month, *day);
    const std::int64_t seconds = days * 86'400 + *hour * 3'600 + *minute * 60 + *second;
    return core::Instant{seconds * 1'000 + millis};
}

std::string duration_text(core::Duration duration) {
    if (duration.ms == 0) return "0s";
    std::string text = duration.ms < 0 ? "-" : "";
    std::int64_t remaining = duration.ms < 0 ? -duration.ms : duration.ms;
    for (const auto& unit : kUnits) {
        const std::int64_t count = remaining / unit.ms;
        if (count == 0) continue;
        text += std::to_string(count) + std::string(unit.suffix);
        remaining -= count * unit.ms;
    }
    return text;
}

}  // namespace ecsemu::sim
