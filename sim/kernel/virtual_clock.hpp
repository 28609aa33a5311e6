#pragma once
// A Clock whose time moves only when the simulator advances it. Events are ordered by (deadline, sequence),
// so equal deadlines fire in scheduling order and a run is reproducible.
#include <map>
#include <utility>

#include "emulator/core/ports.hpp"

namespace ecsemu::sim {

class VirtualClock final : public core::Clock {
public:
    explicit VirtualClock(core::Instant start) : now_(start) {}

    core::Instant now() const override { return now_; }
    core::TimerId schedule_at(core::Instant deadline, std::function<void()> callback) override;
    void cancel(core::TimerId id) override;

    // Fires every timer due at or before `until` in (deadline, sequence) order, including timers that the
    // callbacks schedule inside the window, then leaves now() at `until`. Returns the number fired.
    std::size_t run_until(core::Instant until);
    std::size_t run_for(core::Duration d) { return run_until(now_ + d); }
    // Fires the next timer, if any, moving now() to its deadline. Returns false when none is pending.
    bool step();

    std::size_t pending() const { return queue_.size(); }

private:
    using Key = std::pair<core::Instant, std::uint64_t>;  // (deadline, sequence)
    core::Instant now_;
    std::uint64_t next_sequence_ = 0;
    std::map<Key, std::function<void()>> queue_;
    std::map<std::uint64_t, Key> key_by_id_;
};

}  // namespace ecsemu::sim
