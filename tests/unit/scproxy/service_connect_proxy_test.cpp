// The Service Connect proxy on real loopback sockets: hand-built snapshots, endpoints on ephemeral ports.
#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <random>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "net/service_connect/outlier_detection.hpp"
#include "net/service_connect/service_connect_proxy.hpp"
#include "scproxy_fixtures.hpp"
#include "unit/albnet/albnet_fixtures.hpp"
#include "unit/runtime/runtime_test_support.hpp"

using namespace ecsemu;
using namespace ecsemu::net::service_connect;
using namespace ecsemu::net::service_connect::test;
using ecsemu::net::alb::test::closed_port;
using ecsemu::net::alb::test::fetch;
using ecsemu::net::alb::test::get_request;
using ecsemu::net::alb::test::ResettingTarget;
using ecsemu::net::alb::test::TestClient;

namespace {

std::uint16_t bound_port(const ServiceConnectProxy& proxy, const std::string& discovery_name) {
    for (const auto& listener : proxy.listeners()) {
        if (listener.discovery_name == discovery_name) return listener.port;
    }
    return 0;
}

// n requests on one keep-alive connection; the bodies in order ("" for a missing answer).
std::vector<std::string> bodies(std::uint16_t port, int n, const std::string& extra_headers = {}) {
    TestClient client(port);
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) {
        auto response = client.send(get_request("/", "backend.ielts.local:8080", extra_headers))
                            ? client.read_response()
                            : std::nullopt;
        out.push_back(response ? std::to_string(response->status) + " " + response->body : "");
    }
    return out;
}

}  // namespace

TEST_CASE("round robin alternates over the alias's endpoints", "[scproxy]") {
    ScEndpoint a("a"), b("b");
    ServiceConnectProxy proxy;
    proxy.apply(
        snapshot_of({alias("backend", {endpoint_at("t-a", a.port()), endpoint_at("t-b", b.port())})}));
    auto port = bound_port(proxy, "backend");
    REQUIRE(port != 0);
    auto seen = bodies(port, 6);
    CHECK(seen[0] != seen[1]);
    CHECK(seen[0] == seen[2]);
    CHECK(seen[1] == seen[3]);
    CHECK(a.requests() == 3);
    CHECK(b.requests() == 3);
    // Host is kept; Envoy's request id and protocol headers are added.
    auto headers = a.last_headers();
    CHECK(headers["host"] == "backend.ielts.local:8080");
    CHECK(headers["x-request-id"].size() == 36);
    CHECK(headers["x-forwarded-proto"] == "http");
    CHECK(headers["x-envoy-expected-rq-timeout-ms"] == "15000");

    auto traffic = proxy.take_traffic();
    CHECK(traffic["backend"].requests == 6);
    CHECK(traffic["backend"].target_2xx == 6);
    CHECK(traffic["backend"].new_connections == 1);
    CHECK(traffic["backend"].failed == 0);
    CHECK(proxy.take_traffic()["backend"].requests == 0);
}

TEST_CASE("a refused or resetting endpoint is retried on another: no failed calls", "[scproxy]") {
    ScEndpoint good("good");
    ResettingTarget resetting;
    ServiceConnectProxy proxy;
    proxy.apply(snapshot_of(
        {alias("backend", {endpoint_at("t-closed", closed_port()), endpoint_at("t-reset", resetting.port()),
                           endpoint_at("t-good", good.port())})}));
    auto port = bound_port(proxy, "backend");
    for (const auto& body : bodies(port, 12)) CHECK(body == "200 good");
    auto traffic = proxy.take_traffic()["backend"];
    CHECK(traffic.failed == 0);
    CHECK(traffic.retries > 0);
    CHECK(traffic.requests == 12);
}

TEST_CASE("a 503 answer is retried on another endpoint; other 5xx are passed on", "[scproxy]") {
    ScEndpoint busy("busy", 503), good("good");
    ServiceConnectProxy proxy;
    proxy.apply(snapshot_of(
        {alias("backend", {endpoint_at("t-busy", busy.port()), endpoint_at("t-good", good.port())})}));
    auto port = bound_port(proxy, "backend");
    for (const auto& body : bodies(port, 4)) CHECK(body == "200 good");
    CHECK(busy.requests() >= 1);

    // A lone endpoint answering 503: two retries, then its 503 reaches the client.
    ScEndpoint lone("lone", 503);
    proxy.apply(snapshot_of({alias("backend", {endpoint_at("t-lone", lone.port())})}));
    CHECK(bodies(port, 1)[0] == "503 lone");
    CHECK(lone.requests() == 3);
}

TEST_CASE("five 5xx in a row eject an endpoint; traffic moves to the healthy one", "[scproxy]") {
    ScEndpoint bad("bad", 500), good("good");
    ServiceConnectProxy proxy;
    proxy.apply(snapshot_of(
        {alias("backend", {endpoint_at("t-bad", bad.port()), endpoint_at("t-good", good.port())})}));
    auto port = bound_port(proxy, "backend");
    auto seen = bodies(port, 30);
    CHECK(bad.requests() == OutlierPolicy::kConsecutiveFailures);
    CHECK(good.requests() == 30 - static_cast<int>(OutlierPolicy::kConsecutiveFailures));
    CHECK(seen.back() == "200 good");
    auto traffic = proxy.take_traffic()["backend"];
    CHECK(traffic.ejections == 1);
    CHECK(traffic.target_5xx == OutlierPolicy::kConsecutiveFailures);

    // A republished snapshot with the same endpoints keeps the ejection.
    proxy.apply(snapshot_of(
        {alias("backend", {endpoint_at("t-bad", bad.port()), endpoint_at("t-good", good.port())})}));
    for (const auto& body : bodies(port, 4)) CHECK(body == "200 good");
}

