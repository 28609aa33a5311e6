#include "net/alb/downstream_io.hpp"

#include <array>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace ecsemu::net::alb {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

namespace {

constexpr std::size_t kMinReadBytes = 4 * 1024;
constexpr std::size_t kRetainedBufferBytes = 128 * 1024;

auto await_into(error_code& ec) {
    return asio::redirect_error(asio::use_awaitable, ec);
}

}  // namespace

asio::awaitable<RequestRead> read_client_request(tcp::socket& socket, ReadBuffer& buffer,
                                                 MessageReader& reader, Watchdog& watchdog,
                                                 std::chrono::steady_clock::duration idle_timeout,
                                                 RequestLimits limits) {
    buffer.begin_next_message();
    if (!buffer.has_unparsed()) buffer.shrink_to(kRetainedBufferBytes);
    reader.start(limits.header_bytes, limits.body_bytes);
    bool continue_sent = false;
    for (;;) {
        ReadError error = ReadError::NeedMore;
        if (buffer.has_unparsed()) {
            std::size_t used = reader.put(buffer.base(), buffer.parsed(), buffer.filled(), error);
            buffer.mark_parsed(used);
            if (error == ReadError::BodyTooLarge) co_return RequestRead::TooLarge;
            if (error == ReadError::HeaderTooLarge || error == ReadError::Malformed)
                co_return RequestRead::Malformed;
            if (reader.done()) {
                watchdog.disarm();
                co_return RequestRead::Request;
            }
            if (reader.header_done()) {
                buffer.drop_parsed_after(reader.header_bytes());
                if (reader.expect_continue && !continue_sent) {
                    continue_sent = true;
                    if (!co_await write_to_client(socket, watchdog, idle_timeout,
                                                  "HTTP/1.1 100 Continue\r\n\r\n", {}))
                        co_return RequestRead::Closed;
                }
            }
            if (error != ReadError::NeedMore && buffer.has_unparsed()) continue;
        }
        watchdog.arm(idle_timeout);
        error_code ec;
        auto space = buffer.prepare(kMinReadBytes);
        std::size_t n = co_await socket.async_read_some(space, await_into(ec));
        if (ec) co_return RequestRead::Closed;
        buffer.commit(n);
    }
}

asio::awaitable<bool> write_to_client(tcp::socket& socket, Watchdog& watchdog,
                                      std::chrono::steady_clock::duration idle_timeout, std::string_view head,
                                      std::string_view body) {
    error_code ec;
    watchdog.arm(idle_timeout);
    if (body.empty()) {
        co_await asio::async_write(socket, asio::buffer(head.data(), head.size()), await_into(ec));
    } else {
        std::array<asio::const_buffer, 2> buffers{asio::buffer(head.data(), head.size()),
                                                  asio::buffer(body.data(), body.size())};
        co_await asio::async_write(socket, buffers, await_into(ec));
    }
    watchdog.disarm();
    co_return !ec;
}

}  // namespace ecsemu::net::alb
