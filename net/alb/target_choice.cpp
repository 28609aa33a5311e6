#include "net/alb/target_choice.hpp"

#include "net/alb/forward_headers.hpp"
#include "net/alb/http_date_cache.hpp"

namespace ecsemu::net::alb {

namespace {

constexpr std::string_view kStickyCookie = "AWSALB";

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<std::uint64_t> parse_key(std::string_view text) {
    if (text.size() != 16) return std::nullopt;
    std::uint64_t key = 0;
    for (char c : text) {
        int digit = hex_digit(c);
        if (digit < 0) return std::nullopt;
        key = (key << 4) | static_cast<std::uint64_t>(digit);
    }
    return key;
}

}  // namespace

std::size_t choose_group(const core::alb::SnapshotForward& forward, FastRandom& random) {
    const auto& groups = forward.groups;
    if (groups.empty()) return kNoChoice;
    if (groups.size() == 1) return groups.front().group;
    std::uint64_t total = 0;
    for (const auto& weighted : groups) {
        if (weighted.weight > 0) total += static_cast<std::uint64_t>(weighted.weight);
    }
    if (total == 0) return kNoChoice;
    std::uint64_t pick = random.next() % total;
    for (const auto& weighted : groups) {
        if (weighted.weight <= 0) continue;
        auto weight = static_cast<std::uint64_t>(weighted.weight);
        if (pick < weight) return weighted.group;
        pick -= weight;
    }
    return groups.back().group;
}

std::size_t choose_target(const core::alb::SnapshotTargetGroup& group, GroupRoute& route,
                          std::uint32_t& round_robin, FastRandom& random) {
    std::size_t count = group.targets.size();
    if (count == 0) return kNoChoice;
    if (count == 1) return 0;
    using core::alb::BalancingAlgorithm;
    if (group.algorithm == BalancingAlgorithm::LeastOutstandingRequests) {
        // Ties go round robin, so an idle group still spreads its requests.
        std::size_t start = round_robin++ % count;
        std::size_t best = start;
        std::int32_t best_load = route.in_flight[start].load(std::memory_order_relaxed);
        for (std::size_t k = 1; k < count && best_load > 0; ++k) {
            std::size_t i = (start + k) % count;
            std::int32_t load = route.in_flight[i].load(std::memory_order_relaxed);
            if (load < best_load) {
                best = i;
                best_load = load;
            }
        }
        return best;
    }
    if (group.algorithm == BalancingAlgorithm::WeightedRandom || route.weighted) {
        double pick =
            static_cast<double>(random.next() >> 11) * (1.0 / 9007199254740992.0) * route.total_weight;
        for (std::size_t i = 0; i < count; ++i) {
            pick -= group.targets[i].weight;
            if (pick < 0) return i;
        }
        return count - 1;
    }
    return round_robin++ % count;
}

std::optional<std::uint64_t> sticky_cookie(std::span<const core::alb::HeaderView> headers) {
    for (const auto& header : headers) {
        if (!ascii_iequal(header.name, "cookie")) continue;
        std::string_view rest = header.value;
        while (!rest.empty()) {
            auto semicolon = rest.find(';');
            auto pair = rest.substr(0, semicolon);
            while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
            auto equals = pair.find('=');
            if (equals != std::string_view::npos && pair.substr(0, equals) == kStickyCookie) {
                return parse_key(pair.substr(equals + 1));
            }
            if (semicolon == std::string_view::npos) break;
            rest.remove_prefix(semicolon + 1);
        }
    }
    return std::nullopt;
}

std::size_t find_sticky_target(const GroupRoute& route, std::uint64_t key) {
    for (std::size_t i = 0; i < route.targets.size(); ++i) {
        if (route.targets[i].sticky_key == key) return i;
    }
    return kNoChoice;
}

void append_sticky_cookies(std::string& out, std::uint64_t key, std::int64_t expires_epoch_seconds) {
    static constexpr char kHex[] = "0123456789abcdef";
    char value[16];
    for (int i = 15; i >= 0; --i) {
        value[i] = kHex[key & 0xf];
        key >>= 4;
    }
    char expires[32];
    std::size_t expires_size = format_http_date(expires, expires_epoch_seconds);
    for (std::string_view name : {std::string_view("AWSALB"), std::string_view("AWSALBCORS")}) {
        out += "Set-Cookie: ";
        out += name;
        out += '=';
        out.append(value, sizeof value);
        out += "; Expires=";
        out.append(expires, expires_size);
        out += "; Path=/";
        if (name == "AWSALBCORS") out += "; SameSite=None";
        out += "\r\n";
    }
}

}  // namespace ecsemu::net::alb
