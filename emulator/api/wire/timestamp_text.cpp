#include "emulator/api/wire/timestamp_text.hpp"

#include <cstdint>
#include <cstdio>

#include "emulator/core/civil_time.hpp"

namespace ecsemu::api {

std::string iso8601_utc(core::Instant instant) {
    constexpr std::int64_t kMsPerDay = 86'400'000;
    std::int64_t days = instant.epoch_ms / kMsPerDay;
    std::int64_t in_day = instant.epoch_ms % kMsPerDay;
    if (in_day < 0) {
        in_day += kMsPerDay;
        --days;
    }
    const core::CivilDate date = core::civil_from_days(days);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", date.year, date.month, date.day,
                  static_cast<int>(in_day / 3'600'000), static_cast<int>(in_day / 60'000 % 60),
                  static_cast<int>(in_day / 1000 % 60), static_cast<int>(in_day % 1000));
    return text;
}

}  // namespace ecsemu::api
