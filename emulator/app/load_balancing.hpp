#pragma once
// The ALB emulation wired to real time and real sockets: the ALB control logic (core/alb) on the control
// thread's clock, real HTTP health checks from that thread, the proxy (net/alb) on threads of its own, and
// ECS's target registrations through the ELBv2 store. The engine hears of target health changes and waits
// for healthy targets before it stops old tasks.
#include <boost/asio/io_context.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "emulator/core/alb/alb_controller.hpp"
#include "emulator/core/engine/elbv2_targets.hpp"
#include "emulator/core/ports.hpp"
#include "net/alb/alb_proxy.hpp"
#include "net/alb/http_health_probe.hpp"

namespace ecsemu::core::engine {
class Engine;
}

namespace ecsemu::control {
class ServiceRegistry;
}

namespace ecsemu::app {

using control::ServiceRegistry;

class LoadBalancing {
public:
    // Attaches itself to `engine` and to the ECS service's target group checks. Everything passed must
    // outlive this object; call before the io_context runs.
    LoadBalancing(boost::asio::io_context& io, core::Clock& clock, ServiceRegistry& services,
                  core::engine::Engine& engine, std::size_t proxy_threads = 2);
    ~LoadBalancing();
    LoadBalancing(const LoadBalancing&) = delete;
    LoadBalancing& operator=(const LoadBalancing&) = delete;

    // An ELBv2 API call changed (account, region).
    void on_api_mutation(const std::string& account_id, const std::string& region);
    // After the journal was replayed.
    void reconcile_all() { controller_.reconcile_all(); }
    // After POST /_ecsemu/reset emptied the store.
    void reset() { controller_.reset(); }
    // Closes every listener (shutdown).
    void stop() { proxy_.stop(); }
    // Requests and latencies the listeners saw since the previous call.
    core::alb::TrafficSample take_traffic() { return proxy_.take_traffic(); }

    // `loadBalancers` of GET /_ecsemu/endpoints: every load balancer with its listeners' reachable URLs.
    nlohmann::json endpoints() const;

private:
    ServiceRegistry& services_;
    net::alb::HttpHealthProbe probe_;
    net::alb::AlbProxy proxy_;
    core::alb::AlbController controller_;
    core::engine::Elbv2Targets targets_;
};

}  // namespace ecsemu::app
