// One coroutine accepts; one coroutine per connection reads a request, calls the handler and writes the
// response, strictly in order. I/O errors come back as values (redirect_error), never as exceptions, and
// every socket operation runs under a tcp_stream deadline.
#include "net/http/http_server.hpp"
#include "net/asio/bounded_accept.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <exception>
#include <list>
#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/http/http_wire_format.hpp"

namespace ecsemu::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

struct HttpServer::State {
    State(asio::io_context& context, HttpHandler h, HttpDeferredHandler d, HttpServerLimits l)
        : io(context),
          acceptor(context),
          accept_wait(context),
          handler(std::move(h)),
          deferred_handler(std::move(d)),
          limits(l) {}

    asio::io_context& io;
    tcp::acceptor acceptor;
    // Parks the accept loop while at max_connections (a closing connection cancels it) and after an accept
    // error (so a descriptor shortage does not spin the loop).
    asio::steady_timer accept_wait;
    HttpHandler handler;
    HttpDeferredHandler deferred_handler;  // set instead of handler by the deferred constructor
    HttpServerLimits limits;
    std::size_t open_connections = 0;
    std::list<beast::tcp_stream*> streams;              // what stop() closes
    std::list<asio::steady_timer*> deferred_responses;  // what stop() wakes
    bool stopped = false;
};

// A deferred response on its way: the connection waits on `ready` until a responder fills `response`
// (and cancels the wait) or stop() cancels it with no response.
struct DeferredResponse {
    explicit DeferredResponse(const asio::any_io_executor& executor) : ready(executor) {}
    asio::steady_timer ready;
    std::optional<HttpResponse> response;
};

struct HttpResponder::Completion {
    explicit Completion(std::weak_ptr<DeferredResponse> p) : pending(std::move(p)) {}
    Completion(const Completion&) = delete;
    Completion& operator=(const Completion&) = delete;
    ~Completion() {
        if (!done) complete(handler_failure_response("the request was dropped without a response"));
    }

    void complete(HttpResponse response) {
        if (done) return;
        done = true;
        auto target = pending.lock();
        if (!target) return;
        target->response = std::move(response);
        target->ready.cancel();
    }

    std::weak_ptr<DeferredResponse> pending;  // expires when the connection is gone
    bool done = false;
};

void HttpResponder::operator()(HttpResponse response) const {
    completion_->complete(std::move(response));
}

namespace {

using State = HttpServer::State;
using RequestParser = http::request_parser<http::string_body>;

constexpr std::size_t kFirstReadBytes = 4096;
constexpr std::size_t kLingerDrainBytes = 16 * 1024 * 1024;
constexpr std::chrono::milliseconds kAcceptErrorPause{100};

auto await_into(error_code& ec) {
    return asio::redirect_error(asio::use_awaitable, ec);
}

// A server-generated rejection for a read error, or nothing when the connection should just close
// (peer gone, timeout, cancelled).
std::optional<HttpResponse> rejection_for(const error_code& ec) {
    if (ec.category() != http::make_error_code(http::error::end_of_stream).category()) return std::nullopt;
    if (ec == http::error::end_of_stream || ec == http::error::partial_message) return std::nullopt;
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow)
        return headers_too_large_response();
    if (ec == http::error::body_limit) return body_too_large_response();
    return malformed_request_response(ec.message());
}

