#include "emulator/api/wire/timestamp_text.hpp"

#include <cstdint>
#include <cstdio>

namespace ecsemu::api {

namespace {

// Days since 1970-01-01 -> civil date (proleptic Gregorian), after H. Hinnant's days_from_civil inverse.
void civil_from_days(std::int64_t days, int& year, unsigned& month, unsigned& day) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

}  // namespace

std::string iso8601_utc(core::Instant instant) {
    constexpr std::int64_t kMsPerDay = 86'400'000;
    std::int64_t days = instant.epoch_ms / kMsPerDay;
    std::int64_t in_day = instant.epoch_ms % kMsPerDay;
    if (in_day < 0) {
        in_day += kMsPerDay;
        --days;
    }
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    civil_from_days(days, year, month, day);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", year, month, day,
                  static_cast<int>(in_day / 3'600'000), static_cast<int>(in_day / 60'000 % 60),
                  static_cast<int>(in_day / 1000 % 60), static_cast<int>(in_day % 1000));
    return text;
}

}  // namespace ecsemu::api
