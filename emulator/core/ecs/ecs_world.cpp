#include "emulator/core/ecs/ecs_world.hpp"

#include <cstdint>

namespace ecsemu::core::ecs {

namespace {

// FNV-1a: a stable seed per (account, region), so each region has its own id sequence.
std::uint64_t seed_for(const std::string& key) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const unsigned char c : key) hash = (hash ^ c) * 0x100000001b3ULL;
    return hash;
}

}  // namespace

std::string EcsWorld::region_key(const std::string& account_id, const std::string& region) {
    return join_region_key(account_id, region);
}

EcsRegion& EcsWorld::region(const std::string& account_id, const std::string& region) {
    auto it = regions_.find(RegionKeyRef{account_id, region});
    if (it == regions_.end()) {
        const std::string key = region_key(account_id, region);
        EcsRegion created{EcsState(ArnScope{region, account_id}), IdSource(seed_for(key))};
        created.state.discovery = discovery_;
        it = regions_.emplace(key, std::move(created)).first;
    }
    return it->second;
}

void EcsWorld::set_service_discovery(ServiceDiscovery* discovery) {
    discovery_ = discovery;
    for (auto& [key, region] : regions_) region.state.discovery = discovery;
}

EcsRegion* EcsWorld::find_region(const std::string& account_id, const std::string& region) {
    const auto it = regions_.find(RegionKeyRef{account_id, region});
    return it == regions_.end() ? nullptr : &it->second;
}

const EcsRegion* EcsWorld::find_region(const std::string& account_id, const std::string& region) const {
    return const_cast<EcsWorld*>(this)->find_region(account_id, region);
}

}  // namespace ecsemu::core::ecs
