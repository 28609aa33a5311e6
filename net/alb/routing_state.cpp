#include "net/alb/routing_state.hpp"

#include <algorithm>
#include <string>

namespace ecsemu::net::alb {

std::uint64_t sticky_key_of(std::string_view id, int port) {
    std::uint64_t hash = 1469598103934665603ULL;
    auto mix = [&](char c) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    };
    for (char c : id) mix(c);
    mix(':');
    for (char c : std::to_string(port)) mix(c);
    return hash;
}

RoutingState::RoutingState(core::alb::RoutingSnapshotPtr snapshot, std::size_t threads)
    : snapshot_(std::move(snapshot)), threads_(threads) {
    for (const auto& listener : snapshot_->listeners) {
        std::size_t slot = lb_arns_.size();
        for (std::size_t i = 0; i < lb_arns_.size(); ++i) {
            if (lb_arns_[i] == listener.load_balancer_arn) slot = i;
        }
        if (slot == lb_arns_.size()) lb_arns_.push_back(listener.load_balancer_arn);
        listener_lb_.push_back(slot);
    }
    groups_.resize(snapshot_->groups.size());
    for (std::size_t g = 0; g < snapshot_->groups.size(); ++g) {
        const auto& group = snapshot_->groups[g];
        auto& route = groups_[g];
        route.in_flight = std::make_unique<std::atomic<std::int32_t>[]>(group.targets.size());
        for (const auto& target : group.targets) {
            TargetRoute target_route;
            boost::system::error_code ec;
            auto address = boost::asio::ip::make_address(target.dial_host, ec);
            if (!ec) {
                target_route.endpoint = {address, target.dial_port};
                target_route.dialable = true;
            }
            target_route.sticky_key = sticky_key_of(target.id, target.port);
            route.targets.push_back(target_route);
            route.total_weight += target.weight;
            if (target.weight < 1.0) route.weighted = true;
        }
    }
    lb_counters_ =
        std::make_unique<LoadBalancerCounters[]>(threads_ * std::max<std::size_t>(lb_arns_.size(), 1));
    group_counters_ =
        std::make_unique<TargetGroupCounters[]>(threads_ * std::max<std::size_t>(groups_.size(), 1));
}

std::size_t RoutingState::find_listener(std::string_view listener_arn) const {
    const auto& listeners = snapshot_->listeners;
    for (std::size_t i = 0; i < listeners.size(); ++i) {
        if (listeners[i].listener_arn == listener_arn) return i;
    }
    return npos;
}

void RoutingState::harvest_into(core::alb::TrafficSample& sample) {
    auto take = [](std::atomic<std::uint64_t>& counter) {
        return counter.exchange(0, std::memory_order_relaxed);
    };
    for (std::size_t t = 0; t < threads_; ++t) {
        for (std::size_t i = 0; i < lb_arns_.size(); ++i) {
            auto& c = lb_counters_[t * lb_arns_.size() + i];
            auto& out = sample.by_load_balancer[std::string(lb_arns_[i])];
            out.requests += take(c.requests);
            out.elb_4xx += take(c.elb_4xx);
            out.elb_5xx += take(c.elb_5xx);
            out.elb_502 += take(c.elb_502);
            out.elb_503 += take(c.elb_503);
            out.elb_504 += take(c.elb_504);
        }
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            auto& c = group_counters_[t * groups_.size() + g];
            auto& out = sample.by_target_group[snapshot_->groups[g].arn];
            out.requests += take(c.requests);
            out.target_2xx += take(c.target_2xx);
            out.target_3xx += take(c.target_3xx);
            out.target_4xx += take(c.target_4xx);
            out.target_5xx += take(c.target_5xx);
            out.response_time_sum_us += take(c.response_time_sum_us);
            out.responses += take(c.responses);
        }
    }
}

}  // namespace ecsemu::net::alb
