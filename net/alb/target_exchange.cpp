#include "net/alb/target_exchange.hpp"

#include <array>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace ecsemu::net::alb {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

namespace {

constexpr std::size_t kInitialBufferBytes = 16 * 1024;
constexpr std::size_t kMinReadBytes = 8 * 1024;
constexpr std::size_t kRetainedBufferBytes = 256 * 1024;

auto await_into(error_code& ec) {
    return asio::redirect_error(asio::use_awaitable, ec);
}

}  // namespace

TargetExchange::TargetExchange(asio::io_context& io, TargetPool& pool)
    : io_(io),
      pool_(pool),
      socket_(io),
      buffer_(kInitialBufferBytes),
      reader_(MessageReader::Kind::Response),
      watchdog_(io.get_executor(), [this] {
          timed_out_ = true;
          close_socket();
      }) {}

TargetExchange::~TargetExchange() {
    close_socket();
}

void TargetExchange::close_socket() {
    error_code ignored;
    if (socket_.is_open()) socket_.close(ignored);
}

void TargetExchange::cancel() {
    cancelled_ = true;
    close_socket();
}

asio::awaitable<TargetExchange::Outcome> TargetExchange::run(
    const tcp::endpoint& endpoint, std::string_view head, std::string_view body, bool head_request,
    std::chrono::steady_clock::duration response_timeout) {
    buffer_.shrink_to(kRetainedBufferBytes);
    response_started_ = false;
    bool pooled = false;
    if (auto idle = pool_.take(endpoint)) {
        socket_ = std::move(*idle);
        pooled = true;
    }
    Attempt result = co_await attempt(endpoint, pooled, head, body, head_request, response_timeout);
    if (result == Attempt::Retry) {
        result = co_await attempt(endpoint, false, head, body, head_request, response_timeout);
    }
    watchdog_.disarm();
    switch (result) {
        case Attempt::Done:
            co_return Outcome::Response;
        case Attempt::TimedOut:
            co_return Outcome::Timeout;
        case Attempt::Cancelled:
            co_return Outcome::Cancelled;
        case Attempt::Retry:
        case Attempt::Failed:
            break;
    }
    co_return Outcome::BadGateway;
}

asio::awaitable<TargetExchange::Attempt> TargetExchange::attempt(
    const tcp::endpoint& endpoint, bool pooled, std::string_view head, std::string_view body,
    bool head_request, std::chrono::steady_clock::duration response_timeout) {
    timed_out_ = false;
    error_code ec;
    if (!pooled) {
        close_socket();
        socket_ = tcp::socket(io_);
        watchdog_.arm(kConnectTimeout);
        co_await socket_.async_connect(endpoint, await_into(ec));
        if (cancelled_) co_return Attempt::Cancelled;
        if (timed_out_) co_return Attempt::TimedOut;
        if (ec) {
            close_socket();
            co_return Attempt::Failed;
        }
        socket_.set_option(tcp::no_delay(true), ec);
    }

    // The request: a pooled connection the target closed meanwhile fails here or on the first read.
    watchdog_.arm(response_timeout);
    std::array<asio::const_buffer, 2> request{asio::buffer(head.data(), head.size()),
                                              asio::buffer(body.data(), body.size())};
    co_await asio::async_write(socket_, request, await_into(ec));
    if (cancelled_) co_return Attempt::Cancelled;
    if (timed_out_) co_return Attempt::TimedOut;
    if (ec) {
        close_socket();
        co_return pooled ? Attempt::Retry : Attempt::Failed;
    }

    buffer_.clear();
    reader_.start(kResponseHeaderLimitBytes, kResponseBodyLimitBytes, head_request);
    bool received_any = false;
    for (;;) {
        if (buffer_.has_unparsed()) {
            ReadError error = ReadError::None;
            std::size_t used = reader_.put(buffer_.base(), buffer_.parsed(), buffer_.filled(), error);
            buffer_.mark_parsed(used);
            if (error != ReadError::None && error != ReadError::NeedMore) {
                close_socket();
                co_return Attempt::Failed;
            }
            if (reader_.done()) {
                if (reader_.status >= 100 && reader_.status < 200 && reader_.status != 101) {
                    // An interim response (100 Continue, 103 Early Hints): the real one follows.
                    buffer_.begin_next_message();
                    reader_.start(kResponseHeaderLimitBytes, kResponseBodyLimitBytes, head_request);
                    continue;
                }
                break;
            }
            if (reader_.header_done()) buffer_.drop_parsed_after(reader_.header_bytes());
            if (error != ReadError::NeedMore && buffer_.has_unparsed()) continue;
        }
        auto space = buffer_.prepare(kMinReadBytes);
        std::size_t n = co_await socket_.async_read_some(space, await_into(ec));
        if (cancelled_) co_return Attempt::Cancelled;
        if (timed_out_) co_return Attempt::TimedOut;
        if (ec) {
            if (ec == asio::error::eof && reader_.header_done() && reader_.need_eof()) {
                ReadError error = ReadError::None;
                reader_.put_eof(error);
                close_socket();
                if (error == ReadError::None) break;
                co_return Attempt::Failed;
            }
            close_socket();
            co_return pooled && !received_any ? Attempt::Retry : Attempt::Failed;
        }
        received_any = true;
        response_started_ = true;
        buffer_.commit(n);
        watchdog_.arm(response_timeout);
    }

    // Reusable only when the response ended exactly where the bytes did and both sides keep it open.
    if (socket_.is_open() && reader_.keep_alive() && !reader_.need_eof() && !buffer_.has_unparsed() &&
        reader_.status != 101) {
        pool_.give_back(endpoint, std::move(socket_));
        socket_ = tcp::socket(io_);
    } else {
        close_socket();
    }
    co_return Attempt::Done;
}

}  // namespace ecsemu::net::alb
