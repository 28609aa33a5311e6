#include "net/alb/proxy_connection.hpp"

#include "emulator/core/alb/rule_match.hpp"
#include "net/alb/alb_responses.hpp"
#include "net/alb/forward_headers.hpp"
#include "net/alb/target_choice.hpp"

namespace ecsemu::net::alb {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

namespace {

constexpr std::size_t kInitialBufferBytes = 8 * 1024;
constexpr auto kRelaxed = std::memory_order_relaxed;

// The Host header's host part: "example.com:8080" -> "example.com", "[::1]:80" -> "[::1]".
std::string_view host_without_port(std::string_view host) {
    if (!host.empty() && host.front() == '[') {
        auto close = host.find(']');
        return close == std::string_view::npos ? host : host.substr(0, close + 1);
    }
    return host.substr(0, host.find(':'));
}

bool status_has_body(int status) {
    return status >= 200 && status != 204 && status != 304;
}

}  // namespace

ProxyConnection::ProxyConnection(ProxyWorker& worker, tcp::socket socket, std::string listener_arn)
    : worker_(worker),
      socket_(std::move(socket)),
      listener_arn_(std::move(listener_arn)),
      buffer_(kInitialBufferBytes),
      reader_(MessageReader::Kind::Request),
      watchdog_(worker.io.get_executor(),
                [this] {
                    error_code ignored;
                    socket_.close(ignored);
                }),
      exchange_(worker.io, worker.pool) {
    registration_ = worker_.connections.insert(worker_.connections.end(), this);
    error_code ec;
    auto peer = socket_.remote_endpoint(ec);
    if (!ec) {
        auto address = peer.address();
        client_ip_ = address.is_v6() && address.to_v6().is_v4_mapped()
                         ? asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string()
                         : address.to_string();
    }
    headers_.reserve(32);
    response_headers_.reserve(32);
}

ProxyConnection::~ProxyConnection() {
    worker_.connections.erase(registration_);
}

void ProxyConnection::shutdown() {
    error_code ignored;
    socket_.close(ignored);
    exchange_.cancel();
    watchdog_.disarm();
}

asio::awaitable<void> ProxyConnection::run() {
    while (!worker_.stopping) {
        RequestRead read =
            co_await read_client_request(socket_, buffer_, reader_, watchdog_, idle_timeout_,
                                         RequestLimits{kRequestHeaderLimitBytes, kRequestBodyLimitBytes});
        if (read == RequestRead::Closed || worker_.stopping) break;

        RoutingState* current = worker_.routing();
        if (!current) break;
        if (worker_.generation != state_generation_ || !state_) {
            state_ = worker_.state;
            state_generation_ = worker_.generation;
            listener_index_ = state_->find_listener(listener_arn_);
        }
        // The listener was deleted while this connection stayed open.
        if (listener_index_ == RoutingState::npos) break;
        RoutingState& state = *state_;
        const auto& listener = state.snapshot().listeners[listener_index_];
        idle_timeout_ = std::chrono::seconds(std::max<std::int64_t>(listener.idle_timeout_seconds, 1));
        auto& counters = state.listener_counters(worker_.index, listener_index_);
        counters.requests.fetch_add(1, kRelaxed);

        out_.clear();
        body_to_send_ = {};
        if (read != RequestRead::Request) {
            keep_alive_ = false;
            answer_error(read == RequestRead::TooLarge ? 413 : 400, counters);
            co_await write_out();
            break;
        }
        keep_alive_ = reader_.keep_alive();
        http_1_0_ = reader_.version < 11;

        const char* base = buffer_.base();
        headers_.clear();
        std::string_view host;
        for (const auto& field : reader_.fields) {
            auto& header =
                headers_.emplace_back(core::alb::HeaderView{field.name.in(base), field.value.in(base)});
            if (host.empty() && ascii_iequal(header.name, "host")) host = host_without_port(header.value);
        }
        core::alb::RequestView view;
        view.method = reader_.method.in(base);
        view.target = reader_.target.in(base);
        view.host = host;
        view.headers = headers_;
        view.source_ip = client_ip_;

        const core::alb::SnapshotRule* rule = core::alb::select_rule(listener, view);
        AlbResponseContext context{worker_.date.now(), keep_alive_};
        if (!rule) {
            answer_error(503, counters);
        } else if (rule->action.kind == core::alb::SnapshotAction::Kind::FixedResponse) {
            append_fixed_response(out_, rule->action.fixed_response, context);
        } else if (rule->action.kind == core::alb::SnapshotAction::Kind::Redirect) {
            RedirectInputs inputs{"http", host, listener.port, view.target};
            append_redirect_response(out_, rule->action.redirect, inputs, context);
        } else {
            co_await forward(state, listener, rule->action.forward, view, counters);
        }
        if (out_.empty() || !co_await write_out() || !keep_alive_) break;
    }
    shutdown();
}

asio::awaitable<bool> ProxyConnection::write_out() {
    co_return co_await write_to_client(socket_, watchdog_, idle_timeout_, out_, body_to_send_);
}

void ProxyConnection::answer_error(int status, LoadBalancerCounters& counters) {
    if (status >= 500) {
        counters.elb_5xx.fetch_add(1, kRelaxed);
        if (status == 502) counters.elb_502.fetch_add(1, kRelaxed);
        if (status == 503) counters.elb_503.fetch_add(1, kRelaxed);
        if (status == 504) counters.elb_504.fetch_add(1, kRelaxed);
    } else {
        counters.elb_4xx.fetch_add(1, kRelaxed);
    }
    out_.clear();
    body_to_send_ = {};
    append_error_page(out_, status, AlbResponseContext{worker_.date.now(), keep_alive_});
}

asio::awaitable<void> ProxyConnection::forward(RoutingState& state,
                                               const core::alb::SnapshotListener& listener,
                                               const core::alb::SnapshotForward& forward,
                                               const core::alb::RequestView& view,
                                               LoadBalancerCounters& counters) {
    const auto& snapshot = state.snapshot();
    std::size_t group_index = choose_group(forward, worker_.random);
    if (group_index >= snapshot.groups.size() || snapshot.groups[group_index].targets.empty()) {
        answer_error(503, counters);
        co_return;
    }
    const auto& group = snapshot.groups[group_index];
    GroupRoute& route = state.group(group_index);

    std::size_t target_index = kNoChoice;
    if (group.stickiness_enabled) {
        if (auto key = sticky_cookie(view.headers)) target_index = find_sticky_target(route, *key);
    }
    if (target_index == kNoChoice) {
        std::uint32_t spare_position = 0;
        std::uint32_t& position =
            group_index < worker_.round_robin.size() ? worker_.round_robin[group_index] : spare_position;
        target_index = choose_target(group, route, position, worker_.random);
    }
    const TargetRoute& target = route.targets[target_index];
    if (!target.dialable) {
        answer_error(502, counters);
        co_return;
    }

    char trace_id[kTraceIdSize];
    std::uint64_t random = worker_.random.next();
    format_trace_id(trace_id, worker_.date.epoch_seconds(), static_cast<std::uint32_t>(random >> 32),
                    worker_.random.next());
    bool head_request = view.method == "HEAD";
    upstream_head_.clear();
    UpstreamRequest upstream{
        view.method,
        view.target,
        view.headers,
        client_ip_,
        listener.port,
        reader_.has_body() ? std::optional<std::size_t>(reader_.body.size()) : std::nullopt,
        std::string_view(trace_id, sizeof trace_id)};
    append_upstream_request_head(upstream_head_, upstream);

    auto& group_counters = state.group_counters(worker_.index, group_index);
    group_counters.requests.fetch_add(1, kRelaxed);
    bool least_outstanding = group.algorithm == core::alb::BalancingAlgorithm::LeastOutstandingRequests;
    if (least_outstanding) route.in_flight[target_index].fetch_add(1, kRelaxed);
    auto started = std::chrono::steady_clock::now();
    auto outcome =
        co_await exchange_.run(target.endpoint, upstream_head_, reader_.body, head_request, idle_timeout_);
    if (least_outstanding) route.in_flight[target_index].fetch_sub(1, kRelaxed);

    switch (outcome) {
        case TargetExchange::Outcome::Cancelled:
            keep_alive_ = false;
            out_.clear();
            co_return;
        case TargetExchange::Outcome::Timeout:
            answer_error(504, counters);
            co_return;
        case TargetExchange::Outcome::BadGateway:
            answer_error(502, counters);
            co_return;
        case TargetExchange::Outcome::Response:
            break;
    }

    const MessageReader& response = exchange_.response();
    auto elapsed =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    group_counters.responses.fetch_add(1, kRelaxed);
    group_counters.response_time_sum_us.fetch_add(static_cast<std::uint64_t>(elapsed.count()), kRelaxed);
    int status = response.status;
    auto& by_class = status < 300   ? group_counters.target_2xx
                     : status < 400 ? group_counters.target_3xx
                     : status < 500 ? group_counters.target_4xx
                                    : group_counters.target_5xx;
    by_class.fetch_add(1, kRelaxed);

    const char* base = exchange_.response_base();
    response_headers_.clear();
    for (const auto& field : response.fields) {
        response_headers_.push_back(core::alb::HeaderView{field.name.in(base), field.value.in(base)});
    }
    extra_headers_.clear();
    if (group.stickiness_enabled) {
        append_sticky_cookies(
            extra_headers_, target.sticky_key,
            static_cast<std::int64_t>(worker_.date.epoch_seconds()) + group.stickiness_duration_seconds);
    }
    bool bodiless = head_request || !status_has_body(status);
    ClientResponse client_response{status,
                                   response.reason.in(base),
                                   response_headers_,
                                   bodiless,
                                   response.body.size(),
                                   keep_alive_,
                                   http_1_0_,
                                   extra_headers_};
    append_client_response_head(out_, client_response);
    if (!bodiless) body_to_send_ = response.body;
}

}  // namespace ecsemu::net::alb
