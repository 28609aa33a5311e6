#pragma once
// ecsemu's authoritative DNS server: UDP and TCP (RFC 7766, 2-byte length framing, several queries per
// connection) on one address and port, answering from the latest published DnsZoneSnapshot.
//
// Threading: sockets, start() and stop() belong to the io_context's thread (one thread runs it); apply() may
// be called from any thread, and the next query answered sees the new snapshot. Until the first apply()
// every query is REFUSED.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <system_error>

#include "emulator/core/dns/dns_zone_snapshot.hpp"

namespace boost::asio {
class io_context;
}

namespace ecsemu::net::dns {

struct DnsServerLimits {
    std::chrono::milliseconds tcp_idle_timeout{10'000};  // waiting for the next query on an open connection
    std::chrono::milliseconds tcp_read_timeout{5'000};   // from a query's length prefix to its last byte
    std::chrono::milliseconds tcp_write_timeout{5'000};  // one whole response
    // Beyond this many TCP connections the server stops accepting until one closes; each holds at most one
    // 64 KiB query and one response, so this bounds the server's memory.
    std::size_t max_tcp_connections = 256;
};

class DnsServer {
public:
    // host: an IP literal ("127.255.255.253", "127.0.0.1", "::1") or a resolvable name. port 0: the kernel
    // picks a port free for both UDP and TCP; local_port() tells which after start().
    DnsServer(boost::asio::io_context& io, std::string host, std::uint16_t port, DnsServerLimits limits = {});
    ~DnsServer();
    DnsServer(const DnsServer&) = delete;
    DnsServer& operator=(const DnsServer&) = delete;

    // Binds both sockets and schedules the receive and accept loops. On error neither socket stays open.
    [[nodiscard]] std::error_code start();
    std::uint16_t local_port() const;

    // Publishes the records to answer from. Compiles the snapshot on the calling thread; null clears.
    void apply(core::dns::DnsZoneSnapshotPtr snapshot);
    // Version of the snapshot currently answered from; 0 before any.
    std::uint64_t snapshot_version() const;

    // Closes both sockets and every TCP connection. Idempotent; the destructor calls it.
    void stop();

    // Open TCP connections right now (tests, diagnostics). io_context thread only.
    std::size_t tcp_connection_count() const;

    struct State;  // defined in dns_server.cpp; shared with the coroutines

private:
    std::shared_ptr<State> state_;
    std::string host_;
    std::uint16_t port_;
};

}  // namespace ecsemu::net::dns
