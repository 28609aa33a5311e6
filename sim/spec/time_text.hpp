#pragma once
// Times and durations as scenario files and traces write them. Durations are compact unit strings ("90s",
// "15m", "2h", "1d", "1h30m", "250ms") so a day-long run reads as "24h" rather than 86400000; instants are
// ISO-8601 in UTC, the form CloudWatch exports and load-test tools print.
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/time.hpp"

namespace ecsemu::sim {

// "1h30m" -> 90 minutes. Components are a number (fraction allowed: "1.5h") and a unit of d, h, m, s or ms,
// each unit at most once and largest first. Null when the text is not such a string (negative included).
std::optional<core::Duration> parse_duration_text(std::string_view text);

// "2026-01-05T10:00:00Z", "2026-01-05T10:00:00.250Z" or with "+00:00" instead of "Z". Fractions beyond
// milliseconds are dropped. Null when the text is not such a time or names no real date.
std::optional<core::Instant> parse_utc_timestamp(std::string_view text);

// The shortest duration string that parses back to `duration`: 90 s -> "1m30s", 0 -> "0s".
std::string duration_text(core::Duration duration);

}  // namespace ecsemu::sim
