#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string_view>
#include <vector>

#include "emulator/core/autoscaling/autoscaling_errors.hpp"
#include "emulator/core/autoscaling/schedule.hpp"
#include "emulator/core/civil_time.hpp"

namespace ecsemu::core::autoscaling {

namespace {

constexpr int kFirstYear = 1970;
constexpr int kLastYear = 2200;

std::optional<int> parse_int(std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto at = text.find(separator, start);
        parts.push_back(
            text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos) return parts;
        start = at + 1;
    }
}

struct FieldRange {
    const char* name;
    int low;
    int high;
    const std::array<const char*, 12>* names;  // JAN.. or SUN..; null when the field has none
    int first_name_value;
};

const std::array<const char*, 12> kMonthNames = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                 "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
const std::array<const char*, 12> kDayNames = {"SUN", "MON", "TUE", "WED", "THU", "FRI",
                                               "SAT", "",    "",    "",    "",    ""};

std::optional<int> field_value(std::string_view text, const FieldRange& range) {
    if (range.names != nullptr) {
        std::string upper(text);
        std::transform(upper.begin(), upper.end(), upper.begin(),
                       [](unsigned char c) { return std::toupper(c); });
        for (std::size_t i = 0; i < range.names->size(); ++i) {
            if (*(*range.names)[i] != '\0' && upper == (*range.names)[i])
                return range.first_name_value + static_cast<int>(i);
        }
    }
    const auto value = parse_int(text);
    if (!value || *value < range.low || *value > range.high) return std::nullopt;
    return value;
}

// AWS cron's L (last), W (nearest weekday) and # (nth weekday), which ecsemu does not evaluate. Month and day
// names (JUL, WED) contain those letters, so only numeric fields and day-of-week suffixes count.
bool uses_last_weekday_or_nth(std::string_view text, const FieldRange& range) {
    if (text.find('#') != std::string_view::npos) return true;
    if (range.names == nullptr) return text.find_first_of("LW") != std::string_view::npos;
    if (range.names != &kDayNames) return false;
    for (const std::string_view item : split(text, ',')) {
        if (item == "L" || (item.size() >= 2 && item.back() == 'L' &&
                            std::isdigit(static_cast<unsigned char>(item[item.size() - 2])))) {
            return true;
        }
    }
    return false;
}

// Sets the field's values into `out` (indexed by value); returns an error text or "".
template <std::size_t N>
std::string parse_field(std::string_view text, const FieldRange& range, std::bitset<N>& out, int offset = 0) {
    std::string bad = std::string("Invalid cron ") + range.name + " field '" + std::string(text) + "'";
    if (uses_last_weekday_or_nth(text, range)) {
        return bad + ": ecsemu does not support L, W or # in cron expressions";
    }
    for (const std::string_view item : split(text, ',')) {
        const auto slash = item.find('/');
        const std::string_view base = item.substr(0, slash);
        int step = 1;
        if (slash != std::string_view::npos) {
            const auto parsed = parse_int(item.substr(slash + 1));
            if (!parsed || *parsed < 1) return bad;
            step = *parsed;
        }
        int low = range.low;
        int high = range.high;
        if (base != "*") {
            const auto dash = base.find('-');
            const auto first = field_value(base.substr(0, dash), range);
            if (!first) return bad;
            low = *first;
            high = slash == std::string_view::npos ? low : range.high;
            if (dash != std::string_view::npos) {
                const auto last = field_value(base.substr(dash + 1), range);
                if (!last || *last < low) return bad;
                high = *last;
            }
        }
        for (int value = low; value <= high; value += step) out.set(static_cast<std::size_t>(value - offset));
    }
    return "";
}

Result<Schedule> parse_cron(std::string_view body) {
    std::vector<std::string_view> fields;
    for (const std::string_view part : split(body, ' ')) {
        if (!part.empty()) fields.push_back(part);
    }
    if (fields.size() != 6) {
        return validation_error(
            "Invalid cron expression: expected 6 fields (minutes hours day-of-month month "
            "day-of-week year), got " +
            std::to_string(fields.size()));
    }
    Schedule schedule;
    schedule.kind = Schedule::Kind::Cron;
    CronFields& cron = schedule.cron;
    cron.any_day_of_month = fields[2] == "?";
    cron.any_day_of_week = fields[4] == "?";
    if (cron.any_day_of_month == cron.any_day_of_week) {
        return validation_error(
            "Invalid cron expression: exactly one of day-of-month and day-of-week must be '?'");
    }
    std::string error = parse_field(fields[0], {"minutes", 0, 59, nullptr, 0}, cron.minutes);
    if (error.empty()) error = parse_field(fields[1], {"hours", 0, 23, nullptr, 0}, cron.hours);
    if (error.empty() && !cron.any_day_of_month)
        error = parse_field(fields[2], {"day-of-month", 1, 31, nullptr, 0}, cron.days_of_month);
    if (error.empty()) error = parse_field(fields[3], {"month", 1, 12, &kMonthNames, 1}, cron.months);
    if (error.empty() && !cron.any_day_of_week)
        error = parse_field(fields[4], {"day-of-week", 1, 7, &kDayNames, 1}, cron.days_of_week);
    if (error.empty())
        error = parse_field(fields[5], {"year", kFirstYear, kLastYear, nullptr, 0}, cron.years, kFirstYear);
    if (!error.empty()) return validation_error(error);
    return schedule;
}

Result<Schedule> parse_rate(std::string_view body) {
    const auto parts = split(body, ' ');
    const auto value = parts.size() == 2 ? parse_int(parts[0]) : std::nullopt;
    const std::string_view unit = parts.size() == 2 ? parts[1] : std::string_view();
    std::int64_t unit_minutes = 0;
    if (unit == "minute" || unit == "minutes") unit_minutes = 1;
    if (unit == "hour" || unit == "hours") unit_minutes = 60;
    if (unit == "day" || unit == "days") unit_minutes = std::int64_t{24} * 60;
    if (!value || *value < 1 || unit_minutes == 0) {
        return validation_error("Invalid rate expression: rate(" + std::string(body) +
                                "). Expected rate(value unit), value a positive integer and unit minute, "
                                "minutes, hour, hours, day or days");
    }
    Schedule schedule;
    schedule.kind = Schedule::Kind::Rate;
    schedule.rate = Duration::minutes(*value * unit_minutes);
    return schedule;
}

// yyyy-mm-ddThh:mm:ss
Result<Schedule> parse_at(std::string_view body) {
    const auto invalid = [&] {
        return validation_error("Invalid at expression: at(" + std::string(body) +
                                "). Expected at(yyyy-mm-ddThh:mm:ss)");
    };
    if (body.size() != 19 || body[4] != '-' || body[7] != '-' || body[10] != 'T' || body[13] != ':' ||
        body[16] != ':') {
        return invalid();
    }
    const auto year = parse_int(body.substr(0, 4));
    const auto month = parse_int(body.substr(5, 2));
    const auto day = parse_int(body.substr(8, 2));
    const auto hour = parse_int(body.substr(11, 2));
    const auto minute = parse_int(body.substr(14, 2));
    const auto second = parse_int(body.substr(17, 2));
    if (!year || !month || !day || !hour || !minute || !second || *month < 1 || *month > 12 || *day < 1 ||
        *hour > 23 || *minute > 59 || *second > 59) {
        return invalid();
    }
    const std::int64_t days = days_from_civil(*year, *month, *day);
    if (civil_from_days(days).day != *day) return invalid();  // 2023-02-30
    Schedule schedule;
    schedule.kind = Schedule::Kind::At;
    schedule.at_local_ms = ((days * 24 + *hour) * 60 + *minute) * 60'000 + *second * 1000LL;
    return schedule;
}

// "+05:30", "-0800", "+5" -> signed minutes.
std::optional<int> parse_offset_minutes(std::string_view text) {
    if (text.empty() || (text[0] != '+' && text[0] != '-')) return std::nullopt;
    const int sign = text[0] == '-' ? -1 : 1;
    std::string digits;
    for (const char c : text.substr(1)) {
        if (c != ':') digits.push_back(c);
    }
    const bool colon = text.find(':') != std::string_view::npos;
    if (colon && text.size() != 6) return std::nullopt;
    std::optional<int> hours;
    int minutes = 0;
    if (digits.size() <= 2) {
        hours = parse_int(digits);
    } else if (digits.size() == 4) {
        hours = parse_int(digits.substr(0, 2));
        const auto parsed_minutes = parse_int(digits.substr(2, 2));
        if (!parsed_minutes || *parsed_minutes > 59) return std::nullopt;
        minutes = *parsed_minutes;
    }
    if (!hours || *hours > 18) return std::nullopt;
    return sign * (*hours * 60 + minutes);
}

}  // namespace

