#include "net/stub/stub_upstream_client.hpp"

#include <list>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>

#include "net/alb/target_exchange.hpp"
#include "net/alb/target_pool.hpp"

namespace ecsemu::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct StubUpstreamClient::Shared {
    explicit Shared(asio::io_context& context) : io(context) {}
    asio::io_context& io;
    alb::TargetPool pool;
    std::list<alb::TargetExchange*> exchanges;  // calls in flight
    bool closed = false;
};

namespace {

std::string request_head(const StubUpstreamUrl& url) {
    return "GET " + url.target + " HTTP/1.1\r\nHost: " + url.host_header +
           "\r\nAccept: application/json, */*\r\nUser-Agent: ecsemu-stub\r\n\r\n";
}

asio::awaitable<void> call(std::shared_ptr<StubUpstreamClient::Shared> shared, tcp::endpoint endpoint,
                           std::string head, std::function<void(StubUpstreamAnswer)> done) {
    StubUpstreamAnswer answer;
    {
        alb::TargetExchange exchange(shared->io, shared->pool);
        auto registration = shared->exchanges.insert(shared->exchanges.end(), &exchange);
        auto outcome = co_await exchange.run(endpoint, head, {}, false, kStubUpstreamTimeout);
        shared->exchanges.erase(registration);
        if (shared->closed) co_return;
        const std::string where = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
        switch (outcome) {
            case alb::TargetExchange::Outcome::Response:
                answer.status = exchange.response().status;
                answer.body = exchange.response().body;
                break;
            case alb::TargetExchange::Outcome::Timeout:
                answer.error = "no answer from " + where + " within " +
                               std::to_string(kStubUpstreamTimeout.count()) + " s";
                break;
            case alb::TargetExchange::Outcome::BadGateway:
                answer.error = exchange.response_started()
                                   ? "connection to " + where + " broke mid-response"
                                   : "cannot connect to " + where + " (refused or reset)";
                break;
            case alb::TargetExchange::Outcome::Cancelled:
                co_return;
        }
    }
    done(std::move(answer));
}

}  // namespace

void resolve_upstream_host(const StubUpstreamNames& names, const std::string& host, StubResolveDone done) {
    boost::system::error_code ec;
    auto literal = asio::ip::make_address_v4(host, ec);
    if (!ec) return done(literal.to_string(), "");
    if (auto fixed = names.fixed.find(host); fixed != names.fixed.end()) return done(fixed->second, "");
    if (names.resolver) return names.resolver(host, std::move(done));
    done("", "cannot resolve " + host + ": no DNS resolver configured");
}

StubUpstreamClient::StubUpstreamClient(asio::io_context& io) : shared_(std::make_shared<Shared>(io)) {}

StubUpstreamClient::~StubUpstreamClient() {
    shared_->closed = true;
    for (auto* exchange : shared_->exchanges) exchange->cancel();
    shared_->pool.clear();
}

void StubUpstreamClient::get(const StubUpstreamUrl& url, const StubUpstreamNames& names,
                             std::function<void(StubUpstreamAnswer)> done) {
    auto shared = shared_;
    resolve_upstream_host(
        names, url.host,
        [shared, port = url.port, head = request_head(url), done = std::move(done), host = url.host](
            const std::string& ip, const std::string& error) mutable {
            if (shared->closed) return;
            boost::system::error_code ec;
            auto address = asio::ip::make_address(ip, ec);
            if (!error.empty() || ec) {
                done(StubUpstreamAnswer{0, "", error.empty() ? "cannot resolve " + host : error});
                return;
            }
            auto& io = shared->io;
            asio::co_spawn(
                io, call(std::move(shared), tcp::endpoint(address, port), std::move(head), std::move(done)),
                asio::detached);
        });
}

}  // namespace ecsemu::net
