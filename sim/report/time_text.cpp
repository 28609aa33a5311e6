#include "sim/report/time_text.hpp"

#include <cstdint>
#include <cstdio>

#include "emulator/api/wire/timestamp_text.hpp"

namespace ecsemu::sim {

namespace {

struct Clock3 {
    bool negative = false;
    std::int64_t hours = 0;
    int minutes = 0;
    int seconds = 0;
};

Clock3 split(core::Duration offset) {
    Clock3 parts;
    parts.negative = offset.ms < 0;
    const std::int64_t total_s = (parts.negative ? -offset.ms : offset.ms) / 1000;
    parts.hours = total_s / 3600;
    parts.minutes = static_cast<int>(total_s / 60 % 60);
    parts.seconds = static_cast<int>(total_s % 60);
    return parts;
}

}  // namespace

std::string iso8601_utc_seconds(core::Instant instant) {
    const std::int64_t sub_second = ((instant.epoch_ms % 1000) + 1000) % 1000;
    std::string text = api::iso8601_utc(core::Instant{instant.epoch_ms - sub_second});
    text.erase(text.size() - 5, 4);  // ".000" before the 'Z'
    return text;
}

std::string iso8601_utc_millis(core::Instant instant) {
    return api::iso8601_utc(instant);
}

std::string offset_text(core::Duration offset) {
    const Clock3 parts = split(offset);
    char text[48];
    std::snprintf(text, sizeof text, "%c%02lld:%02d:%02d", parts.negative ? '-' : '+',
                  static_cast<long long>(parts.hours), parts.minutes, parts.seconds);
    return text;
}

std::string hours_minutes_text(core::Duration offset) {
    const Clock3 parts = split(offset);
    char text[48];
    std::snprintf(text, sizeof text, "%s%lld:%02d", parts.negative ? "-" : "",
                  static_cast<long long>(parts.hours), parts.minutes);
    return text;
}

}  // namespace ecsemu::sim