std::string_view trim_whitespace(std::string_view text) {
    auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

// Head rules Beast leaves to the server. RFC 9112: an HTTP/1.1 request carries exactly one Host (§3.2); a
// request whose Transfer-Encoding does not end in chunked has no determinable length (§6.3), chunked may be
// applied only once (§7), and an HTTP/1.0 message with Transfer-Encoding has faulty framing (§6.1).
// Only a single "chunked" is accepted: no other coding is implemented.
std::optional<std::string_view> head_violation(const RequestParser& parser) {
    const auto& head = parser.get();
    std::size_t hosts = head.count(http::field::host);
    if (head.version() >= 11 ? hosts != 1 : hosts > 1)
        return "an HTTP/1.1 request needs exactly one Host header";
    std::size_t codings = head.count(http::field::transfer_encoding);
    if (codings == 0) return std::nullopt;
    if (head.version() < 11) return "Transfer-Encoding is not allowed in HTTP/1.0";
    auto coding = head[http::field::transfer_encoding];
    if (codings != 1 || !ascii_iequals(trim_whitespace({coding.data(), coding.size()}), "chunked")) {
        return "Transfer-Encoding must be chunked, once";
    }
    return std::nullopt;
}

bool expects_continue(const RequestParser& parser) {
    auto expect = parser.get()[http::field::expect];
    return beast::iequals(expect, "100-continue");
}

class Connection {
public:
    Connection(State& state, tcp::socket socket) : state_(state), stream_(std::move(socket)) {
        error_code ec;
        auto peer = stream_.socket().remote_endpoint(ec);
        if (!ec) remote_address_ = peer.address().to_string();
        registration_ = state_.streams.insert(state_.streams.end(), &stream_);
    }
    ~Connection() { state_.streams.erase(registration_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    asio::awaitable<void> run() {
        while (!state_.stopped) {
            RequestParser parser;  // a Beast parser handles exactly one message
            parser.header_limit(
                static_cast<std::uint32_t>(std::min<std::size_t>(state_.limits.header_bytes, UINT32_MAX)));
            parser.body_limit(state_.limits.body_bytes);
            if (!co_await read_request(parser)) break;
            // A read that completed just before stop() still resumes here; after stop() no handler runs,
            // so handlers may capture state their owner frees once the server has stopped.
            if (state_.stopped) break;

            const auto& message = parser.get();
            ResponseHeadOptions options{message.keep_alive(), message.version() < 11};
            bool head_only = message.method() == http::verb::head;
            HttpResponse response;
            if (state_.deferred_handler) {
                auto deferred = co_await call_deferred_handler(parser);
                if (!deferred) break;  // the server stopped while the handler was answering
                response = std::move(*deferred);
            } else {
                response = call_handler(parser);
            }
            if (state_.stopped) options.keep_alive = false;
            if (!co_await send(response, options, head_only) || !options.keep_alive) break;
        }
        close();
    }

private:
    // True when parser holds a complete request. On false the connection is finished: the peer left, a
    // deadline passed, or the request was rejected (the rejection is already sent).
    asio::awaitable<bool> read_request(RequestParser& parser) {
        const auto& limits = state_.limits;
        error_code ec;
        if (buffer_.size() == 0) {
            // Waiting for a request to begin is the keep-alive idle time, not a slow client.
            stream_.expires_after(limits.idle_timeout);
            std::size_t n =
                co_await stream_.async_read_some(buffer_.prepare(kFirstReadBytes), await_into(ec));
            if (ec) co_return false;
            buffer_.commit(n);
        }
        stream_.expires_after(limits.header_read_timeout);
        co_await http::async_read_header(stream_, buffer_, parser, await_into(ec));
        if (!ec) {
            if (auto violation = head_violation(parser)) {
                co_await reject(malformed_request_response(*violation));
                co_return false;
            }
            if (!parser.is_done()) {
                if (expects_continue(parser) && !co_await send_continue()) co_return false;
                stream_.expires_after(limits.body_read_timeout);
                co_await http::async_read(stream_, buffer_, parser, await_into(ec));
            }
        }
        if (!ec) co_return true;
        if (auto rejection = rejection_for(ec)) co_await reject(*rejection);
        co_return false;
    }

    // The interim answer a client that sent "Expect: 100-continue" waits for before sending its body.
    asio::awaitable<bool> send_continue() {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        error_code ec;
        stream_.expires_after(state_.limits.write_timeout);
        co_await asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()), await_into(ec));
        co_return !ec;
    }

    HttpRequest take_request(RequestParser& parser) {
        auto& message = parser.get();
        HttpRequest request;
        request.method.assign(message.method_string().data(), message.method_string().size());
        request.target.assign(message.target().data(), message.target().size());
        for (const auto& field : message) {
            request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        }
        request.body = std::move(message.body());
        request.remote_address = remote_address_;
        return request;
    }

    HttpResponse call_handler(RequestParser& parser) {
        HttpRequest request = take_request(parser);
        try {
            return state_.handler(request);
        } catch (const std::exception& e) {
            return handler_failure_response(e.what());
        } catch (...) {
            return handler_failure_response({});
        }
    }

    // The response, or nothing when stop() came first.
    asio::awaitable<std::optional<HttpResponse>> call_deferred_handler(RequestParser& parser) {
        auto pending = std::make_shared<DeferredResponse>(stream_.get_executor());
        {
            HttpResponder responder(std::make_shared<HttpResponder::Completion>(pending));
            HttpRequest request = take_request(parser);
            try {
                state_.deferred_handler(request, responder);
            } catch (const std::exception& e) {
                responder(handler_failure_response(e.what()));
            } catch (...) {
                responder(handler_failure_response({}));
            }
        }
        if (!pending->response && !state_.stopped) {
            WaitRegistration registration(state_.deferred_responses, pending->ready);
            pending->ready.expires_at(asio::steady_timer::time_point::max());
            error_code ec;
            co_await pending->ready.async_wait(await_into(ec));
        }
        if (state_.stopped) co_return std::nullopt;
        co_return std::move(pending->response);
    }

    // Lists a waiting deferred response for stop() for exactly as long as the coroutine frame waits, even
    // when the frame is destroyed without resuming.
    class WaitRegistration {
    public:
        WaitRegistration(std::list<asio::steady_timer*>& list, asio::steady_timer& timer)
            : list_(list), position_(list.insert(list.end(), &timer)) {}
        ~WaitRegistration() { list_.erase(position_); }
        WaitRegistration(const WaitRegistration&) = delete;
        WaitRegistration& operator=(const WaitRegistration&) = delete;

    private:
        std::list<asio::steady_timer*>& list_;
        std::list<asio::steady_timer*>::iterator position_;
    };

    asio::awaitable<bool> send(const HttpResponse& response, ResponseHeadOptions options, bool head_only) {
        write_response_head(head_, response, options);
        error_code ec;
        stream_.expires_after(state_.limits.write_timeout);
        if (head_only || !status_allows_body(response.status) || response.body.empty()) {
            co_await asio::async_write(stream_, asio::buffer(head_), await_into(ec));
        } else {
            std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::buffer(response.body)};
            co_await asio::async_write(stream_, buffers, await_into(ec));
        }
        co_return !ec;
    }

    // Sends the rejection, then stops sending and discards input for a short while: closing a socket with
    // unread input makes the kernel reset the connection, and the client would lose the response.
    asio::awaitable<void> reject(const HttpResponse& response) {
        if (!co_await send(response, ResponseHeadOptions{false, false}, false)) co_return;
        error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.expires_after(state_.limits.reject_linger);
        std::size_t drained = 0;
        while (!ec && drained < kLingerDrainBytes && !state_.stopped) {
            buffer_.clear();
            std::size_t n = co_await stream_.async_read_some(buffer_.prepare(64 * 1024), await_into(ec));
            drained += n;
        }
    }

    void close() {
        error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.close();
    }

    State& state_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;  // kept across requests: holds pipelined bytes and keeps its capacity
    std::string head_;           // response head, reused
    std::string remote_address_;
    std::list<beast::tcp_stream*>::iterator registration_;
};

