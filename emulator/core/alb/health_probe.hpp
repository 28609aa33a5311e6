#pragma once
// The port through which target health checks reach targets. The emulator sends a real HTTP GET
// (net/alb); the simulator answers from its task models. The callback runs on the control thread, exactly
// once per probe, and may run before probe() returns.
#include <cstdint>
#include <functional>
#include <string>

#include "emulator/core/time.hpp"

namespace ecsemu::core::alb {

struct ProbeRequest {
    std::string dial_host;
    std::uint16_t dial_port = 0;
    std::string path = "/";
    std::string host_header;  // the target's IP and port, as ALB sends it
    Duration timeout = Duration::seconds(5);
};

struct ProbeResult {
    enum class Outcome { Response, Timeout, ConnectFailed, Error };
    Outcome outcome = Outcome::Error;
    int status_code = 0;  // Outcome::Response only
};

class HealthProbe {
public:
    virtual ~HealthProbe() = default;
    virtual void probe(const ProbeRequest& request, std::function<void(ProbeResult)> done) = 0;
};

}  // namespace ecsemu::core::alb
