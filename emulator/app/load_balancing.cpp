#include "emulator/app/load_balancing.hpp"

#include <map>
#include <optional>
#include <utility>

#include "emulator/api/ecs/ecs_service.hpp"
#include "emulator/app/service_registry.hpp"
#include "emulator/core/ecs/ecs_world.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/engine/engine.hpp"

namespace ecsemu::app {

namespace {

// A registered IP that is a live ECS task's ENI address is reached at the task's loopback address, where the
// task runtime serves its container ports.
std::optional<core::alb::DialAddress> dial_task(const core::ecs::EcsWorld& world,
                                                const std::string& account_id, const std::string& region,
                                                const std::string& target_id, int port) {
    const core::ecs::EcsRegion* ecs = world.find_region(account_id, region);
    if (ecs == nullptr || port <= 0 || port > 65535) return std::nullopt;
    for (const auto& [cluster, tasks] : ecs->state.tasks) {
        for (const auto& [id, task] : tasks) {
            if (!task.is_live() || task.local_address.empty() || !task.eni) continue;
            if (task.eni->private_ipv4_address == target_id)
                return core::alb::DialAddress{task.local_address, static_cast<std::uint16_t>(port)};
        }
    }
    return std::nullopt;
}

}  // namespace

LoadBalancing::LoadBalancing(boost::asio::io_context& io, core::Clock& clock, ServiceRegistry& services,
                             core::engine::Engine& engine, std::size_t proxy_threads)
    : services_(services),
      probe_(io),
      proxy_(proxy_threads),
      controller_(
          services.elbv2_world(), clock, probe_,
          core::alb::AlbControllerHooks{
              [this](core::alb::RoutingSnapshotPtr snapshot) { proxy_.apply(std::move(snapshot)); },
              [&services](const std::string& account_id, const std::string& region,
                          const std::string& target_id, int port) {
                  return dial_task(services.ecs_world(), account_id, region, target_id, port);
              },
              [&engine](const std::string& account_id, const std::string& region, const std::string&) {
                  engine.on_target_health_changed(account_id, region);
              }}),
      targets_(services.elbv2_world(), services.ec2_directory(),
               [this](const std::string& account_id, const std::string& region) {
                   controller_.on_api_mutation(account_id, region);
               }) {
    engine.attach_load_balancers(targets_);
    services.ecs().set_target_group_lookup(&targets_);
}

LoadBalancing::~LoadBalancing() {
    services_.ecs().set_target_group_lookup(nullptr);
    proxy_.stop();
}

void LoadBalancing::on_api_mutation(const std::string& account_id, const std::string& region) {
    controller_.on_api_mutation(account_id, region);
}

nlohmann::json LoadBalancing::endpoints() const {
    std::map<std::string, nlohmann::json> listeners_by_lb;
    for (const auto& listener : proxy_.listeners()) {
        listeners_by_lb[listener.load_balancer_arn].push_back({{"arn", listener.listener_arn},
                                                               {"port", listener.requested_port},
                                                               {"boundPort", listener.port},
                                                               {"url", listener.url}});
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [key, region] : services_.elbv2_world().regions()) {
        for (const auto& [arn, lb] : region.state.load_balancers) {
            auto listeners = listeners_by_lb.find(arn);
            out.push_back({{"name", lb.name},
                           {"arn", arn},
                           {"dnsName", lb.dns_name},
                           {"address", lb.local_address},
                           {"listeners", listeners == listeners_by_lb.end() ? nlohmann::json::array()
                                                                            : std::move(listeners->second)}});
        }
    }
    return out;
}

}  // namespace ecsemu::app
