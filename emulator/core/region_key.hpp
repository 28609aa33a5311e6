#pragma once
// Every per-region world (ECS, ELBv2, Cloud Map, CloudWatch, Application Auto Scaling) keys its regions by
// "<account>/<region>"; code that walks one world and reaches into another splits the key with this.
#include <string>

namespace ecsemu::core {

struct RegionKey {
    std::string account_id;
    std::string region;
};

inline RegionKey split_region_key(const std::string& key) {
    const auto slash = key.find('/');
    if (slash == std::string::npos) return {key, {}};
    return {key.substr(0, slash), key.substr(slash + 1)};
}

}  // namespace ecsemu::core
