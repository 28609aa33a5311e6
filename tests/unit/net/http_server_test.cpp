// HttpServer over real loopback sockets (127.0.0.1, ephemeral ports). Every wait is bounded by the client's
// socket timeouts or by RunningServer's join timeout.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "loopback.hpp"
#include "net/http/http_server.hpp"

using namespace std::chrono_literals;
using ecsemu::net::HttpRequest;
using ecsemu::net::HttpResponse;
using ecsemu::net::HttpServer;
using ecsemu::net::HttpServerLimits;
using ecsemu::net::test::LoopbackClient;
using ecsemu::net::test::RunningServer;
using ecsemu::net::test::simple_request;

namespace {

// Answers "<method> <target> <body>" so tests see exactly what the handler saw.
HttpResponse echo(HttpRequest& request) {
    HttpResponse response;
    response.headers.emplace_back("Content-Type", "text/plain");
    response.headers.emplace_back("X-Remote", request.remote_address);
    response.body = request.method + " " + request.target + " " + request.body;
    return response;
}

HttpServerLimits short_timeouts() {
    HttpServerLimits limits;
    limits.idle_timeout = 2s;
    limits.header_read_timeout = 300ms;
    limits.body_read_timeout = 300ms;
    limits.write_timeout = 1s;
    limits.reject_linger = 200ms;
    return limits;
}

}  // namespace

TEST_CASE("an ephemeral port is reported after start", "[net][http]") {
    RunningServer server(echo);
    CHECK(server.port() != 0);
}

TEST_CASE("keep-alive serves several requests in order on one connection", "[net][http]") {
    std::vector<std::string> seen;
    RunningServer server([&](HttpRequest& request) {
        seen.push_back(request.target);
        return echo(request);
    });
    LoopbackClient client(server.port());
    REQUIRE(client.connected());

    for (int i = 0; i < 5; ++i) {
        std::string target = "/r" + std::to_string(i);
        REQUIRE(client.send(simple_request("POST", target, "body" + std::to_string(i))));
        auto response = client.read_response();
        REQUIRE(response);
        CHECK(response->status == 200);
        CHECK(response->body == "POST " + target + " body" + std::to_string(i));
        CHECK(response->headers["server"] == "ecsemu");
        CHECK(response->headers["x-remote"] == "127.0.0.1");
        CHECK(response->headers.count("connection") == 0);
    }

    SECTION("pipelined requests are answered in order") {
        REQUIRE(client.send(simple_request("GET", "/a") + simple_request("GET", "/b")));
        auto first = client.read_response();
        auto second = client.read_response();
        REQUIRE(first);
        REQUIRE(second);
        CHECK(first->body == "GET /a ");
        CHECK(second->body == "GET /b ");
    }

    SECTION("Connection: close is honoured") {
        REQUIRE(client.send(simple_request("GET", "/last", {}, "Connection: close\r\n")));
        auto response = client.read_response();
        REQUIRE(response);
        CHECK(response->headers["connection"] == "close");
        CHECK(client.wait_closed());
    }
    REQUIRE(server.stop_and_join(2s));
    CHECK(seen.size() >= 5);
    CHECK(seen.front() == "/r0");
}

TEST_CASE("a request whose headers exceed the limit gets 431 and the connection closes", "[net][http]") {
    HttpServerLimits limits = short_timeouts();
    limits.header_bytes = 1024;
    RunningServer server(echo, limits);
    LoopbackClient client(server.port());
    REQUIRE(client.send(simple_request("GET", "/", {}, "X-Big: " + std::string(4096, 'a') + "\r\n")));
    auto response = client.read_response();
    REQUIRE(response);
    CHECK(response->status == 431);
    CHECK(response->headers["connection"] == "close");
    CHECK(response->body.find("\"__type\"") != std::string::npos);
    CHECK(client.wait_closed());
}

TEST_CASE("a body over the limit gets 413 and the connection closes", "[net][http]") {
    HttpServerLimits limits = short_timeouts();
    limits.body_bytes = 1024;
    RunningServer server(echo, limits);
    LoopbackClient client(server.port());

    SECTION("declared by Content-Length, rejected before the body is read") {
        REQUIRE(client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n"));
    }
    SECTION("declared and sent") {
        REQUIRE(client.send(simple_request("POST", "/", std::string(5000, 'b'))));
    }
    SECTION("chunked, discovered while reading") {
        std::string chunk(800, 'c');
        std::string request = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 3; ++i) request += "320\r\n" + chunk + "\r\n";
        request += "0\r\n\r\n";
        REQUIRE(client.send(request));
    }
    auto response = client.read_response();
    REQUIRE(response);
    CHECK(response->status == 413);
    CHECK(response->body ==
          R"({"__type":"RequestEntityTooLargeException","message":"Request body too large"})");
    CHECK(client.wait_closed());
}

