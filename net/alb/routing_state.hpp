#pragma once
// A published routing snapshot plus what the proxy threads need next to it: parsed target endpoints,
// in-flight counts for least-outstanding-requests, sticky-cookie keys and the traffic counters. Built on
// the control thread by AlbProxy::apply(); proxy threads only read it and bump atomics. Each traffic
// counter row belongs to one proxy thread (padded to a cache line), so counting never contends.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

#include "emulator/core/alb/routing_snapshot.hpp"
#include "emulator/core/alb/traffic_sample.hpp"

namespace ecsemu::net::alb {

struct alignas(64) LoadBalancerCounters {
    std::atomic<std::uint64_t> requests{0}, elb_4xx{0}, elb_5xx{0}, elb_502{0}, elb_503{0}, elb_504{0};
};

struct alignas(64) TargetGroupCounters {
    std::atomic<std::uint64_t> requests{0}, target_2xx{0}, target_3xx{0}, target_4xx{0}, target_5xx{0};
    std::atomic<std::uint64_t> response_time_sum_us{0}, responses{0};
};

struct TargetRoute {
    boost::asio::ip::tcp::endpoint endpoint;
    bool dialable = false;         // dial_host parsed as an IP address
    std::uint64_t sticky_key = 0;  // what the AWSALB cookie carries for this target
};

struct GroupRoute {
    std::vector<TargetRoute> targets;  // parallel to SnapshotTargetGroup::targets
    std::unique_ptr<std::atomic<std::int32_t>[]> in_flight;
    bool weighted = false;  // some target ramps up (weight < 1): pick by weight
    double total_weight = 0;
};

class RoutingState {
public:
    RoutingState(core::alb::RoutingSnapshotPtr snapshot, std::size_t threads);

    const core::alb::RoutingSnapshot& snapshot() const { return *snapshot_; }
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    std::size_t find_listener(std::string_view listener_arn) const;
    GroupRoute& group(std::size_t index) { return groups_[index]; }

    LoadBalancerCounters& listener_counters(std::size_t thread, std::size_t listener_index) {
        return lb_counters_[thread * lb_arns_.size() + listener_lb_[listener_index]];
    }
    TargetGroupCounters& group_counters(std::size_t thread, std::size_t group_index) {
        return group_counters_[thread * groups_.size() + group_index];
    }

    // Adds every counter into sample and zeroes it.
    void harvest_into(core::alb::TrafficSample& sample);

private:
    core::alb::RoutingSnapshotPtr snapshot_;
    std::size_t threads_;
    std::vector<std::string_view> lb_arns_;  // distinct load balancers, views into the snapshot
    std::vector<std::size_t> listener_lb_;   // listener index -> lb_arns_ index
    std::vector<GroupRoute> groups_;
    std::unique_ptr<LoadBalancerCounters[]> lb_counters_;
    std::unique_ptr<TargetGroupCounters[]> group_counters_;
};

// FNV-1a of "id:port": stable across snapshots, so a sticky client keeps its target.
std::uint64_t sticky_key_of(std::string_view id, int port);

}  // namespace ecsemu::net::alb
