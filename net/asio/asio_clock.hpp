#pragma once
// The emulator's Clock: emulated time runs `time_scale` times faster than the host's steady clock, starting
// from the wall-clock time at construction. With time_scale 60 an emulated minute lasts a real second, so
// cooldowns, health-check intervals and deployment waits can be watched in a test or a demo.
//
// Timers live in one ordered queue keyed (deadline, sequence) with a single asio::steady_timer armed for
// the earliest entry: equal deadlines fire in scheduling order, and cancel() is a map erase. When the host
// falls behind (a busy loop, a suspended laptop) due timers fire late, in order; none is skipped.
//
// Threading: schedule_at, cancel and every callback run on the io_context's thread; now() may be called
// from any thread. The io_context must outlive the clock.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "emulator/core/ports.hpp"

namespace boost::asio {
class io_context;
}

namespace ecsemu::net {

class AsioClock final : public core::Clock {
public:
    // REQUIRES: time_scale is finite and > 0 (throws std::invalid_argument otherwise).
    explicit AsioClock(boost::asio::io_context& io, double time_scale = 1.0);
    ~AsioClock() override;
    AsioClock(const AsioClock&) = delete;
    AsioClock& operator=(const AsioClock&) = delete;

    core::Instant now() const override;
    // A deadline in the past fires as soon as possible, after the timers already due (it is queued at
    // now(), as sim::VirtualClock does), so both clocks order the same schedule the same way.
    core::TimerId schedule_at(core::Instant deadline, std::function<void()> callback) override;
    void cancel(core::TimerId id) override;

    double time_scale() const;
    // Timers scheduled and neither fired nor cancelled.
    std::size_t pending() const;

    struct Queue;  // defined in asio_clock.cpp; shared with the steady_timer's wait handler

private:
    std::shared_ptr<Queue> queue_;
};

}  // namespace ecsemu::net
