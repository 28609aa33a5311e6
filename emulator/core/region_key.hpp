#pragma once
// Every per-region world (ECS, ELBv2, Cloud Map, CloudWatch, Application Auto Scaling) keys its regions by
// "<account>/<region>"; code that walks one world and reaches into another splits the key with this.
//
// Lookups go by the key's parts (RegionKeyRef) through RegionKeyLess, so finding a region builds no string:
// the engine, the scaling plane and the simulator find regions several hundred thousand times a simulated
// day.
#include <map>
#include <string>
#include <string_view>

namespace ecsemu::core {

struct RegionKey {
    std::string account_id;
    std::string region;
};

// "<account>/<region>": the one place the key is joined; split_region_key and compare_region_key read it.
inline std::string join_region_key(std::string_view account_id, std::string_view region) {
    std::string key;
    key.reserve(account_id.size() + 1 + region.size());
    key += account_id;
    key += '/';
    key += region;
    return key;
}

inline RegionKey split_region_key(const std::string& key) {
    const auto slash = key.find('/');
    if (slash == std::string::npos) return {key, {}};
    return {key.substr(0, slash), key.substr(slash + 1)};
}

// "<account>/<region>" by its parts, as a lookup key; the views must outlive the lookup.
struct RegionKeyRef {
    std::string_view account_id;
    std::string_view region;
};

// Compares `key` with account_id + "/" + region as std::string compares (bytes as unsigned char), without
// building the latter: negative, zero or positive.
int compare_region_key(std::string_view key, RegionKeyRef ref);

// std::less<std::string>'s order over region keys, which also compares a key with a RegionKeyRef.
struct RegionKeyLess {
    using is_transparent = void;
    bool operator()(const std::string& a, const std::string& b) const { return a < b; }
    bool operator()(const std::string& key, RegionKeyRef ref) const {
        return compare_region_key(key, ref) < 0;
    }
    bool operator()(RegionKeyRef ref, const std::string& key) const {
        return compare_region_key(key, ref) > 0;
    }
};

// A world's regions by "<account>/<region>", in key order.
template <class Region>
using RegionMap = std::map<std::string, Region, RegionKeyLess>;

}  // namespace ecsemu::core
