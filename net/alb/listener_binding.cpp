#include "net/alb/listener_binding.hpp"

#include <sys/socket.h>

#include <boost/asio/socket_base.hpp>

namespace ecsemu::net::alb {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;
using reuse_port = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

namespace {

error_code open_and_bind(tcp::acceptor& acceptor, const tcp::endpoint& endpoint) {
    error_code ec;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.set_option(reuse_port(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        error_code ignored;
        acceptor.close(ignored);
    }
    return ec;
}

// SO_REUSEPORT lets any socket of the same user share a port, so a second ecsemu (or any other program) on
// the same address and port would silently receive half of the connections. A plain bind first proves the
// port free: it fails while anyone listens there, with or without SO_REUSEPORT.
error_code claim_exclusively(asio::io_context& io, const tcp::endpoint& endpoint) {
    if (endpoint.port() == 0) return {};
    tcp::acceptor probe(io);
    error_code ec;
    probe.open(endpoint.protocol(), ec);
    if (!ec) probe.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) probe.bind(endpoint, ec);
    error_code ignored;
    probe.close(ignored);
    return ec;
}

bool worth_another_port(const error_code& ec) {
    return ec == asio::error::access_denied || ec == asio::error::address_in_use;
}

}  // namespace

std::vector<std::uint16_t> candidate_ports(std::uint16_t port) {
    if (port == 0) return {0};
    std::vector<std::uint16_t> ports{port};
    if (port + kMappedPortOffset <= 65535)
        ports.push_back(static_cast<std::uint16_t>(port + kMappedPortOffset));
    ports.push_back(0);
    return ports;
}

std::error_code bind_listener(const std::vector<asio::io_context*>& contexts, const std::string& host,
                              std::uint16_t port, BoundListener& out) {
    out = BoundListener{};
    error_code ec;
    auto address = asio::ip::make_address(host, ec);
    if (ec) return ec;
    if (contexts.empty()) return std::make_error_code(std::errc::invalid_argument);

    tcp::acceptor first(*contexts.front());
    for (std::uint16_t candidate : candidate_ports(port)) {
        ec = claim_exclusively(*contexts.front(), tcp::endpoint(address, candidate));
        if (!ec) ec = open_and_bind(first, tcp::endpoint(address, candidate));
        if (!ec || !worth_another_port(ec)) break;
    }
    if (ec) return ec;
    out.port = first.local_endpoint(ec).port();
    if (ec) return ec;
    out.acceptors.push_back(std::move(first));
    for (std::size_t i = 1; i < contexts.size(); ++i) {
        tcp::acceptor extra(*contexts[i]);
        // Without a twin this thread simply accepts nothing on the listener; the others still serve it.
        if (!open_and_bind(extra, tcp::endpoint(address, out.port)))
            out.acceptors.push_back(std::move(extra));
        else
            out.acceptors.emplace_back(*contexts[i]);
    }
    return {};
}

}  // namespace ecsemu::net::alb
