#pragma once
// One client connection to a listener: reads requests (keep-alive, pipelined ones in order), evaluates the
// listener's rules against the routing state current at that request, and answers with a fixed response,
// a redirect, an ALB error page, or the response of the chosen target. Lives on one proxy thread.
#include <chrono>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <utility>  // before Boost 1.74's awaitable.hpp, which uses std::exchange
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "emulator/core/alb/request_view.hpp"
#include "net/alb/downstream_io.hpp"
#include "net/alb/message_reader.hpp"
#include "net/alb/proxy_worker.hpp"
#include "net/alb/read_buffer.hpp"
#include "net/alb/target_exchange.hpp"
#include "net/alb/watchdog.hpp"

namespace ecsemu::net::alb {

class ProxyConnection {
public:
    static constexpr std::size_t kRequestHeaderLimitBytes = 64 * 1024;
    static constexpr std::uint64_t kRequestBodyLimitBytes = 10 * 1024 * 1024;

    ProxyConnection(ProxyWorker& worker, boost::asio::ip::tcp::socket socket, std::string listener_arn);
    ~ProxyConnection();
    ProxyConnection(const ProxyConnection&) = delete;
    ProxyConnection& operator=(const ProxyConnection&) = delete;

    boost::asio::awaitable<void> run();
    // Closes the client and any target exchange in progress; run() then ends.
    void shutdown();

private:
    boost::asio::awaitable<bool> write_out();

    // These fill out_ (and may point body_to_send_ at a body) with the answer to the current request.
    void answer_error(int status, LoadBalancerCounters& counters);
    boost::asio::awaitable<void> forward(RoutingState& state, const core::alb::SnapshotListener& listener,
                                         const core::alb::SnapshotForward& forward,
                                         const core::alb::RequestView& view, LoadBalancerCounters& counters);

    ProxyWorker& worker_;
    boost::asio::ip::tcp::socket socket_;
    std::string listener_arn_;
    std::list<ProxyConnection*>::iterator registration_;
    std::string client_ip_;

    ReadBuffer buffer_;
    MessageReader reader_;
    std::vector<core::alb::HeaderView> headers_;
    std::vector<core::alb::HeaderView> response_headers_;
    std::string out_;  // response head (or a whole generated response)
    std::string_view body_to_send_;
    std::string upstream_head_;
    std::string extra_headers_;
    bool keep_alive_ = true;
    bool http_1_0_ = false;
    std::chrono::steady_clock::duration idle_timeout_ = std::chrono::seconds(60);

    // The routing state this connection last picked up from its thread, held so that a request in flight
    // keeps its snapshot when the next one is published; refreshed per request by generation number.
    std::shared_ptr<RoutingState> state_;
    std::uint64_t state_generation_ = 0;
    std::size_t listener_index_ = RoutingState::npos;

    Watchdog watchdog_;
    TargetExchange exchange_;
};

}  // namespace ecsemu::net::alb
