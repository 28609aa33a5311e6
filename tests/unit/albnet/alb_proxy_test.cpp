#include <catch2/catch.hpp>

#include <chrono>
#include <regex>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/post.hpp>

#include "albnet_fixtures.hpp"
#include "net/alb/alb_proxy.hpp"
#include "net/alb/alb_responses.hpp"

using namespace ecsemu;
using namespace ecsemu::net::alb;
using namespace ecsemu::net::alb::test;

namespace {

const std::string kListenerArn =
    "arn:aws:elasticloadbalancing:ap-southeast-1:000000000000:listener/app/web/0123456789abcdef/"
    "1111111111111111";
const std::string kOtherListenerArn =
    "arn:aws:elasticloadbalancing:ap-southeast-1:000000000000:listener/app/web/0123456789abcdef/"
    "2222222222222222";

// One listener on an ephemeral port whose default rule forwards to group 0.
core::alb::RoutingSnapshotPtr single_group_snapshot(core::alb::SnapshotTargetGroup target_group,
                                                    std::int64_t idle_timeout_seconds = 60,
                                                    std::uint16_t port = 0) {
    auto snapshot = std::make_shared<core::alb::RoutingSnapshot>();
    snapshot->groups.push_back(std::move(target_group));
    snapshot->listeners.push_back(listener(kListenerArn, port, {forward_rule(0, 0)}));
    snapshot->listeners.back().idle_timeout_seconds = idle_timeout_seconds;
    return snapshot;
}

}  // namespace

TEST_CASE("requests are routed by path to two target groups", "[albnet]") {
    TestTarget api("api"), web("web");
    auto snapshot = std::make_shared<core::alb::RoutingSnapshot>();
    snapshot->groups.push_back(group("api", {api.port()}));
    snapshot->groups.push_back(group("web", {web.port()}));
    snapshot->listeners.push_back(
        listener(kListenerArn, 0, {forward_rule(1, 0, {"/api/*"}), forward_rule(0, 1)}));
    AlbProxy proxy;
    proxy.apply(snapshot);
    auto port = bound_port(proxy, kListenerArn);
    REQUIRE(port != 0);

    auto to_api = fetch(port, "/api/orders?id=1");
    REQUIRE(to_api);
    CHECK(to_api->status == 200);
    CHECK(to_api->body == "api");
    auto to_web = fetch(port, "/index.html");
    REQUIRE(to_web);
    CHECK(to_web->body == "web");
    // path-pattern matches the whole path: /api itself is not /api/*.
    CHECK(fetch(port, "/api")->body == "web");
    REQUIRE(api.seen().size() == 1);
    CHECK(api.seen()[0].target == "/api/orders?id=1");
}

TEST_CASE("round robin alternates between two targets on one connection", "[albnet]") {
    TestTarget a("a"), b("b");
    AlbProxy proxy;
    proxy.apply(single_group_snapshot(group("pair", {a.port(), b.port()})));
    TestClient client(bound_port(proxy, kListenerArn));
    std::vector<std::string> order;
    for (int i = 0; i < 6; ++i) {
        REQUIRE(client.send(get_request("/")));
        auto response = client.read_response();
        REQUIRE(response);
        order.push_back(response->body);
    }
    for (std::size_t i = 1; i < order.size(); ++i) CHECK(order[i] != order[i - 1]);
    CHECK(a.seen().size() == 3);
    CHECK(b.seen().size() == 3);
}

TEST_CASE("forwarded requests carry ALB's headers and keep Host", "[albnet]") {
    TestTarget target("t");
    std::uint16_t api_port = closed_port();
    AlbProxy proxy;
    proxy.apply(single_group_snapshot(group("one", {target.port()}), 60, api_port));
    auto port = bound_port(proxy, kListenerArn);
    REQUIRE(port != 0);

    auto response = fetch(
        port, "/x", "shop.example.com",
        "X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\nConnection: keep-alive, X-Secret\r\n"
        "X-Secret: 1\r\nKeep-Alive: timeout=5\r\n");
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->headers["x-target"] == "t");
    auto seen = target.seen();
    REQUIRE(seen.size() == 1);
    auto& headers = seen[0].headers;
    CHECK(headers["host"] == "shop.example.com");
    CHECK(headers["x-forwarded-for"] == "203.0.113.7, 127.0.0.1");
    CHECK(headers["x-forwarded-proto"] == "http");
    CHECK(headers["x-forwarded-port"] == std::to_string(api_port));
    CHECK(std::regex_match(headers["x-amzn-trace-id"], std::regex("Root=1-[0-9a-f]{8}-[0-9a-f]{24}")));
    CHECK(headers.count("x-secret") == 0);
    CHECK(headers.count("keep-alive") == 0);

    // A trace id the client sent is kept, with the load balancer's Self in front.
    fetch(port, "/y", "shop.example.com", "X-Amzn-Trace-Id: Root=1-67891233-abcdef012345678912345678\r\n");
    seen = target.seen();
    REQUIRE(seen.size() == 2);
    CHECK(std::regex_match(
        seen[1].headers["x-amzn-trace-id"],
        std::regex("Self=1-[0-9a-f]{8}-[0-9a-f]{24};Root=1-67891233-abcdef012345678912345678")));
}

