#pragma once
// Loopback fixtures for HttpServer tests: the server runs on its own io_context thread; the client is a
// blocking socket with receive/send timeouts, so a misbehaving server fails a test instead of hanging it.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "net/http/http_server.hpp"

namespace ecsemu::net::test {

class RunningServer {
public:
    explicit RunningServer(HttpHandler handler, HttpServerLimits limits = {});
    ~RunningServer();  // stops the server and requires the io_context to run dry promptly
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;

    std::uint16_t port() const { return port_; }
    // Runs fn on the io_context thread and waits for it.
    void run_on_io(const std::function<void()>& fn);
    std::size_t connection_count();
    // Stops the server and waits (at most timeout) for io_context::run to return; true when it did.
    bool stop_and_join(std::chrono::milliseconds timeout);

private:
    boost::asio::io_context io_;
    std::unique_ptr<HttpServer> server_;
    std::thread thread_;
    std::uint16_t port_ = 0;
    bool joined_ = false;
};

struct ParsedResponse {
    int status = 0;
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
};

class LoopbackClient {
public:
    explicit LoopbackClient(std::uint16_t port,
                            std::chrono::milliseconds io_timeout = std::chrono::seconds(5));
    ~LoopbackClient();
    LoopbackClient(const LoopbackClient&) = delete;
    LoopbackClient& operator=(const LoopbackClient&) = delete;

    bool connected() const { return fd_ >= 0; }
    // Sends all bytes; false when the peer has gone (EPIPE/ECONNRESET) or the send timed out.
    bool send(const std::string& bytes);
    // Reads one response framed by Content-Length (no body for HEAD when head_only). Empty on EOF/timeout.
    std::optional<ParsedResponse> read_response(bool head_only = false);
    // True when the server closed the connection (EOF or reset) within the receive timeout, discarding
    // anything still sent before the close.
    bool wait_closed();
    void shutdown_send();

private:
    bool fill();  // one recv into pending_; false on EOF, error or timeout

    int fd_ = -1;
    std::string pending_;
};

// "GET /path HTTP/1.1" with Host and, when body is given, Content-Length.
std::string simple_request(const std::string& method, const std::string& target, const std::string& body = {},
                           const std::string& extra_headers = {});

}  // namespace ecsemu::net::test
