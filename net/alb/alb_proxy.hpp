#pragma once
// The ALB data plane: a real HTTP/1.1 reverse proxy serving every listener of the published routing
// snapshot. Each proxy thread runs its own io_context with its own listening socket per listener
// (SO_REUSEPORT); a client connection and the target connections it uses stay on one thread, with
// per-thread keep-alive pools to the targets.
//
// Threading: apply(), listeners(), take_traffic() and stop() are for the control thread (any one thread
// that is not a proxy thread); they are serialised internally.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "emulator/core/alb/routing_snapshot.hpp"
#include "emulator/core/alb/traffic_sample.hpp"

namespace ecsemu::net::alb {

struct ListenerEndpoint {
    std::string listener_arn;
    std::string load_balancer_arn;
    std::string host;                  // the bind address
    std::uint16_t requested_port = 0;  // the listener's port as the API shows it
    std::uint16_t port = 0;            // the port actually bound (differs when mapped)
    std::string url;                   // http://host:port
};

class AlbProxy {
public:
    explicit AlbProxy(std::size_t threads = 2);
    ~AlbProxy();  // stops and joins the proxy threads
    AlbProxy(const AlbProxy&) = delete;
    AlbProxy& operator=(const AlbProxy&) = delete;

    // Publishes new routing (requests that begin afterwards use it) and reconciles the listening sockets:
    // listeners new in the snapshot are bound before this returns, vanished ones are closed, and a
    // listener whose address or port changed is re-bound. A port that cannot be bound is mapped (see
    // listener_binding.hpp); a listener that cannot be bound at all is left out of listeners() and
    // retried on the next apply().
    void apply(core::alb::RoutingSnapshotPtr snapshot);

    // The bound listeners, by listener ARN.
    std::vector<ListenerEndpoint> listeners() const;

    // Traffic counted since the previous call.
    core::alb::TrafficSample take_traffic();

    // Closes every listener and connection and joins the threads. Idempotent.
    void stop();

    std::size_t thread_count() const;

    struct Impl;  // defined in alb_proxy.cpp

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace ecsemu::net::alb
