#include "loopback.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <future>
#include <stdexcept>

#include <boost/asio/post.hpp>

namespace ecsemu::net::test {

RunningServer::RunningServer(HttpHandler handler, HttpServerLimits limits) {
    server_ = std::make_unique<HttpServer>(io_, "127.0.0.1", 0, std::move(handler), limits);
    if (auto ec = server_->start()) throw std::runtime_error("server start failed: " + ec.message());
    port_ = server_->local_port();
    thread_ = std::thread([this] { io_.run(); });
}

RunningServer::~RunningServer() {
    if (!joined_ && !stop_and_join(std::chrono::seconds(5))) {
        // The server left work behind after stop(): abandon it rather than hang the test binary.
        io_.stop();
        thread_.join();
    }
    server_.reset();
}

void RunningServer::run_on_io(const std::function<void()>& fn) {
    std::promise<void> done;
    boost::asio::post(io_, [&] {
        fn();
        done.set_value();
    });
    done.get_future().wait();
}

std::size_t RunningServer::connection_count() {
    std::size_t count = 0;
    run_on_io([&] { count = server_->connection_count(); });
    return count;
}

bool RunningServer::stop_and_join(std::chrono::milliseconds timeout) {
    if (joined_) return true;
    boost::asio::post(io_, [this] { server_->stop(); });
    auto finished = std::async(std::launch::async, [this] { thread_.join(); });
    if (finished.wait_for(timeout) != std::future_status::ready) {
        io_.stop();
        finished.wait();
        joined_ = true;
        return false;
    }
    joined_ = true;
    return true;
}

LoopbackClient::LoopbackClient(std::uint16_t port, std::chrono::milliseconds io_timeout) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return;
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(io_timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((io_timeout.count() % 1000) * 1000);
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

LoopbackClient::~LoopbackClient() {
    if (fd_ >= 0) ::close(fd_);
}

bool LoopbackClient::send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

void LoopbackClient::shutdown_send() {
    ::shutdown(fd_, SHUT_WR);
}

bool LoopbackClient::fill() {
    char chunk[16384];
    for (;;) {
        ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        pending_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }
}

std::optional<ParsedResponse> LoopbackClient::read_response(bool head_only) {
    std::size_t head_end;
    while ((head_end = pending_.find("\r\n\r\n")) == std::string::npos) {
        if (!fill()) return std::nullopt;
    }
    ParsedResponse response;
    std::string head = pending_.substr(0, head_end);
    pending_.erase(0, head_end + 4);

    std::size_t line_end = head.find("\r\n");
    std::string status_line = head.substr(0, line_end);
    if (status_line.rfind("HTTP/1.1 ", 0) != 0 || status_line.size() < 12) return std::nullopt;
    response.status = std::stoi(status_line.substr(9, 3));
    while (line_end != std::string::npos) {
        std::size_t start = line_end + 2;
        line_end = head.find("\r\n", start);
        std::string line =
            head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::size_t value_start = line.find_first_not_of(' ', colon + 1);
        response.headers[name] = value_start == std::string::npos ? "" : line.substr(value_start);
    }
    if (head_only || response.status == 100) return response;
    std::size_t length = 0;
    if (auto it = response.headers.find("content-length"); it != response.headers.end()) {
        length = std::stoul(it->second);
    }
    while (pending_.size() < length) {
        if (!fill()) return std::nullopt;
    }
    response.body = pending_.substr(0, length);
    pending_.erase(0, length);
    return response;
}

bool LoopbackClient::wait_closed() {
    char chunk[16384];
    for (;;) {
        ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n == 0) return true;
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno == ECONNRESET;  // EAGAIN means the receive timeout passed with the socket open
        }
    }
}

std::string simple_request(const std::string& method, const std::string& target, const std::string& body,
                           const std::string& extra_headers) {
    std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers;
    if (!body.empty() || method == "POST" || method == "PUT") {
        request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    request += "\r\n";
    request += body;
    return request;
}

}  // namespace ecsemu::net::test
