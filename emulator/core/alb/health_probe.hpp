#pragma once
// The port through which target health checks reach targets. The emulator sends a real HTTP GET
// (net/alb); the simulator answers from its task models. The callback runs on the control thread, exactly
// once per probe, and may run before probe() returns.
//
// A probe may also know its answers ahead (the simulator's task models do, a network never does): then it
// says what a probe would get now through steady_answer(), and promises that answer holds until it calls the
// watcher for the dial host. The controller skips the checks such an answer would not move
// (alb_controller.hpp).
#include <cstdint>
#include <functional>
#include <optional>
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

    // What probe(request) would get now, when the probe can vouch that it keeps getting it until the watcher
    // is called for request.dial_host; nullopt when it cannot (the default).
    virtual std::optional<ProbeResult> steady_answer(const ProbeRequest& /*request*/) const {
        return std::nullopt;
    }
    // Who to tell that the answers from a dial host may have changed; nullptr stops telling. Probes without
    // steady answers never call it.
    virtual void watch_answers(const std::function<void(const std::string& dial_host)>& /*changed*/) {}
};

}  // namespace ecsemu::core::alb