TEST_CASE("a body within the limit arrives whole", "[net][http]") {
    HttpServerLimits limits = short_timeouts();
    limits.body_bytes = 256 * 1024;
    RunningServer server(
        [](HttpRequest& request) {
            HttpResponse response;
            response.body = std::to_string(request.body.size());
            return response;
        },
        limits);
    LoopbackClient client(server.port());
    REQUIRE(client.send(simple_request("POST", "/", std::string(200 * 1024, 'z'))));
    auto response = client.read_response();
    REQUIRE(response);
    CHECK(response->body == std::to_string(200 * 1024));
}

TEST_CASE("malformed requests get 400 with a JSON error and the connection closes", "[net][http]") {
    RunningServer server(echo, short_timeouts());
    LoopbackClient client(server.port());
    std::string bad = GENERATE(std::string("GARBAGE\r\n\r\n"), std::string("GET / HTTP/9.9\r\n\r\n"),
                               std::string("GET / HTTP/1.1\r\nBad Header\r\n\r\n"),
                               std::string("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n"));
    REQUIRE(client.send(bad));
    auto response = client.read_response();
    REQUIRE(response);
    CHECK(response->status == 400);
    CHECK(response->headers["content-type"] == "application/x-amz-json-1.1");
    CHECK(response->body.rfind(R"({"__type":"SerializationException","message":")", 0) == 0);
    CHECK(client.wait_closed());
}

TEST_CASE("Host and Transfer-Encoding rules the parser leaves to the server get 400", "[net][http]") {
    RunningServer server(echo, short_timeouts());
    LoopbackClient client(server.port());
    std::string bad =
        GENERATE(std::string("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n"),
                 std::string("POST / HTTP/1.1\r\nHost: a\r\nHost: b\r\nContent-Length: 0\r\n\r\n"),
                 std::string("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n"
                             "2\r\n{}\r\n0\r\n\r\n"),
                 std::string("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n{}"),
                 std::string("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n{}"),
                 std::string("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
    REQUIRE(client.send(bad));
    auto response = client.read_response();
    REQUIRE(response);
    CHECK(response->status == 400);
    CHECK(client.wait_closed());
}

TEST_CASE("a chunked body with a single chunked coding is accepted", "[net][http]") {
    RunningServer server(echo);
    LoopbackClient client(server.port());
    REQUIRE(
        client.send("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:  Chunked \r\n\r\n"
                    "2\r\n{}\r\n3\r\nabc\r\n0\r\n\r\n"));
    auto response = client.read_response();
    REQUIRE(response);
    CHECK(response->body == "POST /c {}abc");
}

TEST_CASE("header values reach the handler without surrounding whitespace", "[net][http]") {
    RunningServer server([](HttpRequest& request) {
        HttpResponse response;
        response.body = "[" + std::string(request.header("x-test")) + "]";
        return response;
    });
    LoopbackClient client(server.port());
    REQUIRE(client.send(simple_request("GET", "/", {}, "X-Test: \t value\t \r\n")));
    auto response = client.read_response();
    REQUIRE(response);
    CHECK(response->body == "[value]");
}

TEST_CASE("a slow client times out without delaying another client", "[net][http]") {
    RunningServer server(echo, short_timeouts());
    LoopbackClient slow(server.port(), 3s);
    REQUIRE(slow.send("GET / HTTP/1.1\r\nHo"));  // never finishes its headers

    LoopbackClient fast(server.port());
    auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 20; ++i) {
        REQUIRE(fast.send(simple_request("GET", "/fast")));
        auto response = fast.read_response();
        REQUIRE(response);
        CHECK(response->status == 200);
    }
    CHECK(std::chrono::steady_clock::now() - started < 250ms);

    auto waited_from = std::chrono::steady_clock::now();
    CHECK(slow.wait_closed());
    CHECK(std::chrono::steady_clock::now() - waited_from < 2s);
}

TEST_CASE("an idle keep-alive connection is closed after the idle timeout", "[net][http]") {
    HttpServerLimits limits = short_timeouts();
    limits.idle_timeout = 200ms;
    RunningServer server(echo, limits);
    LoopbackClient client(server.port(), 3s);
    REQUIRE(client.send(simple_request("GET", "/")));
    REQUIRE(client.read_response());
    auto started = std::chrono::steady_clock::now();
    CHECK(client.wait_closed());
    CHECK(std::chrono::steady_clock::now() - started < 2s);
}

TEST_CASE("peer resets and half-sent requests leave the server serving", "[net][http]") {
    RunningServer server(echo, short_timeouts());
    for (int i = 0; i < 10; ++i) {
        LoopbackClient quitter(server.port());
        quitter.send(i % 2 ? std::string("GET / HTTP/1.1\r\nHost") : simple_request("GET", "/"));
    }  // closed with unread data or mid-request
    LoopbackClient client(server.port());
    REQUIRE(client.send(simple_request("GET", "/still")));
    auto response = client.read_response();
    REQUIRE(response);
    CHECK(response->body == "GET /still ");
}

TEST_CASE("a handler exception becomes a 500 and the connection stays usable", "[net][http]") {
    RunningServer server([](HttpRequest& request) -> HttpResponse {
        if (request.target == "/throw") throw std::runtime_error("boom");
        return echo(request);
    });
    LoopbackClient client(server.port());
    REQUIRE(client.send(simple_request("GET", "/throw")));
    auto failed = client.read_response();
    REQUIRE(failed);
    CHECK(failed->status == 500);
    CHECK(failed->body == R"({"__type":"InternalFailure","message":"boom"})");
    REQUIRE(client.send(simple_request("GET", "/ok")));
    auto ok = client.read_response();
    REQUIRE(ok);
    CHECK(ok->status == 200);
}

TEST_CASE("HEAD gets Content-Length but no body", "[net][http]") {
    RunningServer server(echo);
    LoopbackClient client(server.port());
    REQUIRE(client.send(simple_request("HEAD", "/h") + simple_request("GET", "/g")));
    auto head = client.read_response(true);
    REQUIRE(head);
    CHECK(head->headers["content-length"] == std::to_string(std::string("HEAD /h ").size()));
    auto get = client.read_response();
    REQUIRE(get);
    CHECK(get->body == "GET /g ");
}

TEST_CASE("Expect: 100-continue gets an interim response before the body", "[net][http]") {
    RunningServer server(echo);
    LoopbackClient client(server.port());
    REQUIRE(client.send("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
    auto interim = client.read_response();
    REQUIRE(interim);
    CHECK(interim->status == 100);
    REQUIRE(client.send("data"));
    auto final_response = client.read_response();
    REQUIRE(final_response);
    CHECK(final_response->body == "POST /e data");
}

TEST_CASE("stop() closes open connections and the io_context runs dry", "[net][http]") {
    RunningServer server(echo, short_timeouts());
    LoopbackClient idle(server.port(), 3s);
    REQUIRE(idle.send(simple_request("GET", "/")));
    REQUIRE(idle.read_response());
    LoopbackClient midway(server.port(), 3s);
    REQUIRE(midway.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npartial"));
    std::this_thread::sleep_for(50ms);
    CHECK(server.connection_count() == 2);

    auto started = std::chrono::steady_clock::now();
    REQUIRE(server.stop_and_join(2s));
    CHECK(std::chrono::steady_clock::now() - started < 500ms);
    CHECK(idle.wait_closed());
    CHECK(midway.wait_closed());
    LoopbackClient late(server.port(), 1s);
    CHECK(!late.connected());
}

TEST_CASE("connections beyond max_connections wait until one closes", "[net][http]") {
    HttpServerLimits limits = short_timeouts();
    limits.max_connections = 1;
    RunningServer server(echo, limits);
    auto first = std::make_unique<LoopbackClient>(server.port());
    REQUIRE(first->send(simple_request("GET", "/1")));
    REQUIRE(first->read_response());

    LoopbackClient second(server.port(), 300ms);  // the kernel completes the handshake; nobody answers yet
    REQUIRE(second.connected());
    REQUIRE(second.send(simple_request("GET", "/2")));
    CHECK(!second.read_response());

    first.reset();
    std::optional<ecsemu::net::test::ParsedResponse> response;
    for (int attempt = 0; attempt < 10 && !response; ++attempt) response = second.read_response();
    REQUIRE(response);
    CHECK(response->body == "GET /2 ");
}

TEST_CASE("start() reports a port already in use", "[net][http]") {
    RunningServer first(echo);
    boost::asio::io_context io;
    HttpServer second(io, "127.0.0.1", first.port(), echo);
    auto ec = second.start();
    CHECK(ec);
    CHECK(second.local_port() == 0);
}

TEST_CASE("start() reports an address this host does not have", "[net][http]") {
    boost::asio::io_context io;
    HttpServer server(io, "192.0.2.1", 0, echo);  // TEST-NET-1, never local
    CHECK(server.start());
}

TEST_CASE("an HTTP/1.0 request without keep-alive gets its answer and a close", "[net][http]") {
    RunningServer server(echo);
    LoopbackClient client(server.port());
    REQUIRE(client.send("GET /old HTTP/1.0\r\n\r\n"));
    auto response = client.read_response();
    REQUIRE(response);
    CHECK(response->body == "GET /old ");
    CHECK(response->headers["connection"] == "close");
    CHECK(client.wait_closed());
}

TEST_CASE("a started server whose io_context never runs is torn down cleanly", "[net][http]") {
    boost::asio::io_context io;
    {
        HttpServer server(io, "127.0.0.1", 0, echo);
        REQUIRE(!server.start());
        LoopbackClient waiting(server.local_port());  // sits in the listen backlog
        CHECK(waiting.connected());
    }
    SUCCEED("destroying the server, then the io_context with the accept coroutine still queued, is safe");
}
