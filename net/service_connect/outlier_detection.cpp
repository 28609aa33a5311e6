#include "net/service_connect/outlier_detection.hpp"

#include <algorithm>

namespace ecsemu::net::service_connect {

namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;

std::int64_t ticks(steady_clock::time_point at) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(at.time_since_epoch()).count();
}

bool was_tried(std::span<const std::size_t> tried, std::size_t index) {
    return std::find(tried.begin(), tried.end(), index) != tried.end();
}

// The first endpoint from position on that passes `usable`.
template <class Usable>
std::size_t next_usable(const AliasRoute& alias, std::uint32_t& position, Usable usable) {
    const std::size_t count = alias.endpoints.size();
    for (std::size_t step = 0; step < count; ++step) {
        std::size_t index = (position + step) % count;
        if (!alias.endpoints[index].dialable || !usable(index)) continue;
        position = static_cast<std::uint32_t>((index + 1) % count);
        return index;
    }
    return kNoEndpoint;
}

}  // namespace

bool is_ejected(const EndpointHealth& health, steady_clock::time_point now) {
    auto until = health.ejected_until_ns.load(kRelaxed);
    return until != 0 && ticks(now) < until;
}

std::size_t choose_endpoint(const AliasRoute& alias, std::uint32_t& position,
                            std::span<const std::size_t> tried, steady_clock::time_point now) {
    if (alias.endpoints.empty()) return kNoEndpoint;
    auto healthy = [&](std::size_t i) { return !is_ejected(*alias.endpoints[i].health, now); };
    std::size_t chosen =
        next_usable(alias, position, [&](std::size_t i) { return healthy(i) && !was_tried(tried, i); });
    if (chosen == kNoEndpoint) chosen = next_usable(alias, position, healthy);
    if (chosen == kNoEndpoint) chosen = next_usable(alias, position, [](std::size_t) { return true; });
    return chosen;
}

void record_success(EndpointHealth& health, steady_clock::time_point now) {
    if (health.consecutive_failures.load(kRelaxed) != 0) health.consecutive_failures.store(0, kRelaxed);
    auto until = health.ejected_until_ns.load(kRelaxed);
    if (until != 0 && ticks(now) >= until &&
        health.ejected_until_ns.compare_exchange_strong(until, 0, kRelaxed))
        health.ejections.store(0, kRelaxed);
}

bool record_failure(const AliasRoute& alias, std::size_t index, steady_clock::time_point now) {
    EndpointHealth& health = *alias.endpoints[index].health;
    auto until = health.ejected_until_ns.load(kRelaxed);
    if (until != 0 && ticks(now) >= until) {
        // Back from an ejection: it starts counting afresh.
        if (health.ejected_until_ns.compare_exchange_strong(until, 0, kRelaxed))
            health.consecutive_failures.store(0, kRelaxed);
    }
    if (health.consecutive_failures.fetch_add(1, kRelaxed) + 1 < OutlierPolicy::kConsecutiveFailures)
        return false;
    if (is_ejected(health, now)) return false;

    std::size_t ejected = 0;
    for (const auto& endpoint : alias.endpoints) ejected += is_ejected(*endpoint.health, now) ? 1 : 0;
    std::size_t allowed =
        std::max<std::size_t>(1, alias.endpoints.size() * OutlierPolicy::kMaxEjectionPercent / 100);
    if (ejected >= allowed) return false;

    auto times = std::min<std::uint32_t>(health.ejections.load(kRelaxed) + 1, 1000);
    auto duration = std::min<steady_clock::duration>(OutlierPolicy::kBaseEjectionTime * times,
                                                     OutlierPolicy::kMaxEjectionTime);
    std::int64_t expected = 0;
    if (!health.ejected_until_ns.compare_exchange_strong(expected, ticks(now + duration), kRelaxed))
        return false;
    health.ejections.store(times, kRelaxed);
    health.consecutive_failures.store(0, kRelaxed);
    return true;
}

}  // namespace ecsemu::net::service_connect
