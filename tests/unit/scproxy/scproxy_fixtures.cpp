#include "scproxy_fixtures.hpp"

#include <cctype>
#include <chrono>
#include <future>
#include <stdexcept>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

namespace ecsemu::net::service_connect::test {

namespace sc = core::service_connect;

ScEndpoint::ScEndpoint(std::string name, int status) : name_(std::move(name)), status_(status) {
    server_ = std::make_unique<HttpServer>(
        io_, "127.0.0.1", 0, HttpDeferredHandler([this](HttpRequest& request, HttpResponder respond) {
            ++requests_;
            {
                std::lock_guard lock(mutex_);
                last_headers_.clear();
                for (const auto& [key, value] : request.headers) {
                    std::string lower = key;
                    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                    last_headers_[lower] = value;
                }
            }
            HttpResponse response;
            response.status = status_;
            response.headers.emplace_back("Content-Type", "text/plain");
            response.body = name_;
            auto delay = request.header("x-delay-ms");
            if (delay.empty()) {
                respond(std::move(response));
                return;
            }
            auto timer = std::make_shared<boost::asio::steady_timer>(
                io_, std::chrono::milliseconds(std::stoi(std::string(delay))));
            timer->async_wait(
                [timer, respond, response](const boost::system::error_code&) { respond(response); });
        }));
    if (auto ec = server_->start()) throw std::runtime_error("endpoint start failed: " + ec.message());
    port_ = server_->local_port();
    thread_ = std::thread([this] { io_.run(); });
}

ScEndpoint::~ScEndpoint() {
    boost::asio::post(io_, [this] { server_->stop(); });
    auto joined = std::async(std::launch::async, [this] { thread_.join(); });
    if (joined.wait_for(std::chrono::seconds(5)) != std::future_status::ready) io_.stop();
    joined.wait();
}

std::map<std::string, std::string> ScEndpoint::last_headers() {
    std::lock_guard lock(mutex_);
    return last_headers_;
}

sc::ScEndpoint endpoint_at(std::string task_id, std::uint16_t port, std::string host) {
    sc::ScEndpoint out;
    out.task_id = std::move(task_id);
    out.ip = host;
    out.dial_host = std::move(host);
    out.dial_port = port;
    out.availability_zone = "ap-southeast-1a";
    return out;
}

sc::ScAlias alias(std::string discovery_name, std::vector<sc::ScEndpoint> endpoints, std::string vip,
                  std::uint16_t port) {
    sc::ScAlias out;
    out.namespace_name = "ielts.local";
    out.dns_name = discovery_name + ".ielts.local";
    out.discovery_name = std::move(discovery_name);
    out.vip = std::move(vip);
    out.port = port;
    out.app_protocol = "http";
    out.endpoints = std::move(endpoints);
    out.cluster_name = "ielts";
    out.service_name = "backend-svc";
    return out;
}

sc::ServiceConnectSnapshotPtr snapshot_of(std::vector<sc::ScAlias> aliases) {
    auto snapshot = std::make_shared<sc::ServiceConnectSnapshot>();
    snapshot->version = 1;
    snapshot->aliases = std::move(aliases);
    return snapshot;
}

}  // namespace ecsemu::net::service_connect::test
