#pragma once
// Compiles what the Service Connect proxies route (service_connect_snapshot.hpp) from ECS and Cloud Map:
// every client alias of every service whose deployments enable Service Connect as a server, each with the
// Cloud Map instances of its discovery service as endpoints (the engine registers a task when it reaches
// RUNNING and deregisters it when it starts DEACTIVATING, so stopping tasks drain out of the list).
//
// Each alias gets a stable loopback address from AliasAddresses (127.255.0.N in the order aliases are first
// seen, as ECS writes 127.255.0.N into each task's /etc/hosts). An alias claimed by two services belongs to
// the one seen first (services in cluster, then name order).
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "emulator/core/cloudmap/cloudmap_state.hpp"
#include "emulator/core/ecs/ecs_world.hpp"
#include "emulator/core/service_connect/service_connect_snapshot.hpp"

namespace ecsemu::core::service_connect {

class AliasAddresses {
public:
    // The address of (region key, dns name, port), allocated on first use.
    const std::string& address_of(const std::string& region_key, const std::string& dns_name, int port);
    struct Entry {
        std::string region_key;
        std::string dns_name;
        int port = 0;
        std::string address;
    };
    // Every alias given an address so far, in (region, name, port) order.
    std::vector<Entry> all() const;

    void reset() {
        addresses_.clear();
        next_ = 1;
    }

private:
    std::map<std::tuple<std::string, std::string, int>, std::string> addresses_;
    int next_ = 1;
};

ServiceConnectSnapshot compile_service_connect(const ecs::EcsWorld& ecs,
                                               const cloudmap::CloudMapWorld& cloud_map,
                                               AliasAddresses& addresses);

}  // namespace ecsemu::core::service_connect
