#pragma once
// The emulator's clock as the control plane sees it: the AsioClock, shifted forward so that emulated time
// continues from where the previous process left off. At --time-scale 10 an hour of running puts emulated
// time ten hours ahead of the wall clock; after a restart a fresh AsioClock would start at the wall clock
// again and new timestamps would come before ones clients have already seen. The shift is decided before
// anything schedules a timer, and never changes afterwards.
#include "emulator/core/ports.hpp"

namespace ecsemu::app {

class ContinuedClock final : public core::Clock {
public:
    explicit ContinuedClock(core::Clock& base) : base_(base) {}

    // Makes now() strictly later than `instant` if it is not already. REQUIRES: called before the first
    // schedule_at().
    void continue_after(core::Instant instant) {
        const core::Instant now = base_.now();
        if (instant >= now) shift_ = (instant - now) + core::Duration::milliseconds(1);
    }

    core::Instant now() const override { return base_.now() + shift_; }
    core::TimerId schedule_at(core::Instant deadline, std::function<void()> callback) override {
        return base_.schedule_at(deadline - shift_, std::move(callback));
    }
    void cancel(core::TimerId id) override { base_.cancel(id); }

private:
    core::Clock& base_;
    core::Duration shift_;
};

}  // namespace ecsemu::app
