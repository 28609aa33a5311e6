#pragma once
// Compiles the ELBv2 store into the RoutingSnapshot the proxy reads: a pure function of the world and `now`
// (now decides which load balancers are active yet and how far slow start has ramped a target up).
//
// - Listeners of active load balancers, in (region, load balancer ARN, listener ARN) order. Each carries its
//   rules in ascending priority with the listener's default actions as the last rule.
// - A rule's terminal action is the first forward / fixed-response / redirect in Order. Forward groups are
//   indexes into RoutingSnapshot::groups; a group the store no longer has is left out of the forward.
// - Groups appear once, in the order listeners first reference them. Routable targets: the healthy ones
//   (or unavailable ones, whose health checks are disabled); when none is, every registered non-draining
//   target (AWS fails open). Draining targets are never routable.
// - Slow start (slow_start.duration_seconds > 0, not with least_outstanding_requests): a target that became
//   healthy less than the duration ago gets weight (k+1)/10 in the k-th tenth of the ramp, so the weights
//   change at ten instants the controller can schedule, as long as another healthy target is past its ramp.
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "emulator/core/alb/routing_snapshot.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/model/elbv2.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::alb {

using DialAddress = std::pair<std::string, std::uint16_t>;

// Maps a registered target to where the proxy and the prober can reach it; nullopt = unreachable.
using DialResolver = std::function<std::optional<DialAddress>(
    const std::string& account_id, const std::string& region, const std::string& target_id, int port)>;

// The id itself for a 127.0.0.0/8 address, else unreachable.
std::optional<DialAddress> loopback_dial(const std::string& target_id, int port);

// `resolver` first (when set and it answers), then loopback_dial.
std::optional<DialAddress> resolve_dial(const DialResolver& resolver, const std::string& account_id,
                                        const std::string& region, const std::string& target_id, int port);

// ARNs of the target groups a listener's default actions or rules forward to.
std::set<std::string> target_groups_in_use(const elbv2::Elbv2State& state);

// The first forward / fixed-response / redirect action in Order (actions without Order after those with).
const elbv2::Action* terminal_action(const std::vector<elbv2::Action>& actions);

// Integer attribute with a fallback when absent or unreadable.
std::int64_t attribute_int(const elbv2::Attributes& attributes, const std::string& key,
                           std::int64_t fallback);

// The snapshot's contents (version 0: the controller numbers what it publishes).
RoutingSnapshot compile_snapshot(const elbv2::Elbv2World& world, Instant now, const DialResolver& resolver);

// When compile_snapshot would next give a different answer without any store change: a load balancer
// becoming active or a slow-start step. nullopt when never.
std::optional<Instant> next_routing_change(const elbv2::Elbv2World& world, Instant now);

// A target group with a slow start (by its region's key and its ARN).
struct SlowStartGroup {
    std::string region_key;
    std::string arn;
};
// The target groups of `world` with a slow start, in region and ARN order. Only the API changes attributes.
std::vector<SlowStartGroup> slow_start_groups(const elbv2::Elbv2World& world);
// The same as next_routing_change(world, now), reading slow starts of `groups` only (slow_start_groups of
// the same store state): the routing changes whenever a target's health does, and finding each group's
// slow start among its attributes every time was most of a large fleet's routing work.
std::optional<Instant> next_routing_change(const elbv2::Elbv2World& world, Instant now,
                                           const std::vector<SlowStartGroup>& groups);

}  // namespace ecsemu::core::alb
