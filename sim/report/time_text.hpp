#pragma once
// Instants and offsets as the report files print them. Offsets are counted from the start of the run and
// do not wrap at a day, so a week-long run reads "+150:00:00".
#include <string>

#include "emulator/core/time.hpp"

namespace ecsemu::sim {

// "2026-01-05T00:01:00Z": whole seconds (the timeline's minutes).
std::string iso8601_utc_seconds(core::Instant instant);
// "2026-01-05T00:03:00.000Z": with milliseconds (events).
std::string iso8601_utc_millis(core::Instant instant);
// "+02:13:00" (hours, minutes, seconds; sub-second part dropped).
std::string offset_text(core::Duration offset);
// "2:30" (hours and minutes, for chart axes).
std::string hours_minutes_text(core::Duration offset);

}  // namespace ecsemu::sim
