#include "emulator/core/cloudmap/cloudmap_state.hpp"

namespace ecsemu::core::cloudmap {

namespace {

// FNV-1a of "cloudmap/<account>/<region>": each region has its own id sequence, distinct from the other
// services'.
std::uint64_t seed_for(const std::string& key) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const unsigned char c : "cloudmap/" + key) hash = (hash ^ c) * 0x100000001b3ULL;
    return hash;
}

}  // namespace

const Namespace* CloudMapState::find_namespace(const std::string& id) const {
    const auto it = namespaces.find(id);
    return it == namespaces.end() ? nullptr : &it->second;
}

const Service* CloudMapState::find_service(const std::string& id) const {
    const auto it = services.find(id);
    return it == services.end() ? nullptr : &it->second;
}

int CloudMapState::service_count(const std::string& namespace_id) const {
    int count = 0;
    for (const auto& [id, service] : services) {
        if (service.namespace_id == namespace_id) ++count;
    }
    return count;
}

std::string CloudMapWorld::region_key(const std::string& account_id, const std::string& region) {
    return join_region_key(account_id, region);
}

CloudMapRegion& CloudMapWorld::region(const std::string& account_id, const std::string& region) {
    auto it = regions_.find(RegionKeyRef{account_id, region});
    if (it == regions_.end()) {
        const std::string key = region_key(account_id, region);
        it = regions_.emplace(key, CloudMapRegion{CloudMapState{}, IdSource(seed_for(key))}).first;
    }
    return it->second;
}

CloudMapRegion* CloudMapWorld::find_region(const std::string& account_id, const std::string& region) {
    const auto it = regions_.find(RegionKeyRef{account_id, region});
    return it == regions_.end() ? nullptr : &it->second;
}

const CloudMapRegion* CloudMapWorld::find_region(const std::string& account_id,
                                                 const std::string& region) const {
    return const_cast<CloudMapWorld*>(this)->find_region(account_id, region);
}

}  // namespace ecsemu::core::cloudmap
