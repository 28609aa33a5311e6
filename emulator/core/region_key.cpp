#include "emulator/core/region_key.hpp"

#include <algorithm>

namespace ecsemu::core {

namespace {

int sign(int value) {
    return (value > 0) - (value < 0);
}

}  // namespace

int compare_region_key(std::string_view key, RegionKeyRef ref) {
    // The account part: the key's first bytes against the account id.
    const std::string_view head = key.substr(0, std::min(key.size(), ref.account_id.size()));
    if (const int order = head.compare(ref.account_id.substr(0, head.size())); order != 0) return sign(order);
    if (key.size() < ref.account_id.size()) return -1;  // the key ends inside the account id
    key.remove_prefix(ref.account_id.size());
    // The separator.
    if (key.empty()) return -1;
    const auto separator = static_cast<unsigned char>('/');
    const auto next = static_cast<unsigned char>(key.front());
    if (next != separator) return next < separator ? -1 : 1;
    key.remove_prefix(1);
    return sign(key.compare(ref.region));
}

}  // namespace ecsemu::core