TEST_CASE("POST bodies, chunked ones included, reach the target", "[albnet]") {
    TestTarget target("t");
    AlbProxy proxy;
    proxy.apply(single_group_snapshot(group("one", {target.port()})));
    TestClient client(bound_port(proxy, kListenerArn));
    REQUIRE(client.send("POST /p HTTP/1.1\r\nHost: h.example.com\r\nContent-Length: 5\r\n\r\nhello"));
    REQUIRE(client.read_response()->status == 200);
    REQUIRE(
        client.send("POST /c HTTP/1.1\r\nHost: h.example.com\r\nTransfer-Encoding: "
                    "chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));
    REQUIRE(client.read_response()->status == 200);
    auto seen = target.seen();
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].body == "hello");
    CHECK(seen[1].body == "abcde");
    CHECK(seen[1].headers["content-length"] == "5");
    CHECK(seen[1].headers.count("transfer-encoding") == 0);
}

TEST_CASE("a group without registered targets answers ALB's 503 page", "[albnet]") {
    AlbProxy proxy;
    proxy.apply(single_group_snapshot(group("empty", {})));
    auto response = fetch(bound_port(proxy, kListenerArn), "/");
    REQUIRE(response);
    CHECK(response->status == 503);
    CHECK(response->headers["server"] == "awselb/2.0");
    CHECK(response->headers["content-type"] == "text/html");
    CHECK(response->body == alb_status_page(503));
    CHECK(response->body.size() == 162);

    auto traffic = proxy.take_traffic();
    auto& lb = traffic.by_load_balancer.begin()->second;
    CHECK(lb.requests == 1);
    CHECK(lb.elb_503 == 1);
    CHECK(lb.elb_5xx == 1);
    CHECK(proxy.take_traffic().by_load_balancer.begin()->second.requests == 0);
}

TEST_CASE("a refused or resetting target gives 502", "[albnet]") {
    AlbProxy proxy;
    SECTION("connection refused") {
        proxy.apply(single_group_snapshot(group("gone", {closed_port()})));
    }
    ResettingTarget resetting;
    SECTION("connection reset") {
        proxy.apply(single_group_snapshot(group("reset", {resetting.port()})));
    }
    TestClient client(bound_port(proxy, kListenerArn));
    REQUIRE(client.send(get_request("/")));
    auto response = client.read_response();
    REQUIRE(response);
    CHECK(response->status == 502);
    CHECK(response->body == alb_status_page(502));
    CHECK(response->body.size() == 122);
    // The client connection stays usable.
    REQUIRE(client.send(get_request("/")));
    CHECK(client.read_response()->status == 502);
}

TEST_CASE("a target that never answers gives 504 after the idle timeout", "[albnet]") {
    TestTarget silent("silent", true);
    AlbProxy proxy;
    proxy.apply(single_group_snapshot(group("slow", {silent.port()}), 1));
    auto started = std::chrono::steady_clock::now();
    auto response = fetch(bound_port(proxy, kListenerArn), "/");
    auto elapsed = std::chrono::steady_clock::now() - started;
    REQUIRE(response);
    CHECK(response->status == 504);
    CHECK(response->body == alb_status_page(504));
    CHECK(elapsed >= std::chrono::milliseconds(900));
    CHECK(elapsed < std::chrono::seconds(4));
    CHECK(proxy.take_traffic().by_load_balancer.begin()->second.elb_504 == 1);
}

TEST_CASE("target connections are kept alive and reused", "[albnet]") {
    TestTarget target("t");
    AlbProxy proxy(1);
    proxy.apply(single_group_snapshot(group("one", {target.port()})));
    auto port = bound_port(proxy, kListenerArn);
    for (int i = 0; i < 5; ++i) {
        auto response = fetch(port, "/");  // a new client connection each time
        REQUIRE(response);
        CHECK(response->status == 200);
    }
    CHECK(target.seen().size() == 5);
    CHECK(target.connection_count() == 1);

    auto traffic = proxy.take_traffic();
    auto& tg = traffic.by_target_group.begin()->second;
    CHECK(tg.requests == 5);
    CHECK(tg.target_2xx == 5);
    CHECK(tg.responses == 5);
}

TEST_CASE("a stale pooled connection is retried on a fresh one", "[albnet]") {
    auto target = std::make_unique<TestTarget>("first");
    AlbProxy proxy(1);
    auto snapshot = single_group_snapshot(group("one", {target->port()}));
    proxy.apply(snapshot);
    auto port = bound_port(proxy, kListenerArn);
    REQUIRE(fetch(port, "/")->body == "first");
    // The target goes away (closing the pooled connection) and comes back on the same port.
    std::uint16_t target_port = target->port();
    target.reset();
    boost::asio::io_context io;
    net::HttpServer again(io, "127.0.0.1", target_port, net::HttpHandler([](net::HttpRequest&) {
                              net::HttpResponse response;
                              response.body = "second";
                              return response;
                          }));
    REQUIRE(!again.start());
    std::thread runner([&] { io.run(); });
    auto response = fetch(port, "/");
    boost::asio::post(io, [&] { again.stop(); });
    runner.join();
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->body == "second");
}

