#pragma once
// Endpoint choice and passive health for one alias, after Envoy's defaults for Service Connect clusters:
//
// - Round robin over the alias's endpoints, skipping ejected ones and, for a retry, the endpoints this
//   request already tried (Envoy's previous_hosts retry predicate); when only tried ones are left a
//   tried one is used again.
// - consecutive_5xx = 5: five 5xx answers or local failures (refused/reset connection, timeout) in a row
//   eject the endpoint; any other answer resets the count.
// - base_ejection_time = 30 s, multiplied by how many times in a row the endpoint has been ejected, at
//   most max_ejection_time = 300 s. The multiplier resets once the endpoint answers well again.
// - max_ejection_percent = 50: an ejection that would put more than half of the alias's endpoints out is
//   skipped, except that one endpoint may always be ejected (as Envoy does).
// - Panic routing: when every endpoint is ejected (a single-endpoint alias), requests go to them anyway,
//   as Envoy does below its 50 % healthy panic threshold, instead of failing with "no healthy upstream".
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>

#include "net/service_connect/sc_routing_state.hpp"

namespace ecsemu::net::service_connect {

using steady_clock = std::chrono::steady_clock;

struct OutlierPolicy {
    static constexpr std::uint32_t kConsecutiveFailures = 5;
    static constexpr std::chrono::seconds kBaseEjectionTime{30};
    static constexpr std::chrono::seconds kMaxEjectionTime{300};
    static constexpr int kMaxEjectionPercent = 50;
};

constexpr std::size_t kNoEndpoint = static_cast<std::size_t>(-1);

bool is_ejected(const EndpointHealth& health, steady_clock::time_point now);

// Index into alias.endpoints, or kNoEndpoint when none is dialable. position is this thread's round-robin
// position for the alias.
std::size_t choose_endpoint(const AliasRoute& alias, std::uint32_t& position,
                            std::span<const std::size_t> tried, steady_clock::time_point now);

void record_success(EndpointHealth& health, steady_clock::time_point now);
// True when this failure ejected the endpoint.
bool record_failure(const AliasRoute& alias, std::size_t index, steady_clock::time_point now);

}  // namespace ecsemu::net::service_connect
