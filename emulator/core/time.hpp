#pragma once
// Instants and durations as integer milliseconds. Core code receives "now" as a value and never reads a
// clock.
#include <compare>
#include <cstdint>

namespace ecsemu::core {

struct Duration {
    std::int64_t ms = 0;
    static constexpr Duration milliseconds(std::int64_t v) { return Duration{v}; }
    static constexpr Duration seconds(std::int64_t v) { return Duration{v * 1000}; }
    static constexpr Duration minutes(std::int64_t v) { return Duration{v * 60'000}; }
    constexpr auto operator<=>(const Duration&) const = default;
    constexpr Duration operator+(Duration o) const { return Duration{ms + o.ms}; }
    constexpr Duration operator-(Duration o) const { return Duration{ms - o.ms}; }
};

// Milliseconds since the Unix epoch, as AWS-visible timestamps are.
struct Instant {
    std::int64_t epoch_ms = 0;
    constexpr auto operator<=>(const Instant&) const = default;
    constexpr Instant operator+(Duration d) const { return Instant{epoch_ms + d.ms}; }
    constexpr Instant operator-(Duration d) const { return Instant{epoch_ms - d.ms}; }
    constexpr Duration operator-(Instant o) const { return Duration{epoch_ms - o.epoch_ms}; }
    // Fractional epoch seconds, the form AWS JSON protocols use for timestamps.
    constexpr double epoch_seconds() const { return static_cast<double>(epoch_ms) / 1000.0; }
};

}  // namespace ecsemu::core
