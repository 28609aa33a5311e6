#include "emulator/app/service_connect_plane.hpp"

#include <boost/asio/post.hpp>
#include <cctype>
#include <memory>
#include <utility>

#include "emulator/control/service_registry.hpp"
#include "emulator/core/dns/dns_zone_compiler.hpp"
#include "emulator/core/ecs/ecs_world.hpp"

namespace ecsemu::app {

ServiceConnectPlane::ServiceConnectPlane(boost::asio::io_context& io, ServiceRegistry& services,
                                         std::size_t proxy_threads)
    : io_(io),
      services_(services),
      discovery_(services.cloudmap_world(), [this](const std::string&, const std::string&) { on_change(); }),
      proxy_(proxy_threads) {
    services.ecs_world().set_service_discovery(&discovery_);
}

ServiceConnectPlane::~ServiceConnectPlane() {
    services_.ecs_world().set_service_discovery(nullptr);
    stop();
}

std::error_code ServiceConnectPlane::start() {
    dns_ = std::make_unique<net::dns::DnsServer>(io_, kDnsHost, kDnsPort);
    dns_host_ = kDnsHost;
    std::error_code error = dns_->start();
    if (error) {
        // Port 53 needs privileges (or the address is taken): an ephemeral port on 127.0.0.1 instead.
        dns_ = std::make_unique<net::dns::DnsServer>(io_, "127.0.0.1", 0);
        dns_host_ = "127.0.0.1";
        error = dns_->start();
    }
    dns_port_ = error ? 0 : dns_->local_port();
    if (error) dns_.reset();
    on_change();
    return error;
}

std::string ServiceConnectPlane::dns_address() const {
    return dns_host_ + ":" + std::to_string(dns_port_);
}

void ServiceConnectPlane::on_change() {
    if (recompile_pending_) return;
    recompile_pending_ = true;
    boost::asio::post(io_, [this] {
        recompile_pending_ = false;
        recompile();
    });
}

void ServiceConnectPlane::recompile() {
    auto service_connect = std::make_shared<core::service_connect::ServiceConnectSnapshot>(
        core::service_connect::compile_service_connect(services_.ecs_world(), services_.cloudmap_world(),
                                                       addresses_));
    service_connect->version = ++version_;
    auto zones = std::make_shared<core::dns::DnsZoneSnapshot>(core::dns::compile_dns_zones(
        *service_connect, services_.cloudmap_world(), services_.ecs_world(), services_.elbv2_world()));
    zones->version = version_;
    proxy_.apply(std::move(service_connect));
    if (dns_) dns_->apply(std::move(zones));
}

void ServiceConnectPlane::reset() {
    addresses_.reset();
    on_change();
}

void ServiceConnectPlane::stop() {
    proxy_.stop();
    if (dns_) dns_->stop();
}

std::vector<std::pair<std::string, std::string>> ServiceConnectPlane::launch_environment(
    const core::ecs::EcsState& state) {
    std::vector<std::pair<std::string, std::string>> out;
    if (dns_port_ != 0) out.emplace_back("ECSEMU_DNS_SERVER", dns_address());
    const std::string region_key =
        core::ecs::EcsWorld::region_key(state.scope.account_id, state.scope.region);
    for (const auto& [region, dns_name, port, address] : addresses_.all()) {
        if (region != region_key) continue;
        std::string name = "ECSEMU_SC_";
        for (const char c : dns_name)
            name += std::isalnum(static_cast<unsigned char>(c)) ? std::toupper(c) : '_';
        out.emplace_back(name + "_" + std::to_string(port), address + ":" + std::to_string(port));
    }
    return out;
}

nlohmann::json ServiceConnectPlane::dns_endpoint() const {
    if (dns_port_ == 0) return nullptr;
    return {{"host", dns_host_}, {"port", dns_port_}};
}

nlohmann::json ServiceConnectPlane::service_connect_endpoints() const {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& listener : proxy_.listeners()) {
        out.push_back({{"dnsName", listener.dns_name},
                       {"discoveryName", listener.discovery_name},
                       {"address", listener.vip},
                       {"port", listener.requested_port},
                       {"boundPort", listener.port},
                       {"url", listener.url}});
    }
    return out;
}

}  // namespace ecsemu::app
