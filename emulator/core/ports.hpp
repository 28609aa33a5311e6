#pragma once
// The small interfaces through which time and effects enter the deterministic core. The emulator implements
// them with real time and real I/O (net/asio, emulator/runtime); the simulator with a virtual clock and
// models (sim/kernel, sim/models). Core code receives these by reference; there are no globals.
#include <cstdint>
#include <functional>

#include "emulator/core/time.hpp"

namespace ecsemu::core {

struct TimerId {
    std::uint64_t value = 0;
    constexpr auto operator<=>(const TimerId&) const = default;
};

class Clock {
public:
    virtual ~Clock() = default;
    // The current emulated instant. Pure planners never call this: the engine reads it once per pass and
    // passes the value down.
    virtual Instant now() const = 0;
    // Runs `callback` on the control thread once now() >= deadline. A deadline in the past fires as soon as
    // possible. Timers with equal deadlines fire in the order they were scheduled.
    virtual TimerId schedule_at(Instant deadline, std::function<void()> callback) = 0;
    // Cancelling a fired or unknown timer does nothing.
    virtual void cancel(TimerId id) = 0;
};

}  // namespace ecsemu::core