TEST_CASE("at most half the endpoints are ejected; a lone failing endpoint still gets traffic", "[scproxy]") {
    ScEndpoint bad("bad", 500);
    ServiceConnectProxy proxy;
    proxy.apply(snapshot_of({alias("backend", {endpoint_at("t-bad", bad.port())})}));
    auto port = bound_port(proxy, "backend");
    for (const auto& body : bodies(port, 8)) CHECK(body == "500 bad");
    CHECK(proxy.take_traffic()["backend"].ejections == 1);
}

TEST_CASE("an endpoint leaving the snapshot drains: its request in flight completes", "[scproxy]") {
    ScEndpoint leaving("leaving"), staying("staying");
    ServiceConnectProxy proxy;
    proxy.apply(snapshot_of({alias("backend", {endpoint_at("t-leaving", leaving.port())})}));
    auto port = bound_port(proxy, "backend");
    auto slow = std::async(std::launch::async, [port] {
        return fetch(port, "/slow", "backend.ielts.local:8080", "x-delay-ms: 800\r\n");
    });
    for (int i = 0; i < 200 && leaving.requests() == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    REQUIRE(leaving.requests() == 1);

    proxy.apply(snapshot_of({alias("backend", {endpoint_at("t-staying", staying.port())})}));
    CHECK(bound_port(proxy, "backend") == port);  // same vip:port: the listener stays
    for (const auto& body : bodies(port, 3)) CHECK(body == "200 staying");
    auto finished = slow.get();
    REQUIRE(finished);
    CHECK(finished->status == 200);
    CHECK(finished->body == "leaving");
    CHECK(leaving.requests() == 1);
}

TEST_CASE("the per-request timeout answers 504 upstream request timeout", "[scproxy]") {
    ScEndpoint slow("slow");
    auto backend = alias("backend", {endpoint_at("t-slow", slow.port())});
    backend.per_request_timeout = core::Duration::milliseconds(300);
    ServiceConnectProxy proxy;
    proxy.apply(snapshot_of({backend}));
    auto started = std::chrono::steady_clock::now();
    auto response =
        fetch(bound_port(proxy, "backend"), "/", "backend.ielts.local:8080", "x-delay-ms: 1500\r\n");
    auto elapsed = std::chrono::steady_clock::now() - started;
    REQUIRE(response);
    CHECK(response->status == 504);
    CHECK(response->body == "upstream request timeout");
    CHECK(response->headers["server"] == "envoy");
    CHECK(elapsed < std::chrono::milliseconds(2000));
    CHECK(proxy.take_traffic()["backend"].failed == 1);
}

TEST_CASE("an alias without endpoints answers 503 no healthy upstream", "[scproxy]") {
    ServiceConnectProxy proxy;
    proxy.apply(snapshot_of({alias("backend", {})}));
    auto response = fetch(bound_port(proxy, "backend"), "/");
    REQUIRE(response);
    CHECK(response->status == 503);
    CHECK(response->body == "no healthy upstream");
    CHECK(response->headers["content-type"] == "text/plain");
    CHECK(response->headers["server"] == "envoy");
}

TEST_CASE("listeners follow the snapshot's aliases", "[scproxy]") {
    ScEndpoint a("a");
    ServiceConnectProxy proxy;
    // Listeners are told apart by vip:port as the alias gives them (both ask for an ephemeral port here).
    proxy.apply(
        snapshot_of({alias("backend", {endpoint_at("t-a", a.port())}), alias("other", {}, "127.0.0.2")}));
    REQUIRE(proxy.listeners().size() == 2);
    auto other_port = bound_port(proxy, "other");
    boost::asio::io_context io;
    CHECK(ecsemu::test::get(io, "127.0.0.2", other_port, "/").status == 503);
    proxy.apply(snapshot_of({alias("backend", {endpoint_at("t-a", a.port())})}));
    REQUIRE(proxy.listeners().size() == 1);
    CHECK(ecsemu::test::get(io, "127.0.0.2", other_port, "/").connect_failed);
    CHECK(fetch(bound_port(proxy, "backend"), "/")->body == "a");
    proxy.stop();
    proxy.stop();
    CHECK(proxy.listeners().empty());
}

TEST_CASE("an alias listens on its 127.255.0.N VIP", "[scproxy]") {
    ScEndpoint a("a");
    std::mt19937 random(std::random_device{}());
    const std::string vip = "127.255.0." + std::to_string(2 + random() % 250);
    ServiceConnectProxy proxy;
    proxy.apply(snapshot_of({alias("backend", {endpoint_at("t-a", a.port())}, vip, 0)}));
    auto listeners = proxy.listeners();
    if (listeners.empty()) {
        WARN("cannot bind " << vip << " on this host; skipped");
        return;
    }
    CHECK(listeners[0].vip == vip);
    CHECK(listeners[0].url == "http://" + vip + ":" + std::to_string(listeners[0].port));
    boost::asio::io_context io;
    auto answer = ecsemu::test::get(io, vip, listeners[0].port, "/");
    CHECK(answer.status == 200);
    CHECK(answer.body == "a");
}
