#pragma once
// Idle keep-alive connections to targets, one pool per proxy thread (never shared, so no locking). The most
// recently used connection is reused first: it is the one least likely to have been closed by the target.
#include <chrono>
#include <cstddef>
#include <optional>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

namespace ecsemu::net::alb {

class TargetPool {
public:
    using tcp = boost::asio::ip::tcp;
    using clock = std::chrono::steady_clock;

    // An idle connection to endpoint, if one is held.
    std::optional<tcp::socket> take(const tcp::endpoint& endpoint);
    void give_back(const tcp::endpoint& endpoint, tcp::socket socket);
    void clear();
    std::size_t idle_count() const;

    static constexpr std::size_t kMaxIdlePerTarget = 256;
    // Older idle connections are closed rather than reused: most servers have dropped them by then.
    static constexpr clock::duration kMaxIdleTime = std::chrono::seconds(55);

private:
    struct Idle {
        tcp::socket socket;
        clock::time_point since;
    };
    struct Entry {
        tcp::endpoint endpoint;
        std::vector<Idle> idle;
    };
    Entry* find(const tcp::endpoint& endpoint);
    std::vector<Entry> entries_;
};

}  // namespace ecsemu::net::alb
