#include "emulator/core/elbv2/elbv2_state.hpp"

#include <cstdint>

namespace ecsemu::core::elbv2 {

namespace {

// FNV-1a of "elbv2/<account>/<region>": each region has its own id sequence, distinct from ECS's.
std::uint64_t seed_for(const std::string& key) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const unsigned char c : "elbv2/" + key) hash = (hash ^ c) * 0x100000001b3ULL;
    return hash;
}

}  // namespace

std::string Elbv2World::region_key(const std::string& account_id, const std::string& region) {
    return join_region_key(account_id, region);
}

Elbv2Region& Elbv2World::region(const std::string& account_id, const std::string& region) {
    auto it = regions_.find(RegionKeyRef{account_id, region});
    if (it == regions_.end()) {
        const std::string key = region_key(account_id, region);
        it = regions_.emplace(key, Elbv2Region{Elbv2State{}, IdSource(seed_for(key))}).first;
    }
    return it->second;
}

Elbv2Region* Elbv2World::find_region(const std::string& account_id, const std::string& region) {
    const auto it = regions_.find(RegionKeyRef{account_id, region});
    return it == regions_.end() ? nullptr : &it->second;
}

const Elbv2Region* Elbv2World::find_region(const std::string& account_id, const std::string& region) const {
    return const_cast<Elbv2World*>(this)->find_region(account_id, region);
}

std::string Elbv2World::allocate_local_address() {
    // 127.255.128.0/17 lies outside the task addresses (127.1.0.0 .. 127.254.255.255,
    // engine/runtime_launch.hpp) and Service Connect's alias addresses (127.255.0.0/17, as ECS puts them in
    // /etc/hosts).
    const int index = next_local_address_++ - 1;
    const int high = 128 + (index / 254) % 127;
    const int low = index % 254 + 1;
    return "127.255." + std::to_string(high) + "." + std::to_string(low);
}

}  // namespace ecsemu::core::elbv2
