#include "sim/kernel/virtual_clock.hpp"

namespace ecsemu::sim {

core::TimerId VirtualClock::schedule_at(core::Instant deadline, std::function<void()> callback) {
    // A deadline in the past fires "as soon as possible": at the current instant, after what is already due.
    if (deadline < now_) deadline = now_;
    const std::uint64_t sequence = ++next_sequence_;
    const Key key{deadline, sequence};
    queue_.emplace(key, std::move(callback));
    key_by_id_.emplace(sequence, key);
    return core::TimerId{sequence};
}

void VirtualClock::cancel(core::TimerId id) {
    const auto it = key_by_id_.find(id.value);
    if (it == key_by_id_.end()) return;
    queue_.erase(it->second);
    key_by_id_.erase(it);
}

bool VirtualClock::step() {
    if (queue_.empty()) return false;
    auto first = queue_.begin();
    const Key key = first->first;
    auto callback = std::move(first->second);
    queue_.erase(first);
    key_by_id_.erase(key.second);
    now_ = key.first;
    callback();
    return true;
}

std::size_t VirtualClock::run_until(core::Instant until) {
    std::size_t fired = 0;
    while (!queue_.empty() && queue_.begin()->first.first <= until) {
        step();
        ++fired;
    }
    if (now_ < until) now_ = until;
    return fired;
}

}  // namespace ecsemu::sim
