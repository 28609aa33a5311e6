#pragma once
// Service Connect, Cloud Map and DNS wired to real sockets: ECS resolves namespaces and registers RUNNING
// tasks in Cloud Map (through CloudMapDiscovery); whenever Cloud Map, ECS or ELBv2 change, the Service
// Connect routing (core/service_connect) and the DNS zones (core/dns) are recompiled once and published to
// the client-side proxies (net/service_connect) and the DNS server (net/dns). Stub containers resolve
// ECSEMU_STUB_UPSTREAM names through that DNS server with c-ares.
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "emulator/core/engine/cloud_map_discovery.hpp"
#include "emulator/core/service_connect/service_connect_compiler.hpp"
#include "net/dns/dns_server.hpp"
#include "net/service_connect/service_connect_proxy.hpp"

namespace ecsemu::control {
class ServiceRegistry;
}

namespace ecsemu::app {

using control::ServiceRegistry;

// Where the DNS server listens: its own loopback address on port 53 when it can, else 127.0.0.1 on an
// ephemeral port (GET /_ecsemu/endpoints tells which).
inline constexpr const char* kDnsHost = "127.255.255.253";
inline constexpr std::uint16_t kDnsPort = 53;

class ServiceConnectPlane {
public:
    // Hooks itself into the ECS world as its ServiceDiscovery. Everything passed must outlive this object.
    ServiceConnectPlane(boost::asio::io_context& io, ServiceRegistry& services,
                        std::size_t proxy_threads = 2);
    ~ServiceConnectPlane();
    ServiceConnectPlane(const ServiceConnectPlane&) = delete;
    ServiceConnectPlane& operator=(const ServiceConnectPlane&) = delete;

    // Binds the DNS server (kDnsHost:kDnsPort, falling back as documented above).
    std::error_code start();
    // "host:port" of the DNS server, for resolvers.
    std::string dns_address() const;

    // Something Service Connect or DNS depends on changed: recompile once the control thread is free.
    void on_change();
    void reset();
    void stop();
    // Requests and connections the client-side proxies saw since the previous call, by discovery name.
    std::map<std::string, core::service_connect::ScTraffic> take_traffic() { return proxy_.take_traffic(); }

    // ECSEMU_DNS_SERVER=host:port and, for every Service Connect alias of the task's region,
    // ECSEMU_SC_<DNS NAME>_<PORT>=address:port (upper case, other characters as '_'), e.g.
    // ECSEMU_SC_BACKEND_IELTS_LOCAL_8080=127.255.0.1:8080: what a process task uses where ECS would give it
    // /etc/hosts lines.
    std::vector<std::pair<std::string, std::string>> launch_environment(const core::ecs::EcsState& state);

    nlohmann::json dns_endpoint() const;
    nlohmann::json service_connect_endpoints() const;

private:
    void recompile();

    boost::asio::io_context& io_;
    ServiceRegistry& services_;
    core::engine::CloudMapDiscovery discovery_;
    core::service_connect::AliasAddresses addresses_;
    std::unique_ptr<net::dns::DnsServer> dns_;  // built by start()
    std::string dns_host_;
    std::uint16_t dns_port_ = 0;
    net::service_connect::ServiceConnectProxy proxy_;
    std::uint64_t version_ = 0;
    bool recompile_pending_ = false;
};

}  // namespace ecsemu::app
