#include "net/service_connect/sc_routing_state.hpp"

#include <algorithm>

namespace ecsemu::net::service_connect {

std::string listener_key(std::string_view vip, std::uint16_t port) {
    std::string key(vip);
    key += ':';
    key += std::to_string(port);
    return key;
}

ScRoutingState::ScRoutingState(core::service_connect::ServiceConnectSnapshotPtr snapshot, std::size_t threads,
                               const HealthRecords& previous)
    : snapshot_(std::move(snapshot)), threads_(threads) {
    for (const auto& alias : snapshot_->aliases) {
        keys_.push_back(listener_key(alias.vip, alias.port));
        AliasRoute& route = aliases_.emplace_back();
        for (const auto& endpoint : alias.endpoints) {
            EndpointRoute out;
            boost::system::error_code ec;
            auto address = boost::asio::ip::make_address(endpoint.dial_host, ec);
            if (!ec && endpoint.dial_port != 0) {
                out.endpoint = {address, endpoint.dial_port};
                out.dialable = true;
            }
            std::string health_key = keys_.back() + '|' + endpoint.task_id + '|' + endpoint.dial_host + ':' +
                                     std::to_string(endpoint.dial_port);
            auto& record = health_[health_key];
            if (!record) {
                auto kept = previous.find(health_key);
                record = kept != previous.end() ? kept->second : std::make_shared<EndpointHealth>();
            }
            out.health = record;
            route.endpoints.push_back(std::move(out));
        }
    }
    counters_ = std::make_unique<AliasCounters[]>(threads_ * std::max<std::size_t>(aliases_.size(), 1));
}

std::size_t ScRoutingState::find_alias(std::string_view key) const {
    for (std::size_t i = 0; i < keys_.size(); ++i) {
        if (keys_[i] == key) return i;
    }
    return npos;
}

void ScRoutingState::harvest_into(std::map<std::string, core::service_connect::ScTraffic>& out) {
    auto take = [](std::atomic<std::uint64_t>& counter) {
        return counter.exchange(0, std::memory_order_relaxed);
    };
    for (std::size_t a = 0; a < aliases_.size(); ++a) {
        auto& traffic = out[snapshot_->aliases[a].discovery_name];
        for (std::size_t t = 0; t < threads_; ++t) {
            auto& c = counters_[t * aliases_.size() + a];
            traffic.requests += take(c.requests);
            traffic.target_2xx += take(c.target_2xx);
            traffic.target_3xx += take(c.target_3xx);
            traffic.target_4xx += take(c.target_4xx);
            traffic.target_5xx += take(c.target_5xx);
            traffic.response_time_sum_us += take(c.response_time_sum_us);
            traffic.responses += take(c.responses);
            traffic.retries += take(c.retries);
            traffic.ejections += take(c.ejections);
            traffic.failed += take(c.failed);
        }
    }
}

}  // namespace ecsemu::net::service_connect
