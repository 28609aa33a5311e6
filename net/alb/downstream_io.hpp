#pragma once
// Reading requests from and writing responses to a proxy's client connection, shared by the ALB and the
// Service Connect proxy: keep-alive and pipelined requests (the buffer keeps bytes past one request for
// the next), "Expect: 100-continue" answered before the body is read, and every wait bounded by the
// watchdog, whose expiry closes the socket.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>  // before Boost 1.74's awaitable.hpp, which uses std::exchange

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "net/alb/message_reader.hpp"
#include "net/alb/read_buffer.hpp"
#include "net/alb/watchdog.hpp"

namespace ecsemu::net::alb {

enum class RequestRead { Request, Closed, Malformed, TooLarge };

struct RequestLimits {
    std::size_t header_bytes = 64 * 1024;
    std::uint64_t body_bytes = 10 * 1024 * 1024;
};

// Reads the next whole request into reader (head offsets into buffer). Waiting for the client counts as
// idle time whether a request has begun or not.
boost::asio::awaitable<RequestRead> read_client_request(boost::asio::ip::tcp::socket& socket,
                                                        ReadBuffer& buffer, MessageReader& reader,
                                                        Watchdog& watchdog,
                                                        std::chrono::steady_clock::duration idle_timeout,
                                                        RequestLimits limits);

// Writes head then body; false when the client has gone or the write outlasted idle_timeout.
boost::asio::awaitable<bool> write_to_client(boost::asio::ip::tcp::socket& socket, Watchdog& watchdog,
                                             std::chrono::steady_clock::duration idle_timeout,
                                             std::string_view head, std::string_view body);

}  // namespace ecsemu::net::alb
