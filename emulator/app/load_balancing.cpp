#include "emulator/app/load_balancing.hpp"

#include <map>
#include <optional>
#include <utility>

#include "emulator/api/ecs/ecs_service.hpp"
#include "emulator/control/service_registry.hpp"
#include "emulator/control/task_dial.hpp"
#include "emulator/core/ecs/ecs_world.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/engine/engine.hpp"

namespace ecsemu::app {

LoadBalancing::LoadBalancing(boost::asio::io_context& io, core::Clock& clock, ServiceRegistry& services,
                             core::engine::Engine& engine, std::size_t proxy_threads)
    : services_(services),
      probe_(io),
      proxy_(proxy_threads),
      controller_(services.elbv2_world(), clock, probe_,
                  core::alb::AlbControllerHooks{
                      [this](core::alb::RoutingSnapshotPtr snapshot) { proxy_.apply(std::move(snapshot)); },
                      [&services](const std::string& account_id, const std::string& region,
                                  const std::string& target_id, int port) {
                          return control::dial_task(services.ecs_world(), account_id, region, target_id,
                                                    port);
                      },
                      [&engine](const std::string& account_id, const std::string& region,
                                const std::string& target_group_arn) {
                          engine.on_target_group_health_changed(account_id, region, target_group_arn);
                      }}),
      targets_(services.elbv2_world(), services.ec2_directory(),
               [this](const std::string& account_id, const std::string& region,
                      const std::string& target_group_arn) {
                   controller_.on_targets_changed(account_id, region, target_group_arn);
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