asio::awaitable<void> accept_loop(std::shared_ptr<State> state) {
    const std::size_t max_connections = state->limits.max_connections;
    co_await net::accept_connections<Connection>(std::move(state), max_connections, kAcceptErrorPause);
}

std::optional<tcp::endpoint> resolve_listen_endpoint(asio::io_context& io, const std::string& host,
                                                     std::uint16_t port, error_code& ec) {
    auto address = asio::ip::make_address(host, ec);
    if (!ec) return tcp::endpoint(address, port);
    tcp::resolver resolver(io);
    auto results = resolver.resolve(host, std::to_string(port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (ec) return std::nullopt;
    if (results.empty()) {
        ec = asio::error::host_not_found;
        return std::nullopt;
    }
    return results.begin()->endpoint();
}

}  // namespace

HttpServer::HttpServer(asio::io_context& io, std::string host, std::uint16_t port, HttpHandler handler,
                       HttpServerLimits limits)
    : state_(std::make_shared<State>(io, std::move(handler), nullptr, limits)),
      host_(std::move(host)),
      port_(port) {}

HttpServer::HttpServer(asio::io_context& io, std::string host, std::uint16_t port,
                       HttpDeferredHandler handler, HttpServerLimits limits)
    : state_(std::make_shared<State>(io, nullptr, std::move(handler), limits)),
      host_(std::move(host)),
      port_(port) {}

HttpServer::~HttpServer() {
    stop();
}

std::error_code HttpServer::start() {
    if (state_->acceptor.is_open() || state_->stopped) return error_code(asio::error::already_started);
    error_code ec;
    auto endpoint = resolve_listen_endpoint(state_->io, host_, port_, ec);
    if (!endpoint) return ec;
    auto& acceptor = state_->acceptor;
    acceptor.open(endpoint->protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(*endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        error_code ignored;
        acceptor.close(ignored);
        return ec;
    }
    asio::co_spawn(acceptor.get_executor(), accept_loop(state_), asio::detached);
    return {};
}

std::uint16_t HttpServer::local_port() const {
    error_code ec;
    auto endpoint = state_->acceptor.local_endpoint(ec);
    return ec ? 0 : endpoint.port();
}

void HttpServer::stop() {
    State& s = *state_;
    if (s.stopped) return;
    s.stopped = true;
    error_code ignored;
    s.acceptor.close(ignored);
    s.accept_wait.cancel();
    // Closing only cancels pending operations; connections unregister later, when their coroutines resume.
    for (beast::tcp_stream* stream : s.streams) {
        stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream->close();
    }
    for (asio::steady_timer* wait : s.deferred_responses) wait->cancel();
}

std::size_t HttpServer::connection_count() const {
    return state_->open_connections;
}

}  // namespace ecsemu::net
