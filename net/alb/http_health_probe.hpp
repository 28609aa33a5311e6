#pragma once
// Target health checks over real HTTP: one GET per probe on a fresh connection ("Connection: close",
// User-Agent ELB-HealthChecker/2.0), answered by the status line alone.
#include <functional>

#include "emulator/core/alb/health_probe.hpp"

namespace boost::asio {
class io_context;
}

namespace ecsemu::net::alb {

class HttpHealthProbe final : public core::alb::HealthProbe {
public:
    // Probes and their callbacks run on io (the control thread's context).
    explicit HttpHealthProbe(boost::asio::io_context& io) : io_(io) {}

    // done runs on io exactly once: Response with the status code, Timeout when no status line arrived
    // within request.timeout, ConnectFailed when the connection was refused or unreachable, Error for a
    // malformed response, a closed connection or an unusable dial address.
    void probe(const core::alb::ProbeRequest& request,
               std::function<void(core::alb::ProbeResult)> done) override;

private:
    boost::asio::io_context& io_;
};

}  // namespace ecsemu::net::alb
