#pragma once
// Which target group, then which target, a forwarded request goes to: weighted forward across groups, the
// group's algorithm across targets, and lb_cookie stickiness (AWSALB). Per-thread state (round-robin
// positions, the random generator) is passed in, so threads never share a cache line here.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "emulator/core/alb/request_view.hpp"
#include "emulator/core/alb/routing_snapshot.hpp"
#include "net/alb/routing_state.hpp"

namespace ecsemu::net::alb {

// xorshift64*: fast, good enough for spreading load.
struct FastRandom {
    std::uint64_t state = 0x9e3779b97f4a7c15ULL;
    std::uint64_t next() {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 2685821657736338717ULL;
    }
};

constexpr std::size_t kNoChoice = static_cast<std::size_t>(-1);

// Index into RoutingSnapshot::groups, or kNoChoice when every weight is 0.
std::size_t choose_group(const core::alb::SnapshotForward& forward, FastRandom& random);

// Index into the group's targets, or kNoChoice when it has none. round_robin is this thread's position
// for the group.
std::size_t choose_target(const core::alb::SnapshotTargetGroup& group, GroupRoute& route,
                          std::uint32_t& round_robin, FastRandom& random);

// The AWSALB cookie's target key, when the request carries one.
std::optional<std::uint64_t> sticky_cookie(std::span<const core::alb::HeaderView> headers);

// The target whose key matches, or kNoChoice.
std::size_t find_sticky_target(const GroupRoute& route, std::uint64_t key);

// "Set-Cookie: AWSALB=...; Expires=...; Path=/\r\n" and its AWSALBCORS twin.
void append_sticky_cookies(std::string& out, std::uint64_t key, std::int64_t expires_epoch_seconds);

}  // namespace ecsemu::net::alb