Result<Schedule> parse_schedule(const std::string& text) {
    const auto open = text.find('(');
    if (open == std::string::npos || text.empty() || text.back() != ')') {
        return validation_error("Invalid schedule " + text +
                                ". Expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)");
    }
    const std::string kind = text.substr(0, open);
    const std::string_view body = std::string_view(text).substr(open + 1, text.size() - open - 2);
    if (kind == "at") return parse_at(body);
    if (kind == "rate") return parse_rate(body);
    if (kind == "cron") return parse_cron(body);
    return validation_error("Invalid schedule " + text +
                            ". Expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)");
}

Result<Duration> parse_timezone(const std::string& text) {
    static const std::array<const char*, 10> kUtcNames = {"",  "UTC",     "Etc/UTC",   "GMT",  "Etc/GMT",
                                                          "Z", "Etc/UCT", "Universal", "Zulu", "Etc/Zulu"};
    if (std::find(kUtcNames.begin(), kUtcNames.end(), text) != kUtcNames.end()) return Duration{};
    std::optional<int> minutes;
    const std::string_view view(text);
    if (view.rfind("Etc/GMT", 0) == 0) {
        // POSIX sign: Etc/GMT+5 is five hours behind UTC.
        const auto offset = parse_offset_minutes(view.substr(7));
        if (offset && *offset % 60 == 0 && view.size() <= 10) minutes = -*offset;
    } else if (view.rfind("UTC", 0) == 0 || view.rfind("GMT", 0) == 0) {
        minutes = parse_offset_minutes(view.substr(3));
    } else {
        minutes = parse_offset_minutes(view);
    }
    if (!minutes) {
        return validation_error("Unsupported time zone " + text +
                                ": ecsemu supports UTC and fixed offsets from UTC (e.g. +05:30, UTC-8, "
                                "Etc/GMT+5), not zones with daylight saving rules");
    }
    return Duration::minutes(*minutes);
}

}  // namespace ecsemu::core::autoscaling
