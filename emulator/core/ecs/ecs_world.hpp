#pragma once
// Every (account, region) ECS knows, each with its own state and id sequence. The API (EcsService) and the
// engine both work on the same world: the API records what is wanted, the engine makes tasks run. The
// composition root owns it; neither side owns the other.
//
// Ids: each region's IdSource is seeded from "<account>/<region>" and drawn from by API calls only, so
// replaying the journaled calls reproduces every id. The engine draws from an IdSource of its own.
#include <cstdint>
#include <map>
#include <string>

#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/ids.hpp"
#include "emulator/core/region_key.hpp"

namespace ecsemu::core::ecs {

struct EcsRegion {
    EcsState state;
    IdSource ids;
};

class EcsWorld {
public:
    // The region, created empty on first use.
    EcsRegion& region(const std::string& account_id, const std::string& region);
    // nullptr until a call reached the region.
    EcsRegion* find_region(const std::string& account_id, const std::string& region);
    const EcsRegion* find_region(const std::string& account_id, const std::string& region) const;

    // Regions by "<account>/<region>", in key order (deciding code iterates this).
    RegionMap<EcsRegion>& regions() { return regions_; }
    const RegionMap<EcsRegion>& regions() const { return regions_; }

    // Every region, existing and future, resolves Service Connect namespaces and registers tasks through
    // `discovery` (not owned; null: ECS keeps namespaces itself).
    void set_service_discovery(ServiceDiscovery* discovery);
    ServiceDiscovery* service_discovery() const { return discovery_; }

    // Drops every region (POST /_ecsemu/reset).
    void reset() {
        regions_.clear();
        ++resets_;
    }
    // How many resets so far. Regions and their services stay where they are in memory until a reset (neither
    // is ever erased otherwise), so a pointer found at the same count is still good.
    std::uint64_t resets() const { return resets_; }

    static std::string region_key(const std::string& account_id, const std::string& region);

private:
    RegionMap<EcsRegion> regions_;
    ServiceDiscovery* discovery_ = nullptr;
    std::uint64_t resets_ = 0;
};

}  // namespace ecsemu::core::ecs
