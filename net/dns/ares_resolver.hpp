#pragma once
// Asynchronous DNS lookups through c-ares against explicit name servers (normally ecsemu's own DNS server),
// driven by an io_context: c-ares' sockets are watched with posix::stream_descriptor waits and its
// retransmission timer with a steady_timer, all on one strand.
//
// Threading: resolve_*() may be called from any thread; callbacks run on the resolver's strand (an
// io_context thread), never inside the resolve_*() call. Destroying the resolver abandons pending lookups:
// their callbacks are not called afterwards (destroyed from another thread, a callback already running may
// still finish).
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace ecsemu::net::dns {

struct SrvAnswer {
    std::uint16_t priority = 0;
    std::uint16_t weight = 0;
    std::uint16_t port = 0;
    std::string target;
};

struct AresResolverOptions {
    std::chrono::milliseconds timeout{1'000};  // per try, per server
    int tries = 2;
    bool use_tcp = false;  // every query over TCP (c-ares' ARES_FLAG_USEVC)
    bool edns = false;     // advertise EDNS0 (c-ares' ARES_FLAG_EDNS)
};

// c-ares status codes (ARES_ENOTFOUND, ARES_EREFUSED, ...) as std::error_code values; message() is
// ares_strerror's text.
const std::error_category& ares_error_category();
bool is_name_not_found(const std::error_code& ec);  // NXDOMAIN
bool is_no_data(const std::error_code& ec);         // the name exists, without records of the type
bool is_refused(const std::error_code& ec);         // the server does not serve the name
bool is_timeout(const std::error_code& ec);

class AresResolver {
public:
    using AddressCallback = std::function<void(std::error_code, std::vector<std::string>)>;  // dotted quads
    using SrvCallback = std::function<void(std::error_code, std::vector<SrvAnswer>)>;

    // nameservers: "127.255.255.253", "127.0.0.1:5353", "[::1]:53" (UDP and TCP use the same port).
    // A bad list or a c-ares failure is reported by init_error() and by every lookup.
    AresResolver(boost::asio::io_context& io, std::vector<std::string> nameservers,
                 AresResolverOptions options = {});
    ~AresResolver();
    AresResolver(const AresResolver&) = delete;
    AresResolver& operator=(const AresResolver&) = delete;

    std::error_code init_error() const;

    // The name's A records. The name is absolute: no search domains are appended.
    void resolve_a(std::string name, AddressCallback callback);
    void resolve_srv(std::string name, SrvCallback callback);

    struct Impl;  // defined in ares_resolver.cpp; shared with pending waits

private:
    std::shared_ptr<Impl> impl_;
};

enum class LookupType { A, Srv };

struct LookupResult {
    std::error_code error;
    std::vector<std::string> addresses;  // LookupType::A
    std::vector<SrvAnswer> services;     // LookupType::Srv
};

// One lookup on a private io_context, for the command line. Bounded by the options' timeout and tries.
LookupResult resolve_blocking(const std::vector<std::string>& nameservers, const std::string& name,
                              LookupType type, AresResolverOptions options = {});

}  // namespace ecsemu::net::dns
