#pragma once
// A published Service Connect snapshot plus what the proxy threads need next to it: parsed endpoint
// addresses, each endpoint's outlier-detection record and the traffic counters. Built on the control
// thread by ServiceConnectProxy::apply(); proxy threads only read it and bump atomics.
//
// Outlier records outlive snapshots: an endpoint still present in the next snapshot (same alias, task and
// dial address) keeps its record, so an ejection lasts its full time however often the control logic
// republishes. Each counter row belongs to one proxy thread (padded to a cache line).
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

#include "emulator/core/service_connect/service_connect_snapshot.hpp"

namespace ecsemu::net::service_connect {

// Shared by every proxy thread (outlier detection is per alias, as Envoy's is per cluster).
struct EndpointHealth {
    std::atomic<std::uint32_t> consecutive_failures{0};
    std::atomic<std::int64_t> ejected_until_ns{0};  // steady_clock; 0: not ejected
    std::atomic<std::uint32_t> ejections{0};        // in a row; multiplies the next ejection time
};

struct EndpointRoute {
    boost::asio::ip::tcp::endpoint endpoint;
    bool dialable = false;  // dial_host parsed as an IP address
    std::shared_ptr<EndpointHealth> health;
};

struct AliasRoute {
    std::vector<EndpointRoute> endpoints;  // parallel to ScAlias::endpoints
};

struct alignas(64) AliasCounters {
    std::atomic<std::uint64_t> requests{0}, target_2xx{0}, target_3xx{0}, target_4xx{0}, target_5xx{0};
    std::atomic<std::uint64_t> response_time_sum_us{0}, responses{0}, retries{0}, ejections{0}, failed{0};
};

// "127.255.0.3:8080": how listeners and aliases are matched across snapshots.
std::string listener_key(std::string_view vip, std::uint16_t port);

class ScRoutingState {
public:
    using HealthRecords = std::map<std::string, std::shared_ptr<EndpointHealth>>;

    // previous: the records of the state this one replaces.
    ScRoutingState(core::service_connect::ServiceConnectSnapshotPtr snapshot, std::size_t threads,
                   const HealthRecords& previous);

    const core::service_connect::ServiceConnectSnapshot& snapshot() const { return *snapshot_; }
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    std::size_t find_alias(std::string_view key) const;
    AliasRoute& alias(std::size_t index) { return aliases_[index]; }
    AliasCounters& counters(std::size_t thread, std::size_t alias_index) {
        return counters_[thread * aliases_.size() + alias_index];
    }
    const HealthRecords& health_records() const { return health_; }

    // Adds every counter into out (by discovery name) and zeroes it.
    void harvest_into(std::map<std::string, core::service_connect::ScTraffic>& out);

private:
    core::service_connect::ServiceConnectSnapshotPtr snapshot_;
    std::size_t threads_;
    std::vector<std::string> keys_;  // listener_key() per alias
    std::vector<AliasRoute> aliases_;
    HealthRecords health_;
    std::unique_ptr<AliasCounters[]> counters_;
};

}  // namespace ecsemu::net::service_connect
