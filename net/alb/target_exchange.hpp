#pragma once
// One request/response exchange with a target over a pooled keep-alive connection (or a fresh one), with
// ALB's failure semantics: connect refused, reset, close or a malformed response -> BadGateway; no connect
// within 10 s or no response within the idle timeout -> Timeout. A pooled connection that turns out to be
// closed before any response byte arrives is not a target failure: the request goes once more on a fresh
// connection.
//
// Not tied to the ALB: the Service Connect proxy and stub containers calling an upstream use it too, each
// with their own pool.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>  // before Boost 1.74's awaitable.hpp, which uses std::exchange

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "net/alb/message_reader.hpp"
#include "net/alb/read_buffer.hpp"
#include "net/alb/target_pool.hpp"
#include "net/alb/watchdog.hpp"

namespace ecsemu::net::alb {

class TargetExchange {
public:
    enum class Outcome { Response, BadGateway, Timeout, Cancelled };

    static constexpr std::chrono::seconds kConnectTimeout{10};
    static constexpr std::size_t kResponseHeaderLimitBytes = 32 * 1024;
    static constexpr std::uint64_t kResponseBodyLimitBytes = 256ULL * 1024 * 1024;

    // REQUIRES: io and pool outlive the exchange; run() runs on io's thread, which alone uses pool.
    TargetExchange(boost::asio::io_context& io, TargetPool& pool);
    ~TargetExchange();
    TargetExchange(const TargetExchange&) = delete;
    TargetExchange& operator=(const TargetExchange&) = delete;

    // Sends head + body and reads the whole response. On Response, response() and response_base() hold
    // it until the next run(); the connection has already gone back to the pool when it can be reused.
    boost::asio::awaitable<Outcome> run(const boost::asio::ip::tcp::endpoint& endpoint, std::string_view head,
                                        std::string_view body, bool head_request,
                                        std::chrono::steady_clock::duration response_timeout);

    const MessageReader& response() const { return reader_; }
    const char* response_base() const { return buffer_.base(); }
    // After BadGateway: whether the target had sent any byte of a response (a reset before that is safe
    // to retry elsewhere; after it the request may have been processed).
    bool response_started() const { return response_started_; }

    // Abandons the exchange in progress (proxy stopping).
    void cancel();

private:
    enum class Attempt { Done, Retry, Failed, TimedOut, Cancelled };
    boost::asio::awaitable<Attempt> attempt(const boost::asio::ip::tcp::endpoint& endpoint, bool pooled,
                                            std::string_view head, std::string_view body, bool head_request,
                                            std::chrono::steady_clock::duration response_timeout);
    void close_socket();

    boost::asio::io_context& io_;
    TargetPool& pool_;
    boost::asio::ip::tcp::socket socket_;
    ReadBuffer buffer_;
    MessageReader reader_;
    Watchdog watchdog_;
    bool timed_out_ = false;
    bool cancelled_ = false;
    bool response_started_ = false;
};

}  // namespace ecsemu::net::alb
