#include "albnet_fixtures.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <future>
#include <stdexcept>

#include <boost/asio/post.hpp>

#include "net/alb/alb_proxy.hpp"

namespace ecsemu::net::alb::test {

namespace {

std::string lowered(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

int listen_loopback(std::uint16_t& port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 16) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot listen on loopback");
    }
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    port = ntohs(address.sin_port);
    return fd;
}

}  // namespace

TestTarget::TestTarget(std::string name, bool silent) : name_(std::move(name)) {
    auto record = [this](HttpRequest& request) {
        SeenRequest seen{request.method, request.target, {}, request.body};
        for (const auto& [key, value] : request.headers) seen.headers[lowered(key)] = value;
        std::lock_guard lock(mutex_);
        seen_.push_back(std::move(seen));
    };
    if (silent) {
        server_ = std::make_unique<HttpServer>(
            io_, "127.0.0.1", 0,
            HttpDeferredHandler([this, record](HttpRequest& request, HttpResponder responder) {
                record(request);
                parked_.push_back(std::move(responder));
            }));
    } else {
        server_ = std::make_unique<HttpServer>(
            io_, "127.0.0.1", 0, HttpHandler([this, record](HttpRequest& request) {
                record(request);
                HttpResponse response;
                response.headers.emplace_back("X-Target", name_);
                response.headers.emplace_back("Content-Type", "text/plain");
                response.body = name_;
                return response;
            }));
    }
    if (auto ec = server_->start()) throw std::runtime_error("target start failed: " + ec.message());
    port_ = server_->local_port();
    thread_ = std::thread([this] { io_.run(); });
}

TestTarget::~TestTarget() {
    boost::asio::post(io_, [this] {
        parked_.clear();
        server_->stop();
    });
    auto joined = std::async(std::launch::async, [this] { thread_.join(); });
    if (joined.wait_for(std::chrono::seconds(5)) != std::future_status::ready) io_.stop();
    joined.wait();
}

std::vector<SeenRequest> TestTarget::seen() {
    std::lock_guard lock(mutex_);
    return seen_;
}

std::size_t TestTarget::connection_count() {
    std::promise<std::size_t> count;
    boost::asio::post(io_, [&] { count.set_value(server_->connection_count()); });
    return count.get_future().get();
}

ResettingTarget::ResettingTarget() {
    listen_fd_ = listen_loopback(port_);
    thread_ = std::thread([this] {
        for (;;) {
            int fd = ::accept(listen_fd_, nullptr, nullptr);
            if (fd < 0) return;
            char buffer[4096];
            ::recv(fd, buffer, sizeof buffer, 0);
            linger reset{1, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
            ::close(fd);
        }
    });
}

ResettingTarget::~ResettingTarget() {
    ::shutdown(listen_fd_, SHUT_RDWR);
    ::close(listen_fd_);
    thread_.join();
}

std::uint16_t closed_port() {
    std::uint16_t port = 0;
    ::close(listen_loopback(port));
    return port;
}

TestClient::TestClient(std::uint16_t port, std::chrono::milliseconds timeout) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

TestClient::~TestClient() {
    if (fd_ >= 0) ::close(fd_);
}

bool TestClient::send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

bool TestClient::fill() {
    char buffer[16384];
    auto n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    pending_.append(buffer, static_cast<std::size_t>(n));
    return true;
}

std::optional<ClientResponse> TestClient::read_response(bool head_only) {
    std::size_t head_end;
    while ((head_end = pending_.find("\r\n\r\n")) == std::string::npos) {
        if (!fill()) return std::nullopt;
    }
    ClientResponse response;
    std::string head = pending_.substr(0, head_end);
    pending_.erase(0, head_end + 4);
    response.status = std::stoi(head.substr(9, 3));
    std::size_t line = head.find("\r\n");
    while (line != std::string::npos) {
        std::size_t next = head.find("\r\n", line + 2);
        std::string field =
            head.substr(line + 2, next == std::string::npos ? std::string::npos : next - line - 2);
        auto colon = field.find(':');
        if (colon != std::string::npos) {
            std::string value = field.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
            auto& slot = response.headers[lowered(field.substr(0, colon))];
            slot = slot.empty() ? value : slot + "\n" + value;
        }
        line = next;
    }
    std::size_t length = 0;
    if (!head_only && response.headers.count("content-length"))
        length = std::stoul(response.headers["content-length"]);
    while (pending_.size() < length) {
        if (!fill()) return std::nullopt;
    }
    response.body = pending_.substr(0, length);
    pending_.erase(0, length);
    return response;
}

bool TestClient::closed_by_peer() {
    char buffer[256];
    for (;;) {
        auto n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n == 0) return true;
        if (n < 0) return errno == ECONNRESET;
    }
}

std::string get_request(const std::string& target, const std::string& host,
                        const std::string& extra_headers) {
    return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + extra_headers + "\r\n";
}

std::optional<ClientResponse> fetch(std::uint16_t port, const std::string& target, const std::string& host,
                                    const std::string& extra_headers) {
    TestClient client(port);
    if (!client.connected() || !client.send(get_request(target, host, extra_headers))) return std::nullopt;
    return client.read_response();
}

core::alb::SnapshotTarget loopback_target(std::uint16_t port) {
    core::alb::SnapshotTarget target;
    target.id = "127.0.0.1";
    target.port = port;
    target.dial_host = "127.0.0.1";
    target.dial_port = port;
    return target;
}

core::alb::SnapshotTargetGroup group(std::string name, std::vector<std::uint16_t> ports) {
    core::alb::SnapshotTargetGroup out;
    out.arn =
        "arn:aws:elasticloadbalancing:ap-southeast-1:000000000000:targetgroup/" + name + "/0123456789abcdef";
    out.name = std::move(name);
    for (auto port : ports) out.targets.push_back(loopback_target(port));
    out.registered = static_cast<int>(out.targets.size());
    return out;
}

core::alb::SnapshotRule forward_rule(int priority, std::size_t group_index,
                                     std::vector<std::string> path_patterns) {
    core::alb::SnapshotRule rule;
    rule.priority = priority;
    rule.is_default = path_patterns.empty();
    if (!path_patterns.empty()) {
        core::elbv2::RuleCondition condition;
        condition.field = "path-pattern";
        condition.values = std::move(path_patterns);
        rule.conditions.push_back(condition);
    }
    rule.action.kind = core::alb::SnapshotAction::Kind::Forward;
    rule.action.forward.groups.push_back({group_index, 1});
    return rule;
}

core::alb::SnapshotListener listener(std::string arn, std::uint16_t port,
                                     std::vector<core::alb::SnapshotRule> rules) {
    core::alb::SnapshotListener out;
    out.load_balancer_arn =
        "arn:aws:elasticloadbalancing:ap-southeast-1:000000000000:loadbalancer/app/web/0123456789abcdef";
    out.load_balancer_name = "web";
    out.listener_arn = std::move(arn);
    out.bind_host = "127.0.0.1";
    out.port = port;
    out.rules = std::move(rules);
    return out;
}

std::uint16_t bound_port(const AlbProxy& proxy, const std::string& listener_arn) {
    for (const auto& endpoint : proxy.listeners()) {
        if (endpoint.listener_arn == listener_arn) return endpoint.port;
    }
    return 0;
}

}  // namespace ecsemu::net::alb::test
