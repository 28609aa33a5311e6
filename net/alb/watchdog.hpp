#pragma once
// A deadline for whatever a connection is waiting on, cheap to move: arm() only stores a time, and the one
// timer behind it is re-armed when it fires early. Connections re-arm it on every read and write, so
// re-arming must not cost a timer cancellation each time.
#include <chrono>
#include <functional>
#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace ecsemu::net::alb {

class Watchdog {
public:
    using clock = std::chrono::steady_clock;

    // on_expiry runs on the executor when an armed deadline passes (at most once per arm()).
    Watchdog(const boost::asio::any_io_executor& executor, std::function<void()> on_expiry);
    ~Watchdog();
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

    void arm(clock::duration timeout);
    void disarm();

private:
    struct State;
    static void wait(const std::shared_ptr<State>& state);
    std::shared_ptr<State> state_;
};

}  // namespace ecsemu::net::alb
