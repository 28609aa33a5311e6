#pragma once
// One client connection to a Service Connect listener: reads requests (keep-alive, pipelined ones in
// order) and forwards each to an endpoint of the alias, with Envoy's retry policy for Service Connect
// (connect-failure, refused-stream, 503; at most 2 retries, on other endpoints when there are any), its
// outlier detection (outlier_detection.hpp) and the alias's per-request timeout (504 when it passes,
// counted over every try). Lives on one proxy thread.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>  // before Boost 1.74's awaitable.hpp, which uses std::exchange
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "net/alb/message_reader.hpp"
#include "net/alb/read_buffer.hpp"
#include "net/alb/target_exchange.hpp"
#include "net/alb/watchdog.hpp"
#include "net/service_connect/envoy_messages.hpp"
#include "net/service_connect/sc_worker.hpp"

namespace ecsemu::net::service_connect {

class ScConnection {
public:
    static constexpr int kMaxRetries = 2;

    ScConnection(ScWorker& worker, boost::asio::ip::tcp::socket socket, std::string listener_key,
                 std::shared_ptr<ListenerGauges> gauges);
    ~ScConnection();
    ScConnection(const ScConnection&) = delete;
    ScConnection& operator=(const ScConnection&) = delete;

    boost::asio::awaitable<void> run();
    // Closes the client and any exchange in progress; run() then ends.
    void shutdown();

private:
    // Fills out_ (and may point body_to_send_ at a body) with the answer to the current request.
    boost::asio::awaitable<void> forward(ScRoutingState& state, std::size_t alias_index);
    void local_reply(int status, std::string_view body, AliasCounters& counters);
    void pass_response(int status, std::int64_t service_time_ms, bool head_request);

    ScWorker& worker_;
    boost::asio::ip::tcp::socket socket_;
    std::string listener_key_;
    std::shared_ptr<ListenerGauges> gauges_;
    std::list<ScConnection*>::iterator registration_;

    alb::ReadBuffer buffer_;
    alb::MessageReader reader_;
    std::vector<HeaderView> headers_;
    std::vector<HeaderView> response_headers_;
    std::vector<std::size_t> tried_;
    std::string out_;
    std::string_view body_to_send_;
    std::string endpoint_head_;
    std::string extra_headers_;
    bool keep_alive_ = true;
    bool http_1_0_ = false;
    std::chrono::steady_clock::duration idle_timeout_ = std::chrono::seconds(300);

    // Held per request, so a request in flight keeps its snapshot (and a drained endpoint its address)
    // when the next one is published.
    std::shared_ptr<ScRoutingState> state_;
    std::uint64_t state_generation_ = 0;
    std::size_t alias_index_ = ScRoutingState::npos;

    alb::Watchdog watchdog_;
    alb::TargetExchange exchange_;
};

}  // namespace ecsemu::net::service_connect
