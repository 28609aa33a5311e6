#pragma once
// The HTTP client behind ECSEMU_STUB_UPSTREAM (stub_upstream_url.hpp): one per stub container, keeping
// its connections to upstreams alive between requests (a pool of its own). Host names are resolved
// through StubUpstreamNames: IP literals as they are, then the fixed table, then the resolver (the
// emulator's DNS server, through c-ares). Connecting and waiting for the answer are each bounded by
// kStubUpstreamTimeout of real time.
//
// Threading: everything runs on the io_context's thread, including the resolver's callbacks.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "net/stub/stub_upstream_url.hpp"

namespace boost::asio {
class io_context;
}

namespace ecsemu::net {

inline constexpr std::chrono::seconds kStubUpstreamTimeout{10};

// Resolves a host name to one IPv4 address. Calls done exactly once, on the io_context's thread (possibly
// before returning): done(ip, "") or done("", reason).
using StubResolveDone = std::function<void(const std::string& ip, const std::string& error)>;
using StubNameResolver = std::function<void(const std::string& name, StubResolveDone done)>;

struct StubUpstreamNames {
    std::map<std::string, std::string> fixed;  // name -> IPv4 address, consulted first
    StubNameResolver resolver;                 // may be empty
};

void resolve_upstream_host(const StubUpstreamNames& names, const std::string& host, StubResolveDone done);

class StubUpstreamClient {
public:
    explicit StubUpstreamClient(boost::asio::io_context& io);
    // Abandons calls in flight: their callbacks never run.
    ~StubUpstreamClient();
    StubUpstreamClient(const StubUpstreamClient&) = delete;
    StubUpstreamClient& operator=(const StubUpstreamClient&) = delete;

    // One GET of url; done runs once, on the io_context's thread, unless the client is destroyed first.
    void get(const StubUpstreamUrl& url, const StubUpstreamNames& names,
             std::function<void(StubUpstreamAnswer)> done);

    struct Shared;  // defined in stub_upstream_client.cpp; outlives the client while calls finish

private:
    std::shared_ptr<Shared> shared_;
};

}  // namespace ecsemu::net
