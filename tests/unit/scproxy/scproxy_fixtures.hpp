#pragma once
// Fixtures for the Service Connect proxy tests: HTTP endpoints on loopback ephemeral ports (each on its
// own thread) whose status can change and whose answers can be slowed per request, and snapshots built by
// hand.
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "emulator/core/service_connect/service_connect_snapshot.hpp"
#include "net/http/http_server.hpp"

namespace ecsemu::net::service_connect::test {

// Answers `status` with body "<name>"; a request carrying "x-delay-ms: N" is answered N real ms later.
class ScEndpoint {
public:
    explicit ScEndpoint(std::string name, int status = 200);
    ~ScEndpoint();
    ScEndpoint(const ScEndpoint&) = delete;
    ScEndpoint& operator=(const ScEndpoint&) = delete;

    std::uint16_t port() const { return port_; }
    void set_status(int status) { status_ = status; }
    int requests() const { return requests_; }
    // Headers of the last request, names lower-cased.
    std::map<std::string, std::string> last_headers();

private:
    std::string name_;
    boost::asio::io_context io_;
    std::unique_ptr<HttpServer> server_;
    std::thread thread_;
    std::uint16_t port_ = 0;
    std::atomic<int> status_;
    std::atomic<int> requests_{0};
    std::mutex mutex_;
    std::map<std::string, std::string> last_headers_;
};

core::service_connect::ScEndpoint endpoint_at(std::string task_id, std::uint16_t port,
                                              std::string host = "127.0.0.1");
core::service_connect::ScAlias alias(std::string discovery_name,
                                     std::vector<core::service_connect::ScEndpoint> endpoints,
                                     std::string vip = "127.0.0.1", std::uint16_t port = 0);
core::service_connect::ServiceConnectSnapshotPtr snapshot_of(
    std::vector<core::service_connect::ScAlias> aliases);

}  // namespace ecsemu::net::service_connect::test
