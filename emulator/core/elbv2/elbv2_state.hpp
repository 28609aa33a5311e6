#pragma once
// Every ELBv2 object of one (account, region), and the world of all regions. The API (api/elbv2) records
// what is wanted; the ALB control logic (core/alb) advances target health and compiles routing snapshots
// from it; the ECS engine registers and deregisters its tasks as targets. All containers are ordered maps,
// so anything that iterates them decides the same way every run.
#include <map>
#include <string>

#include "emulator/core/ids.hpp"
#include "emulator/core/model/elbv2.hpp"
#include "emulator/core/region_key.hpp"

namespace ecsemu::core::elbv2 {

struct Elbv2State {
    std::map<std::string, LoadBalancer> load_balancers;  // by ARN
    std::map<std::string, TargetGroup> target_groups;    // by ARN
    std::map<std::string, Listener> listeners;           // by ARN
    std::map<std::string, Rule> rules;                   // by ARN, default rules included
};

struct Elbv2Region {
    Elbv2State state;
    IdSource ids;
};

class Elbv2World {
public:
    // The region, created empty on first use; its IdSource is seeded from "<account>/<region>".
    Elbv2Region& region(const std::string& account_id, const std::string& region);
    Elbv2Region* find_region(const std::string& account_id, const std::string& region);
    const Elbv2Region* find_region(const std::string& account_id, const std::string& region) const;

    // Regions by "<account>/<region>", in key order.
    RegionMap<Elbv2Region>& regions() { return regions_; }
    const RegionMap<Elbv2Region>& regions() const { return regions_; }

    void reset() {
        regions_.clear();
        next_local_address_ = 1;
    }

    // 127.255.128.1, 127.255.128.2, ...: one loopback address per load balancer, across every region, never
    // reused while the process lives (the data plane may still hold a listener on a deleted one's address).
    std::string allocate_local_address();

    static std::string region_key(const std::string& account_id, const std::string& region);

private:
    RegionMap<Elbv2Region> regions_;
    int next_local_address_ = 1;
};

}  // namespace ecsemu::core::elbv2
