#pragma once
// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), after Howard Hinnant's
// public-domain civil-date algorithms: the one copy behind every timestamp text, parsed or written, and the
// scheduled-action clock. UTC only; no time zone database.
#include <cstdint>

namespace ecsemu::core {

struct CivilDate {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
};

constexpr std::int64_t days_from_civil(int year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const int year_of_era = static_cast<int>(year - era * 400);
    const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

constexpr CivilDate civil_from_days(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const int day_of_era = static_cast<int>(days - era * 146097);
    const int year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const int mp = (5 * day_of_year + 2) / 153;
    const int day = day_of_year - (153 * mp + 2) / 5 + 1;
    const int month = mp < 10 ? mp + 3 : mp - 9;
    return CivilDate{static_cast<int>(year_of_era + era * 400) + (month <= 2 ? 1 : 0), month, day};
}

// 1 = Sunday .. 7 = Saturday, as AWS's cron counts (1970-01-01 was a Thursday).
constexpr int cron_day_of_week(std::int64_t days) {
    const std::int64_t weekday = (days % 7 + 7 + 4) % 7;  // 0 = Sunday
    return static_cast<int>(weekday) + 1;
}

}  // namespace ecsemu::core
