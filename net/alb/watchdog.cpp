#include "net/alb/watchdog.hpp"

namespace ecsemu::net::alb {

struct Watchdog::State {
    State(const boost::asio::any_io_executor& executor, std::function<void()> expiry)
        : timer(executor), on_expiry(std::move(expiry)) {}
    boost::asio::steady_timer timer;
    std::function<void()> on_expiry;
    clock::time_point deadline = clock::time_point::max();
    clock::time_point timer_at = clock::time_point::max();
    bool waiting = false;
    bool alive = true;
};

Watchdog::Watchdog(const boost::asio::any_io_executor& executor, std::function<void()> on_expiry)
    : state_(std::make_shared<State>(executor, std::move(on_expiry))) {}

Watchdog::~Watchdog() {
    state_->alive = false;
    state_->on_expiry = nullptr;
    state_->timer.cancel();
}

void Watchdog::arm(clock::duration timeout) {
    State& s = *state_;
    s.deadline = clock::now() + timeout;
    if (!s.waiting) {
        wait(state_);
    } else if (s.deadline < s.timer_at) {
        // Cancels the pending wait; its handler re-arms for the earlier deadline.
        s.timer_at = s.deadline;
        s.timer.expires_at(s.deadline);
    }
}

void Watchdog::disarm() {
    state_->deadline = clock::time_point::max();
}

void Watchdog::wait(const std::shared_ptr<State>& state) {
    state->waiting = true;
    state->timer_at = state->deadline;
    state->timer.expires_at(state->deadline);
    state->timer.async_wait([state](const boost::system::error_code&) {
        state->waiting = false;
        if (!state->alive || state->deadline == clock::time_point::max()) return;
        if (clock::now() >= state->deadline) {
            state->deadline = clock::time_point::max();
            state->on_expiry();
            return;
        }
        wait(state);
    });
}

}  // namespace ecsemu::net::alb
