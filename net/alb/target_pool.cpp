#include "net/alb/target_pool.hpp"

#include <algorithm>

namespace ecsemu::net::alb {

TargetPool::Entry* TargetPool::find(const tcp::endpoint& endpoint) {
    for (auto& entry : entries_) {
        if (entry.endpoint == endpoint) return &entry;
    }
    return nullptr;
}

std::optional<TargetPool::tcp::socket> TargetPool::take(const tcp::endpoint& endpoint) {
    Entry* entry = find(endpoint);
    if (!entry || entry->idle.empty()) return std::nullopt;
    auto now = clock::now();
    while (!entry->idle.empty()) {
        Idle idle = std::move(entry->idle.back());
        entry->idle.pop_back();
        if (now - idle.since < kMaxIdleTime && idle.socket.is_open()) return std::move(idle.socket);
        boost::system::error_code ignored;
        idle.socket.close(ignored);
    }
    return std::nullopt;
}

void TargetPool::give_back(const tcp::endpoint& endpoint, tcp::socket socket) {
    Entry* entry = find(endpoint);
    if (!entry) {
        // Targets come and go with deployments: forget endpoints that hold nothing before adding one.
        entries_.erase(
            std::remove_if(entries_.begin(), entries_.end(), [](const Entry& e) { return e.idle.empty(); }),
            entries_.end());
        entry = &entries_.emplace_back(Entry{endpoint, {}});
    }
    if (entry->idle.size() >= kMaxIdlePerTarget) {
        boost::system::error_code ignored;
        socket.close(ignored);
        return;
    }
    entry->idle.push_back(Idle{std::move(socket), clock::now()});
}

void TargetPool::clear() {
    boost::system::error_code ignored;
    for (auto& entry : entries_) {
        for (auto& idle : entry.idle) idle.socket.close(ignored);
    }
    entries_.clear();
}

std::size_t TargetPool::idle_count() const {
    std::size_t count = 0;
    for (const auto& entry : entries_) count += entry.idle.size();
    return count;
}

}  // namespace ecsemu::net::alb
