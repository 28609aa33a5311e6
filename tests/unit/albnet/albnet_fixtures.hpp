#pragma once
// Fixtures for the ALB data plane tests: HTTP targets on loopback ephemeral ports (each on its own thread),
// a raw target that resets connections, a blocking client with timeouts, and routing snapshots built by
// hand.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "emulator/core/alb/routing_snapshot.hpp"
#include "net/http/http_server.hpp"

namespace ecsemu::net::alb {
class AlbProxy;
}

namespace ecsemu::net::alb::test {

struct SeenRequest {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
};

// An HTTP target answering 200 "<name>" with X-Target: <name>; or, when silent, never answering.
class TestTarget {
public:
    explicit TestTarget(std::string name, bool silent = false);
    ~TestTarget();
    TestTarget(const TestTarget&) = delete;
    TestTarget& operator=(const TestTarget&) = delete;

    std::uint16_t port() const { return port_; }
    std::vector<SeenRequest> seen();
    std::size_t connection_count();

private:
    std::string name_;
    boost::asio::io_context io_;
    std::unique_ptr<HttpServer> server_;
    std::thread thread_;
    std::uint16_t port_ = 0;
    std::mutex mutex_;
    std::vector<SeenRequest> seen_;
    std::vector<HttpResponder> parked_;  // silent mode: answers never sent
};

// Accepts, reads a little, then resets the connection (SO_LINGER 0).
class ResettingTarget {
public:
    ResettingTarget();
    ~ResettingTarget();
    std::uint16_t port() const { return port_; }

private:
    int listen_fd_ = -1;
    std::uint16_t port_ = 0;
    std::thread thread_;
};

// A loopback port nothing listens on.
std::uint16_t closed_port();

struct ClientResponse {
    int status = 0;
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
};

class TestClient {
public:
    explicit TestClient(std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(5));
    ~TestClient();
    bool connected() const { return fd_ >= 0; }
    bool send(const std::string& bytes);
    std::optional<ClientResponse> read_response(bool head_only = false);
    // True when the server closed the connection within the timeout.
    bool closed_by_peer();

private:
    bool fill();
    int fd_ = -1;
    std::string pending_;
};

// One request on a fresh connection.
std::optional<ClientResponse> fetch(std::uint16_t port, const std::string& target,
                                    const std::string& host = "app.example.com",
                                    const std::string& extra_headers = {});
std::string get_request(const std::string& target, const std::string& host = "app.example.com",
                        const std::string& extra_headers = {});

// Snapshot building.
core::alb::SnapshotTarget loopback_target(std::uint16_t port);
core::alb::SnapshotTargetGroup group(std::string name, std::vector<std::uint16_t> ports);
core::alb::SnapshotRule forward_rule(int priority, std::size_t group_index,
                                     std::vector<std::string> path_patterns = {});
core::alb::SnapshotListener listener(std::string arn, std::uint16_t port,
                                     std::vector<core::alb::SnapshotRule> rules);
std::uint16_t bound_port(const AlbProxy& proxy, const std::string& listener_arn);

}  // namespace ecsemu::net::alb::test
