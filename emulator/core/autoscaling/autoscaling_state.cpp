#include "emulator/core/autoscaling/autoscaling_state.hpp"

namespace ecsemu::core::autoscaling {

namespace {

// FNV-1a of "autoscaling/<account>/<region>": each region has its own id sequence, distinct from the other
// services'.
std::uint64_t seed_for(const std::string& key) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const unsigned char c : "autoscaling/" + key) hash = (hash ^ c) * 0x100000001b3ULL;
    return hash;
}

}  // namespace

std::string target_key(const std::string& service_namespace, const std::string& resource_id,
                       const std::string& scalable_dimension) {
    return service_namespace + "|" + resource_id + "|" + scalable_dimension;
}

std::string AutoScalingWorld::region_key(const std::string& account_id, const std::string& region) {
    return join_region_key(account_id, region);
}

AutoScalingRegion& AutoScalingWorld::region(const std::string& account_id, const std::string& region) {
    auto it = regions_.find(RegionKeyRef{account_id, region});
    if (it == regions_.end()) {
        const std::string key = region_key(account_id, region);
        it = regions_.emplace(key, AutoScalingRegion{AutoScalingState{}, IdSource(seed_for(key))}).first;
    }
    return it->second;
}

AutoScalingRegion* AutoScalingWorld::find_region(const std::string& account_id, const std::string& region) {
    const auto it = regions_.find(RegionKeyRef{account_id, region});
    return it == regions_.end() ? nullptr : &it->second;
}

}  // namespace ecsemu::core::autoscaling
