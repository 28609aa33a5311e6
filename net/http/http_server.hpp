#pragma once
// HTTP/1.1 server for the control plane: one listening socket, keep-alive connections answered strictly in
// order, a deadline on every socket operation and hard limits on what a client may send. Requests and
// responses are plain values; the handler knows nothing of sockets or of Beast.
//
// Threading: everything (accepting, parsing, the handler, stop()) runs on the io_context's thread, and the
// io_context must be run by one thread only. Callers on other threads reach stop() through asio::post.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace ecsemu::net {

struct HttpRequest {
    std::string method;  // "GET", "POST", ...
    std::string target;  // request-target as sent, e.g. "/" or "/_ecsemu/health?x=1"
    std::vector<std::pair<std::string, std::string>> headers;  // names as the client spelled them
    std::string body;
    std::string remote_address;  // peer IP, e.g. "127.0.0.1"

    // Case-insensitive header lookup; empty when absent.
    std::string_view header(std::string_view name) const;
};

struct HttpResponse {
    int status = 200;
    // Content-Length is always computed by the server; a handler-supplied one is ignored.
    // Server: ecsemu is added unless the handler sets its own Server header.
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

// Called once per request, on the io_context thread. May move out of the request. Exceptions it throws
// become a 500 response; they never reach the event loop.
using HttpHandler = std::function<HttpResponse(HttpRequest&)>;

// Completes a request whose handler answers later, for example after a timer. Call it on the io_context
// thread. Copies share one completion: the first call sends the response; later calls, and calls after
// the connection has closed or the server has stopped, do nothing. When the last copy is destroyed
// without having been called, the client gets a 500.
class HttpResponder {
public:
    struct Completion;  // defined in http_server.cpp
    explicit HttpResponder(std::shared_ptr<Completion> completion) : completion_(std::move(completion)) {}
    void operator()(HttpResponse response) const;

private:
    std::shared_ptr<Completion> completion_;
};

// A handler that answers through the responder, now or later. The connection waits for the answer before
// reading the next request, so responses stay in request order. Exceptions it throws before answering
// become a 500 response.
using HttpDeferredHandler = std::function<void(HttpRequest&, HttpResponder)>;

struct HttpServerLimits {
    std::size_t header_bytes = 64 * 1024;            // request line + headers; beyond -> 431, then close
    std::size_t body_bytes = 8 * 1024 * 1024;        // beyond -> 413, then close
    std::chrono::milliseconds idle_timeout{60'000};  // keep-alive wait for a request's first byte
    std::chrono::milliseconds header_read_timeout{10'000};  // first byte -> end of headers (slow clients)
    std::chrono::milliseconds body_read_timeout{30'000};    // end of headers -> end of body
    std::chrono::milliseconds write_timeout{30'000};        // whole response
    // After a 4xx rejection the server stops sending and discards input this long before closing, so the
    // client reads the response instead of a connection reset.
    std::chrono::milliseconds reject_linger{1'000};
    // Beyond this many open connections the server stops accepting until one closes (the kernel's listen
    // backlog holds the rest).
    std::size_t max_connections = 1024;
};

class HttpServer {
public:
    // host: an IP literal ("127.0.0.1", "0.0.0.0", "::1") or a resolvable name ("localhost").
    // port 0 asks the kernel for an ephemeral port; local_port() tells which one after start().
    HttpServer(boost::asio::io_context& io, std::string host, std::uint16_t port, HttpHandler handler,
               HttpServerLimits limits = {});
    HttpServer(boost::asio::io_context& io, std::string host, std::uint16_t port, HttpDeferredHandler handler,
               HttpServerLimits limits = {});
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds, listens and schedules the accept loop (which runs once the io_context runs).
    // Returns the error when the address cannot be resolved or bound; the server is then unusable.
    [[nodiscard]] std::error_code start();

    // The bound port; 0 before a successful start().
    std::uint16_t local_port() const;

    // Closes the listening socket and every open connection. In-flight responses, deferred ones included,
    // are abandoned, and no handler is called afterwards. Idempotent. Once every connection's coroutine has
    // ended the server holds no pending work.
    void stop();

    // Open connections right now (for tests and diagnostics).
    std::size_t connection_count() const;

    struct State;  // defined in http_server.cpp; shared with the connection coroutines

private:
    std::shared_ptr<State> state_;
    std::string host_;
    std::uint16_t port_;
};

}  // namespace ecsemu::net
