#include "net/alb/http_health_probe.hpp"

#include <chrono>
#include <memory>
#include <string>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

namespace ecsemu::net::alb {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;
using core::alb::ProbeResult;

namespace {

class ProbeOperation : public std::enable_shared_from_this<ProbeOperation> {
public:
    ProbeOperation(asio::io_context& io, std::function<void(ProbeResult)> done)
        : socket_(io), timer_(io), done_(std::move(done)) {}

    void start(const core::alb::ProbeRequest& request, const tcp::endpoint& endpoint) {
        request_ = "GET " + (request.path.empty() ? std::string("/") : request.path) +
                   " HTTP/1.1\r\nHost: " + request.host_header +
                   "\r\nUser-Agent: ELB-HealthChecker/2.0\r\nAccept-Encoding: gzip, compressed\r\n"
                   "Connection: close\r\n\r\n";
        parser_.header_limit(16 * 1024);
        auto self = shared_from_this();
        timer_.expires_after(std::chrono::milliseconds(std::max<std::int64_t>(request.timeout.ms, 1)));
        timer_.async_wait([self](const error_code& ec) {
            if (ec || self->finished_) return;
            self->timed_out_ = true;
            error_code ignored;
            self->socket_.close(ignored);
        });
        socket_.async_connect(endpoint, [self](const error_code& ec) { self->on_connect(ec); });
    }

private:
    void on_connect(const error_code& ec) {
        if (ec)
            return finish(timed_out_ ? ProbeResult::Outcome::Timeout : ProbeResult::Outcome::ConnectFailed);
        error_code ignored;
        socket_.set_option(tcp::no_delay(true), ignored);
        auto self = shared_from_this();
        asio::async_write(
            socket_, asio::buffer(request_), [self](const error_code& write_error, std::size_t) {
                if (write_error) return self->finish_failure();
                http::async_read_header(self->socket_, self->buffer_, self->parser_,
                                        [self](const error_code& read_error, std::size_t) {
                                            if (read_error) return self->finish_failure();
                                            self->finish(ProbeResult::Outcome::Response,
                                                         static_cast<int>(self->parser_.get().result_int()));
                                        });
            });
    }

    void finish_failure() {
        finish(timed_out_ ? ProbeResult::Outcome::Timeout : ProbeResult::Outcome::Error);
    }

    void finish(ProbeResult::Outcome outcome, int status = 0) {
        if (finished_) return;
        finished_ = true;
        timer_.cancel();
        error_code ignored;
        socket_.close(ignored);
        ProbeResult result;
        result.outcome = outcome;
        result.status_code = outcome == ProbeResult::Outcome::Response ? status : 0;
        auto done = std::move(done_);
        done(result);
    }

    tcp::socket socket_;
    asio::steady_timer timer_;
    std::function<void(ProbeResult)> done_;
    std::string request_;
    boost::beast::flat_buffer buffer_;
    http::response_parser<http::empty_body> parser_;
    bool timed_out_ = false;
    bool finished_ = false;
};

}  // namespace

void HttpHealthProbe::probe(const core::alb::ProbeRequest& request, std::function<void(ProbeResult)> done) {
    error_code ec;
    auto address = asio::ip::make_address(request.dial_host, ec);
    if (ec || request.dial_port == 0) {
        asio::post(io_, [done = std::move(done)] {
            ProbeResult result;
            result.outcome = ProbeResult::Outcome::Error;
            done(result);
        });
        return;
    }
    auto operation = std::make_shared<ProbeOperation>(io_, std::move(done));
    operation->start(request, tcp::endpoint(address, request.dial_port));
}

}  // namespace ecsemu::net::alb
