#pragma once
// Binding a listener's port: one listening socket per proxy thread on the same address and port
// (SO_REUSEPORT, so the kernel spreads connections over the threads). A port that cannot be bound (below
// 1024 without privileges, or taken) is mapped: port + 8000 on the same address, else an ephemeral port.
#include <cstdint>
#include <string>
#include <system_error>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace ecsemu::net::alb {

constexpr std::uint16_t kMappedPortOffset = 8000;

struct BoundListener {
    std::vector<boost::asio::ip::tcp::acceptor> acceptors;  // acceptors[i] runs on contexts[i]
    std::uint16_t port = 0;                                 // the port actually bound
};

// The ports to try, in order, for a listener on `port` (0 means ephemeral only).
std::vector<std::uint16_t> candidate_ports(std::uint16_t port);

// Binds and listens on every context (the first one decides the port). On failure returns the error of
// the last attempt and no acceptors.
std::error_code bind_listener(const std::vector<boost::asio::io_context*>& contexts, const std::string& host,
                              std::uint16_t port, BoundListener& out);

}  // namespace ecsemu::net::alb
