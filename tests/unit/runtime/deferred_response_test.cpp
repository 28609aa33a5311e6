// HttpServer's deferred handler, the hook stub latency is built on: an answer may come later, from a
// timer; a dropped or failed answer is a 500; stop() abandons waiting answers without leaking work.
#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "net/http/http_server.hpp"
#include "runtime_test_support.hpp"

using namespace std::chrono_literals;
using ecsemu::net::HttpRequest;
using ecsemu::net::HttpResponder;
using ecsemu::net::HttpResponse;
using ecsemu::net::HttpServer;
using ecsemu::test::get;
using ecsemu::test::run_until;
using ecsemu::test::start_get;
using ecsemu::test::test_ip;

namespace {

HttpResponse text(int status, std::string body) {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

bool runs_dry(boost::asio::io_context& io) {
    io.restart();
    io.run_for(3s);
    return io.stopped();
}

}  // namespace

TEST_CASE("a deferred handler answers later, once, in request order", "[net][http][deferred]") {
    boost::asio::io_context io;
    boost::asio::steady_timer later(io);
    HttpServer server(io, test_ip(20), 0, [&](HttpRequest& request, HttpResponder respond) {
        if (request.target == "/now") {
            respond(text(200, "now"));
            respond(text(500, "second answer is ignored"));
            return;
        }
        later.expires_after(20ms);
        later.async_wait([respond](const boost::system::error_code&) { respond(text(202, "later")); });
    });
    REQUIRE_FALSE(server.start());

    auto delayed = get(io, test_ip(20), server.local_port(), "/later");
    CHECK(delayed.status == 202);
    CHECK(delayed.body == "later");
    auto immediate = get(io, test_ip(20), server.local_port(), "/now");
    CHECK(immediate.status == 200);
    CHECK(immediate.body == "now");
}

TEST_CASE("a dropped responder or a throwing deferred handler is a 500", "[net][http][deferred]") {
    boost::asio::io_context io;
    HttpServer server(io, test_ip(21), 0, [&](HttpRequest& request, HttpResponder) {
        if (request.target == "/throw") throw std::runtime_error("boom");
    });
    REQUIRE_FALSE(server.start());
    CHECK(get(io, test_ip(21), server.local_port(), "/drop").status == 500);
    auto thrown = get(io, test_ip(21), server.local_port(), "/throw");
    CHECK(thrown.status == 500);
    CHECK_THAT(thrown.body, Catch::Contains("boom"));
}

TEST_CASE("stop abandons a waiting deferred answer and leaves no work behind", "[net][http][deferred]") {
    boost::asio::io_context io;
    std::optional<HttpResponder> parked;
    bool handler_called_after_stop = false;
    bool stopped = false;
    HttpServer server(io, test_ip(22), 0, [&](HttpRequest&, HttpResponder respond) {
        if (stopped) handler_called_after_stop = true;
        parked = respond;
    });
    REQUIRE_FALSE(server.start());
    auto exchange = start_get(io, test_ip(22), server.local_port(), "/wait");
    REQUIRE(run_until(io, [&] { return parked.has_value(); }));

    server.stop();
    stopped = true;
    REQUIRE(run_until(io, [&] { return exchange->finished; }));
    CHECK(exchange->status == 0);
    (*parked)(text(200, "too late"));  // the connection is gone: nothing happens
    parked.reset();
    CHECK(server.connection_count() == 0);
    CHECK_FALSE(handler_called_after_stop);
    CHECK(runs_dry(io));
}
