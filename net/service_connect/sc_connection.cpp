#include "net/service_connect/sc_connection.hpp"

#include "net/alb/downstream_io.hpp"
#include "net/alb/forward_headers.hpp"
#include "net/service_connect/outlier_detection.hpp"

namespace ecsemu::net::service_connect {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;
using Outcome = alb::TargetExchange::Outcome;

namespace {

constexpr std::size_t kInitialBufferBytes = 8 * 1024;
constexpr alb::RequestLimits kRequestLimits{64 * 1024, 10 * 1024 * 1024};
// What bounds a wait when the alias disables a timeout (0): Envoy would wait forever.
constexpr std::chrono::hours kUnboundedWait{24};
constexpr auto kRelaxed = std::memory_order_relaxed;

std::chrono::steady_clock::duration duration_or_unbounded(core::Duration d) {
    if (d.ms <= 0) return kUnboundedWait;
    return std::chrono::milliseconds(d.ms);
}

std::atomic<std::uint64_t>& class_counter(AliasCounters& counters, int status) {
    return status < 300   ? counters.target_2xx
           : status < 400 ? counters.target_3xx
           : status < 500 ? counters.target_4xx
                          : counters.target_5xx;
}

}  // namespace

ScConnection::ScConnection(ScWorker& worker, tcp::socket socket, std::string listener_key,
                           std::shared_ptr<ListenerGauges> gauges)
    : worker_(worker),
      socket_(std::move(socket)),
      listener_key_(std::move(listener_key)),
      gauges_(std::move(gauges)),
      buffer_(kInitialBufferBytes),
      reader_(alb::MessageReader::Kind::Request),
      watchdog_(worker.io.get_executor(),
                [this] {
                    error_code ignored;
                    socket_.close(ignored);
                }),
      exchange_(worker.io, worker.pool) {
    registration_ = worker_.connections.insert(worker_.connections.end(), this);
    gauges_->new_connections.fetch_add(1, kRelaxed);
    gauges_->active_connections.fetch_add(1, kRelaxed);
    headers_.reserve(32);
    response_headers_.reserve(32);
}

ScConnection::~ScConnection() {
    gauges_->active_connections.fetch_sub(1, kRelaxed);
    worker_.connections.erase(registration_);
}

void ScConnection::shutdown() {
    error_code ignored;
    socket_.close(ignored);
    exchange_.cancel();
    watchdog_.disarm();
}

asio::awaitable<void> ScConnection::run() {
    while (!worker_.stopping) {
        auto read = co_await alb::read_client_request(socket_, buffer_, reader_, watchdog_, idle_timeout_,
                                                      kRequestLimits);
        if (read == alb::RequestRead::Closed || worker_.stopping || !worker_.routing()) break;
        if (worker_.generation != state_generation_ || !state_) {
            state_ = worker_.state;
            state_generation_ = worker_.generation;
            alias_index_ = state_->find_alias(listener_key_);
        }
        // The alias left the snapshot while this connection stayed open.
        if (alias_index_ == ScRoutingState::npos) break;
        ScRoutingState& state = *state_;
        idle_timeout_ = duration_or_unbounded(state.snapshot().aliases[alias_index_].idle_timeout);
        auto& counters = state.counters(worker_.index, alias_index_);
        counters.requests.fetch_add(1, kRelaxed);

        out_.clear();
        body_to_send_ = {};
        if (read != alb::RequestRead::Request) {
            keep_alive_ = false;
            bool too_large = read == alb::RequestRead::TooLarge;
            local_reply(too_large ? 413 : 400, too_large ? "Payload Too Large" : "Bad Request", counters);
        } else {
            keep_alive_ = reader_.keep_alive();
            http_1_0_ = reader_.version < 11;
            co_await forward(state, alias_index_);
        }
        if (out_.empty() ||
            !co_await alb::write_to_client(socket_, watchdog_, idle_timeout_, out_, body_to_send_))
            break;
        if (!keep_alive_) break;
    }
    shutdown();
}

void ScConnection::local_reply(int status, std::string_view body, AliasCounters& counters) {
    if (status >= 500) counters.failed.fetch_add(1, kRelaxed);
    out_.clear();
    body_to_send_ = {};
    append_local_reply(out_, status, body, worker_.date.now(), keep_alive_);
}

asio::awaitable<void> ScConnection::forward(ScRoutingState& state, std::size_t alias_index) {
    const auto& alias = state.snapshot().aliases[alias_index];
    AliasRoute& route = state.alias(alias_index);
    auto& counters = state.counters(worker_.index, alias_index);
    if (route.endpoints.empty()) {
        local_reply(503, kNoHealthyUpstream, counters);
        co_return;
    }

    const char* base = buffer_.base();
    headers_.clear();
    for (const auto& field : reader_.fields)
        headers_.push_back(HeaderView{field.name.in(base), field.value.in(base)});
    const bool head_request = reader_.method.in(base) == "HEAD";
    char request_id[kRequestIdSize];
    format_request_id(request_id, worker_.random.next(), worker_.random.next());
    endpoint_head_.clear();
    append_endpoint_request_head(
        endpoint_head_,
        EndpointRequest{reader_.method.in(base), reader_.target.in(base), headers_,
                        reader_.has_body() ? std::optional<std::size_t>(reader_.body.size()) : std::nullopt,
                        std::string_view(request_id, sizeof request_id), alias.per_request_timeout.ms});

    const bool timed = alias.per_request_timeout.ms > 0;
    const auto started = steady_clock::now();
    const auto deadline = started + duration_or_unbounded(alias.per_request_timeout);
    std::uint32_t spare_position = 0;
    std::uint32_t& position =
        alias_index < worker_.round_robin.size() ? worker_.round_robin[alias_index] : spare_position;
    tried_.clear();
    int retries = 0;
    auto may_retry = [&] {
        if (retries >= kMaxRetries) return false;
        ++retries;
        counters.retries.fetch_add(1, kRelaxed);
        return true;
    };
    auto fail = [&](std::size_t index) {
        if (record_failure(route, index, steady_clock::now())) counters.ejections.fetch_add(1, kRelaxed);
    };

    for (;;) {
        auto now = steady_clock::now();
        std::size_t index = choose_endpoint(route, position, tried_, now);
        if (index == kNoEndpoint) {
            local_reply(503, kNoHealthyUpstream, counters);
            co_return;
        }
        if (now >= deadline) {
            local_reply(504, kUpstreamTimeout, counters);
            co_return;
        }
        tried_.push_back(index);
        const auto attempt_started = now;
        auto outcome = co_await exchange_.run(route.endpoints[index].endpoint, endpoint_head_, reader_.body,
                                              head_request, timed ? deadline - now : idle_timeout_);
        now = steady_clock::now();
        switch (outcome) {
            case Outcome::Cancelled:
                keep_alive_ = false;
                out_.clear();
                co_return;
            case Outcome::Timeout:
                fail(index);
                local_reply(504, kUpstreamTimeout, counters);
                co_return;
            case Outcome::BadGateway: {
                fail(index);
                bool before_response = !exchange_.response_started();
                if (before_response && may_retry()) continue;
                local_reply(503, before_response ? kConnectFailure : kConnectionTermination, counters);
                co_return;
            }
            case Outcome::Response:
                break;
        }
        const int status = exchange_.response().status;
        class_counter(counters, status).fetch_add(1, kRelaxed);
        if (status >= 500) {
            fail(index);
            if (status == 503 && may_retry()) continue;
        } else {
            record_success(*route.endpoints[index].health, now);
        }
        auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(now - started);
        counters.responses.fetch_add(1, kRelaxed);
        counters.response_time_sum_us.fetch_add(static_cast<std::uint64_t>(elapsed.count()), kRelaxed);
        pass_response(status,
                      std::chrono::duration_cast<std::chrono::milliseconds>(now - attempt_started).count(),
                      head_request);
        co_return;
    }
}

void ScConnection::pass_response(int status, std::int64_t service_time_ms, bool head_request) {
    const alb::MessageReader& response = exchange_.response();
    const char* base = exchange_.response_base();
    response_headers_.clear();
    for (const auto& field : response.fields)
        response_headers_.push_back(HeaderView{field.name.in(base), field.value.in(base)});
    extra_headers_.clear();
    append_service_time(extra_headers_, service_time_ms);
    bool bodiless = head_request || status < 200 || status == 204 || status == 304;
    alb::ClientResponse client_response{status,
                                        response.reason.in(base),
                                        response_headers_,
                                        bodiless,
                                        response.body.size(),
                                        keep_alive_,
                                        http_1_0_,
                                        extra_headers_};
    alb::append_client_response_head(out_, client_response);
    if (!bodiless) body_to_send_ = response.body;
}

}  // namespace ecsemu::net::service_connect
