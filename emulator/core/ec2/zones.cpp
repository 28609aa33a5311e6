#include "zones.hpp"

#include <array>
#include <utility>

namespace ecsemu::core::ec2 {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kDirectionCodes{{
    {"east", "e"},
    {"west", "w"},
    {"north", "n"},
    {"south", "s"},
    {"central", "c"},
    {"northeast", "ne"},
    {"northwest", "nw"},
    {"southeast", "se"},
    {"southwest", "sw"},
}};

constexpr std::string_view kZoneLetters = "abc";

std::string without_dashes(std::string_view region) {
    std::string out;
    for (char c : region)
        if (c != '-') out.push_back(c);
    return out;
}

}  // namespace

std::string region_code(std::string_view region) {
    // <geography>-<direction>-<number>, e.g. ap-southeast-1.
    const auto first = region.find('-');
    const auto last = region.rfind('-');
    if (first == std::string_view::npos || first == last) return without_dashes(region);
    const auto geography = region.substr(0, first);
    const auto direction = region.substr(first + 1, last - first - 1);
    const auto number = region.substr(last + 1);
    for (const auto& [word, code] : kDirectionCodes) {
        if (word == direction) return std::string(geography) + std::string(code) + std::string(number);
    }
    return without_dashes(region);
}

std::vector<AvailabilityZone> availability_zones(std::string_view region) {
    const auto code = region_code(region);
    std::vector<AvailabilityZone> zones;
    for (std::size_t i = 0; i < kZoneLetters.size(); ++i) {
        zones.push_back(
            AvailabilityZone{std::string(region) + kZoneLetters[i], code + "-az" + std::to_string(i + 1)});
    }
    return zones;
}

}  // namespace ecsemu::core::ec2