TEST_CASE("fixed responses and redirects are answered by the load balancer", "[albnet]") {
    auto snapshot = std::make_shared<core::alb::RoutingSnapshot>();
    core::alb::SnapshotRule fixed;
    fixed.priority = 1;
    fixed.conditions.push_back(core::elbv2::RuleCondition{"path-pattern", {"/health"}, {}, {}, false});
    fixed.action.kind = core::alb::SnapshotAction::Kind::FixedResponse;
    fixed.action.fixed_response = core::elbv2::FixedResponse{"200", "text/plain", std::string("OK")};
    core::alb::SnapshotRule redirect;
    redirect.is_default = true;
    redirect.action.kind = core::alb::SnapshotAction::Kind::Redirect;
    redirect.action.redirect.protocol = "HTTPS";
    redirect.action.redirect.port = "443";
    redirect.action.redirect.status_code = "HTTP_301";
    snapshot->listeners.push_back(listener(kListenerArn, 0, {fixed, redirect}));
    AlbProxy proxy;
    proxy.apply(snapshot);
    auto port = bound_port(proxy, kListenerArn);

    auto ok = fetch(port, "/health");
    REQUIRE(ok);
    CHECK(ok->status == 200);
    CHECK(ok->body == "OK");
    CHECK(ok->headers["content-type"] == "text/plain");
    CHECK(ok->headers["server"] == "awselb/2.0");
    auto moved = fetch(port, "/a/b?q=1", "shop.example.com:8080");
    REQUIRE(moved);
    CHECK(moved->status == 301);
    CHECK(moved->headers["location"] == "https://shop.example.com:443/a/b?q=1");
}

TEST_CASE("a new snapshot opens and closes listeners", "[albnet]") {
    TestTarget target("t");
    AlbProxy proxy;
    auto first = single_group_snapshot(group("one", {target.port()}));
    proxy.apply(first);
    auto first_port = bound_port(proxy, kListenerArn);
    REQUIRE(fetch(first_port, "/")->status == 200);

    auto second = std::make_shared<core::alb::RoutingSnapshot>(*first);
    second->version = 2;
    second->listeners[0].listener_arn = kOtherListenerArn;
    proxy.apply(second);
    REQUIRE(proxy.listeners().size() == 1);
    auto second_port = bound_port(proxy, kOtherListenerArn);
    REQUIRE(second_port != 0);
    CHECK(bound_port(proxy, kListenerArn) == 0);
    CHECK(fetch(second_port, "/")->status == 200);
    TestClient refused(first_port);
    CHECK(!refused.connected());
    CHECK(proxy.listeners()[0].url == "http://127.0.0.1:" + std::to_string(second_port));
}

TEST_CASE("a port that is taken is mapped to another one", "[albnet]") {
    // Hold a loopback port the way another program would.
    int holder = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(holder, 4) == 0);
    socklen_t size = sizeof address;
    ::getsockname(holder, reinterpret_cast<sockaddr*>(&address), &size);
    std::uint16_t taken = ntohs(address.sin_port);

    TestTarget target("t");
    AlbProxy proxy;
    proxy.apply(single_group_snapshot(group("one", {target.port()}), 60, taken));
    auto listeners = proxy.listeners();
    REQUIRE(listeners.size() == 1);
    CHECK(listeners[0].requested_port == taken);
    CHECK(listeners[0].port != taken);
    if (taken + 8000 <= 65535 && listeners[0].port != taken + 8000) WARN("port + 8000 was taken too");
    auto response = fetch(listeners[0].port, "/");
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(target.seen()[0].headers["x-forwarded-port"] == std::to_string(taken));
    ::close(holder);
}

TEST_CASE("malformed requests get ALB's 400 page", "[albnet]") {
    TestTarget target("t");
    AlbProxy proxy;
    proxy.apply(single_group_snapshot(group("one", {target.port()})));
    TestClient client(bound_port(proxy, kListenerArn));
    REQUIRE(client.send("GARBAGE\r\n\r\n"));
    auto response = client.read_response();
    REQUIRE(response);
    CHECK(response->status == 400);
    CHECK(response->headers["server"] == "awselb/2.0");
    CHECK(client.closed_by_peer());
    CHECK(target.seen().empty());
}

TEST_CASE("stop closes client connections and is idempotent", "[albnet]") {
    TestTarget target("t");
    AlbProxy proxy;
    proxy.apply(single_group_snapshot(group("one", {target.port()})));
    TestClient client(bound_port(proxy, kListenerArn));
    REQUIRE(client.send(get_request("/")));
    REQUIRE(client.read_response());
    proxy.stop();
    CHECK(client.closed_by_peer());
    proxy.stop();
    CHECK(proxy.listeners().empty());
}
