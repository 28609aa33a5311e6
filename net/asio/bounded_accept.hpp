#pragma once
// Accepting TCP connections with a cap on how many are open, as the HTTP and DNS servers do: at the cap the
// loop parks on a timer that a closing connection cancels, an accept error pauses it briefly, and every
// connection runs in a coroutine of its own. Header-only because the state and connection types are each
// server's own.
//
// State must have: bool stopped; std::size_t (or int) open_connections; boost::asio::steady_timer
// accept_wait; boost::asio::ip::tcp::acceptor acceptor. Connection must be constructible from (State&,
// tcp::socket) and have awaitable<void> run().
#include <chrono>
#include <cstddef>
#include <exception>
#include <memory>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ecsemu::net {

// Counts a connection from accept until its coroutine frame is gone, even when the frame is destroyed
// without running (io_context torn down), and keeps the shared state alive as long as the frame.
template <class State>
class ConnectionSlot {
public:
    explicit ConnectionSlot(std::shared_ptr<State> state) : state_(std::move(state)) {
        ++state_->open_connections;
    }
    ConnectionSlot(ConnectionSlot&& other) noexcept = default;
    ConnectionSlot& operator=(ConnectionSlot&&) = delete;
    ~ConnectionSlot() {
        if (!state_) return;
        --state_->open_connections;
        if (!state_->stopped) state_->accept_wait.cancel();
    }
    State& state() const { return *state_; }

private:
    std::shared_ptr<State> state_;
};

template <class Connection, class State>
boost::asio::awaitable<void> serve_connection(ConnectionSlot<State> slot,
                                              boost::asio::ip::tcp::socket socket) {
    try {
        Connection connection(slot.state(), std::move(socket));
        co_await connection.run();
    } catch (const std::exception&) {
        // Only allocation failure gets here; dropping the connection is the right outcome.
    }
}

template <class Connection, class State>
boost::asio::awaitable<void> accept_connections(std::shared_ptr<State> state, std::size_t max_connections,
                                                std::chrono::milliseconds error_pause) {
    namespace asio = boost::asio;
    State& s = *state;
    while (!s.stopped) {
        boost::system::error_code ec;
        auto await_into = [&ec] { return asio::redirect_error(asio::use_awaitable, ec); };
        if (static_cast<std::size_t>(s.open_connections) >= max_connections) {
            s.accept_wait.expires_at(asio::steady_timer::time_point::max());
            co_await s.accept_wait.async_wait(await_into());
            continue;
        }
        asio::ip::tcp::socket socket = co_await s.acceptor.async_accept(await_into());
        if (s.stopped) break;
        if (ec) {
            s.accept_wait.expires_after(error_pause);
            co_await s.accept_wait.async_wait(await_into());
            continue;
        }
        socket.set_option(asio::ip::tcp::no_delay(true), ec);
        asio::co_spawn(s.acceptor.get_executor(),
                       serve_connection<Connection>(ConnectionSlot<State>(state), std::move(socket)),
                       asio::detached);
    }
}

}  // namespace ecsemu::net
