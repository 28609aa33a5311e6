#include "runtime_test_support.hpp"

#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

namespace ecsemu::test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

void RecordingObserver::on_container_running(const std::string& task_id, const std::string& container) {
    record(RuntimeEvent{RuntimeEvent::Kind::Running, task_id, container, 0, {}, {}, clock_.now()});
}

void RecordingObserver::on_container_exited(const std::string& task_id, const std::string& container,
                                            int exit_code, const std::string& reason) {
    record(RuntimeEvent{RuntimeEvent::Kind::Exited, task_id, container, exit_code, reason, {}, clock_.now()});
}

void RecordingObserver::on_container_health(const std::string& task_id, const std::string& container,
                                            core::ContainerHealth health) {
    record(RuntimeEvent{RuntimeEvent::Kind::Health, task_id, container, 0, {}, health, clock_.now()});
}

void RecordingObserver::record(RuntimeEvent event) {
    events_.push_back(event);
    if (on_event) on_event(event);
}

std::size_t RecordingObserver::count(RuntimeEvent::Kind kind) const {
    std::size_t n = 0;
    for (const auto& e : events_) n += e.kind == kind ? 1 : 0;
    return n;
}

std::optional<RuntimeEvent> RecordingObserver::first(RuntimeEvent::Kind kind,
                                                     const std::string& task_id) const {
    for (const auto& e : events_) {
        if (e.kind == kind && e.task_id == task_id) return e;
    }
    return std::nullopt;
}

std::vector<std::string> RecordingObserver::trace() const {
    std::vector<std::string> lines;
    for (const auto& e : events_) {
        std::string who = e.task_id + "/" + e.container;
        switch (e.kind) {
            case RuntimeEvent::Kind::Running:
                lines.push_back("running " + who);
                break;
            case RuntimeEvent::Kind::Exited:
                lines.push_back("exited " + who + " " + std::to_string(e.exit_code) +
                                (e.reason.empty() ? "" : " " + e.reason));
                break;
            case RuntimeEvent::Kind::Health:
                lines.push_back("health " + who + " " +
                                (e.health == core::ContainerHealth::Healthy     ? "HEALTHY"
                                 : e.health == core::ContainerHealth::Unhealthy ? "UNHEALTHY"
                                                                                : "UNKNOWN"));
                break;
        }
    }
    return lines;
}

bool run_until(asio::io_context& io, const std::function<bool()>& done, std::chrono::milliseconds bound) {
    auto deadline = std::chrono::steady_clock::now() + bound;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        if (io.stopped()) io.restart();
        io.run_one_for(std::chrono::milliseconds(10));
    }
    return true;
}

void run_for(asio::io_context& io, std::chrono::milliseconds slice) {
    io.restart();
    io.run_for(slice);
}

std::string test_ip(int n) {
    int second = 20 + static_cast<int>(::getpid() % 200);
    return "127." + std::to_string(second) + "." + std::to_string(n / 250) + "." +
           std::to_string(1 + n % 250);
}

namespace {

struct Exchange {
    explicit Exchange(asio::io_context& io) : socket(io) {}
    tcp::socket socket;
    std::string request;
    std::string buffer;
    std::shared_ptr<HttpExchange> result = std::make_shared<HttpExchange>();
};

void parse_into(HttpExchange& out) {
    auto head_end = out.raw.find("\r\n\r\n");
    if (out.raw.rfind("HTTP/1.1 ", 0) != 0 || head_end == std::string::npos) return;
    out.status = std::stoi(out.raw.substr(9, 3));
    out.body = out.raw.substr(head_end + 4);
}

}  // namespace

std::shared_ptr<HttpExchange> start_get(asio::io_context& io, const std::string& ip, int port,
                                        const std::string& target, const std::string& extra_headers) {
    auto exchange = std::make_shared<Exchange>(io);
    exchange->request =
        "GET " + target + " HTTP/1.1\r\nHost: " + ip + "\r\nConnection: close\r\n" + extra_headers + "\r\n";
    tcp::endpoint endpoint(asio::ip::make_address(ip), static_cast<unsigned short>(port));
    exchange->socket.async_connect(endpoint, [exchange](const boost::system::error_code& ec) {
        if (ec) {
            exchange->result->connect_failed = true;
            exchange->result->finished = true;
            return;
        }
        asio::async_write(exchange->socket, asio::buffer(exchange->request),
                          [exchange](const boost::system::error_code& write_ec, std::size_t) {
                              if (write_ec) {
                                  exchange->result->finished = true;
                                  return;
                              }
                              asio::async_read(exchange->socket, asio::dynamic_buffer(exchange->buffer),
                                               [exchange](const boost::system::error_code&, std::size_t) {
                                                   // Connection: close, so EOF ends the response.
                                                   exchange->result->raw = exchange->buffer;
                                                   parse_into(*exchange->result);
                                                   exchange->result->finished = true;
                                               });
                          });
    });
    return exchange->result;
}

HttpExchange get(asio::io_context& io, const std::string& ip, int port, const std::string& target,
                 const std::string& extra_headers) {
    auto exchange = start_get(io, ip, port, target, extra_headers);
    run_until(io, [&] { return exchange->finished; });
    return *exchange;
}

}  // namespace ecsemu::test
