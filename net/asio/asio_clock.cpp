// Emulated instant <-> host steady instant:
//   emulated(t_real) = origin_emulated + (t_real - origin_steady) * time_scale
//   real(deadline)   = origin_steady + ceil((deadline - origin_emulated) / time_scale)
// Rounding up the real instant means now() has reached the deadline when the steady_timer fires; the
// dispatcher still checks, and waits again in the rare case floating-point rounding disagrees.
#include "net/asio/asio_clock.hpp"

#include <chrono>
#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace ecsemu::net {

namespace asio = boost::asio;
using SteadyTime = std::chrono::steady_clock::time_point;

namespace {

// Caps how far ahead a timer is armed, so a far-future deadline cannot overflow the steady clock's
// nanosecond count. A timer that far out simply fires late.
constexpr double kMaxRealOffsetNs = 100.0 * 365 * 24 * 3600 * 1e9;

std::int64_t wall_clock_epoch_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

struct AsioClock::Queue {
    Queue(asio::io_context& io, double scale)
        : timer(io),
          time_scale(scale),
          origin_emulated_ms(wall_clock_epoch_ms()),
          origin_steady(std::chrono::steady_clock::now()) {}

    using Key = std::pair<core::Instant, std::uint64_t>;  // (deadline, sequence)

    asio::steady_timer timer;
    const double time_scale;
    const std::int64_t origin_emulated_ms;
    const SteadyTime origin_steady;
    std::map<Key, std::function<void()>> entries;
    std::map<std::uint64_t, Key> key_by_sequence;
    std::uint64_t last_sequence = 0;
    bool armed = false;
    SteadyTime armed_for{};
    bool dispatching = false;
    bool closed = false;

    core::Instant now() const {
        auto elapsed_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                              std::chrono::steady_clock::now() - origin_steady)
                              .count();
        auto scaled_ms = std::floor(static_cast<double>(elapsed_ns) * time_scale / 1e6);
        return core::Instant{origin_emulated_ms + static_cast<std::int64_t>(scaled_ms)};
    }

    SteadyTime real_time_for(core::Instant deadline) const {
        double offset_ns = static_cast<double>(deadline.epoch_ms - origin_emulated_ms) * 1e6 / time_scale;
        if (offset_ns <= 0) return origin_steady;
        offset_ns = std::min(std::ceil(offset_ns), kMaxRealOffsetNs);
        return origin_steady + std::chrono::nanoseconds(static_cast<std::int64_t>(offset_ns));
    }
};

namespace {

using Queue = AsioClock::Queue;

void fire_due(const std::shared_ptr<Queue>& queue);

// Points the steady_timer at the earliest entry, or cancels it when nothing is pending so that an idle
// clock does not keep io_context::run from returning.
void arm(const std::shared_ptr<Queue>& queue) {
    Queue& q = *queue;
    if (q.closed || q.dispatching) return;
    if (q.entries.empty()) {
        if (q.armed) q.timer.cancel();
        q.armed = false;
        return;
    }
    SteadyTime target = q.real_time_for(q.entries.begin()->first.first);
    if (q.armed && q.armed_for == target) return;
    q.armed = true;
    q.armed_for = target;
    q.timer.expires_at(target);  // cancels the previous wait, whose handler then sees operation_aborted
    q.timer.async_wait([weak = std::weak_ptr<Queue>(queue)](const boost::system::error_code& ec) {
        if (ec == asio::error::operation_aborted) return;
        auto alive = weak.lock();
        if (!alive) return;
        alive->armed = false;
        fire_due(alive);
    });
}

// Re-arms however dispatch ends, including a callback that throws out of io_context::run.
class DispatchScope {
public:
    explicit DispatchScope(const std::shared_ptr<Queue>& queue) : queue_(queue) {
        queue_->dispatching = true;
    }
    ~DispatchScope() {
        queue_->dispatching = false;
        arm(queue_);
    }
    DispatchScope(const DispatchScope&) = delete;
    DispatchScope& operator=(const DispatchScope&) = delete;

private:
    std::shared_ptr<Queue> queue_;
};

// Fires what was due when dispatch began, in (deadline, sequence) order. Timers the callbacks add wait for
// the next dispatch, so a callback that keeps rescheduling itself at now() cannot starve socket I/O.
void fire_due(const std::shared_ptr<Queue>& queue) {
    Queue& q = *queue;
    DispatchScope scope(queue);
    const core::Instant now = q.now();
    const std::uint64_t last_due_sequence = q.last_sequence;
    while (!q.closed && !q.entries.empty()) {
        auto head = q.entries.begin();
        const auto [deadline, sequence] = head->first;
        if (deadline > now || sequence > last_due_sequence) break;
        auto callback = std::move(head->second);
        q.entries.erase(head);
        q.key_by_sequence.erase(sequence);
        callback();
    }
}

}  // namespace

AsioClock::AsioClock(asio::io_context& io, double time_scale) {
    if (!std::isfinite(time_scale) || time_scale <= 0) {
        throw std::invalid_argument("time scale must be a positive number");
    }
    queue_ = std::make_shared<Queue>(io, time_scale);
}

AsioClock::~AsioClock() {
    queue_->closed = true;
    queue_->timer.cancel();
    queue_->entries.clear();
    queue_->key_by_sequence.clear();
}

core::Instant AsioClock::now() const {
    return queue_->now();
}

core::TimerId AsioClock::schedule_at(core::Instant deadline, std::function<void()> callback) {
    Queue& q = *queue_;
    deadline = std::max(deadline, q.now());
    const std::uint64_t sequence = ++q.last_sequence;
    const Queue::Key key{deadline, sequence};
    auto [position, inserted] = q.entries.emplace(key, std::move(callback));
    (void)inserted;
    q.key_by_sequence.emplace(sequence, key);
    if (position == q.entries.begin()) arm(queue_);
    return core::TimerId{sequence};
}

void AsioClock::cancel(core::TimerId id) {
    Queue& q = *queue_;
    auto it = q.key_by_sequence.find(id.value);
    if (it == q.key_by_sequence.end()) return;
    q.entries.erase(it->second);
    q.key_by_sequence.erase(it);
    // A head that moved later leaves the timer early: it wakes, finds nothing due and re-arms.
    if (q.entries.empty()) arm(queue_);
}

double AsioClock::time_scale() const {
    return queue_->time_scale;
}

std::size_t AsioClock::pending() const {
    return queue_->entries.size();
}

}  // namespace ecsemu::net
