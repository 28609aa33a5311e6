#pragma once
// The Service Connect data plane: the client-side proxy ECS runs as Envoy in every task of a Service
// Connect service, here one shared proxy for the whole emulator. It serves one HTTP/1.1 listener per
// client alias of the published snapshot, on (vip, port) - the loopback address the alias's name
// resolves to - and forwards each request to an endpoint of the alias: round robin, Envoy's retries,
// outlier detection and per-request timeout (sc_connection.hpp, outlier_detection.hpp).
//
// Each proxy thread runs its own io_context with its own listening socket per listener (SO_REUSEPORT); a
// client connection and the endpoint connections it uses stay on one thread, with per-thread keep-alive
// pools. A new snapshot applies to requests that begin after it is published; a request in flight keeps
// the snapshot it started with, so an endpoint that leaves the snapshot drains: it gets no new requests
// while the ones it has finish.
//
// Threading: apply(), listeners(), take_traffic() and stop() are for the control thread (any one thread
// that is not a proxy thread); they are serialised internally.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "emulator/core/service_connect/service_connect_snapshot.hpp"

namespace ecsemu::net::service_connect {

struct ScListenerEndpoint {
    std::string dns_name;              // backend.ielts.local
    std::string discovery_name;        // backend
    std::string vip;                   // the bind address
    std::uint16_t requested_port = 0;  // the alias's port
    std::uint16_t port = 0;            // the port actually bound (differs when it was taken: see below)
    std::string url;                   // http://vip:port
};

class ServiceConnectProxy {
public:
    explicit ServiceConnectProxy(std::size_t threads = 2);  // Envoy in Service Connect: ENVOY_CONCURRENCY=2
    ~ServiceConnectProxy();                                 // stops and joins the proxy threads
    ServiceConnectProxy(const ServiceConnectProxy&) = delete;
    ServiceConnectProxy& operator=(const ServiceConnectProxy&) = delete;

    // Publishes new routing and reconciles the listening sockets: aliases new in the snapshot are bound
    // before this returns, vanished ones are closed (their open connections end after the request in
    // progress). A port that is taken on the VIP is mapped as the ALB's are (net/alb/listener_binding.hpp:
    // port + 8000, else ephemeral; alias port 0 asks for an ephemeral port); an alias that cannot be bound
    // at all is left out of listeners() and retried on the next apply().
    void apply(core::service_connect::ServiceConnectSnapshotPtr snapshot);

    // The bound listeners, ordered by vip:port.
    std::vector<ScListenerEndpoint> listeners() const;

    // Traffic counted since the previous call, by discovery name; active_connections is the gauge now.
    std::map<std::string, core::service_connect::ScTraffic> take_traffic();

    // Closes every listener and connection and joins the threads. Idempotent.
    void stop();

    std::size_t thread_count() const;

    struct Impl;  // defined in service_connect_proxy.cpp

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace ecsemu::net::service_connect
