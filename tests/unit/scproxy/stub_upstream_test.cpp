// ECSEMU_STUB_UPSTREAM: its parsing, the JSON it adds, and a stub calling a second stub through the
// Service Connect proxy.
#include <catch2/catch.hpp>

#include <chrono>

#include <boost/asio/io_context.hpp>

#include "net/asio/asio_clock.hpp"
#include "net/service_connect/service_connect_proxy.hpp"
#include "net/stub/json_text.hpp"
#include "net/stub/stub_behaviour.hpp"
#include "net/stub/stub_task_runtime.hpp"
#include "net/stub/stub_upstream_url.hpp"
#include "scproxy_fixtures.hpp"
#include "unit/albnet/albnet_fixtures.hpp"
#include "unit/runtime/runtime_test_support.hpp"

using namespace std::chrono_literals;
using namespace ecsemu;
using ecsemu::net::StubUpstreamAnswer;
using ecsemu::test::RuntimeEvent;

namespace {

using Environment = std::vector<std::pair<std::string, std::string>>;

core::TaskLaunch stub_task(const std::string& id, const std::string& ip, Environment environment) {
    core::ContainerLaunch container;
    container.name = "app";
    container.image = "ecsemu/stub";
    container.container_ports = {8080};
    container.environment = std::move(environment);
    core::TaskLaunch launch;
    launch.task_id = id;
    launch.task_arn = "arn:aws:ecs:ap-southeast-1:000000000000:task/ielts/" + id;
    launch.family = id;
    launch.revision = 1;
    launch.private_ip = ip;
    launch.containers = {container};
    return launch;
}

struct StubWorld {
    explicit StubWorld(net::StubRuntimeOptions options)
        : clock(io, 1.0), observer(clock), runtime(io, clock, observer, std::move(options)) {}
    boost::asio::io_context io;
    net::AsioClock clock;
    ecsemu::test::RecordingObserver observer;
    net::StubTaskRuntime runtime;
};

}  // namespace

TEST_CASE("JSON texts are told from other bodies", "[stub][upstream]") {
    CHECK(
        net::is_json_text(R"({"status":"UP","components":{"db":{"status":"UP"}},"n":[1,-2.5e3,true,null]})"));
    CHECK(net::is_json_text(" [\"a\\u00e9\\n\"] "));
    CHECK(net::is_json_text("42"));
    CHECK_FALSE(net::is_json_text(""));
    CHECK_FALSE(net::is_json_text("OK"));
    CHECK_FALSE(net::is_json_text("{\"a\":1,}"));
    CHECK_FALSE(net::is_json_text("{\"a\" 1}"));
    CHECK_FALSE(net::is_json_text("[1] x"));
    CHECK_FALSE(net::is_json_text("01"));
    CHECK_FALSE(net::is_json_text(std::string(100, '[') + std::string(100, ']')));
}

TEST_CASE("ECSEMU_STUB_UPSTREAM URLs", "[stub][upstream]") {
    auto url = net::parse_stub_upstream_url("http://backend.ielts.local:8080/actuator/health?x=1");
    REQUIRE(url);
    CHECK(url->host == "backend.ielts.local");
    CHECK(url->port == 8080);
    CHECK(url->target == "/actuator/health?x=1");
    CHECK(url->host_header == "backend.ielts.local:8080");
    auto plain = net::parse_stub_upstream_url("http://10.0.1.5");
    REQUIRE(plain);
    CHECK(plain->port == 80);
    CHECK(plain->target == "/");
    CHECK(plain->host_header == "10.0.1.5");
    CHECK_FALSE(net::parse_stub_upstream_url("https://backend:8080/"));
    CHECK_FALSE(net::parse_stub_upstream_url("http://:8080/"));
    CHECK_FALSE(net::parse_stub_upstream_url("http://backend:0/"));
    CHECK_FALSE(net::parse_stub_upstream_url("http://backend:99999/"));
    CHECK_FALSE(net::parse_stub_upstream_url("http://back end/"));

    auto parsed = net::parse_stub_behaviour({{"ECSEMU_STUB_UPSTREAM", "ftp://x"}});
    REQUIRE(std::holds_alternative<std::string>(parsed));
    CHECK_THAT(std::get<std::string>(parsed), Catch::StartsWith("ECSEMU_STUB_UPSTREAM: expected"));
    auto good = net::parse_stub_behaviour({{"ECSEMU_STUB_UPSTREAM", "http://backend.ielts.local:8080/"}});
    REQUIRE(std::holds_alternative<net::StubBehaviour>(good));
    CHECK(std::get<net::StubBehaviour>(good).upstream->port == 8080);
}

TEST_CASE("the upstream member carries JSON bodies as JSON, others as strings", "[stub][upstream]") {
    CHECK(net::upstream_json(StubUpstreamAnswer{200, "{\"status\":\"UP\"}", ""}) ==
          "{\"status\":200,\"body\":{\"status\":\"UP\"}}");
    CHECK(net::upstream_json(StubUpstreamAnswer{404, "not \"here\"", ""}) ==
          "{\"status\":404,\"body\":\"not \\\"here\\\"\"}");
    CHECK(net::upstream_json(StubUpstreamAnswer{0, "", "cannot resolve x"}) ==
          "{\"status\":0,\"body\":\"\",\"error\":\"cannot resolve x\"}");
}

TEST_CASE("a stub calls another stub through the Service Connect proxy", "[stub][upstream][scproxy]") {
    const std::string backend_ip = ecsemu::test::test_ip(101);
    const std::string frontend_ip = ecsemu::test::test_ip(102);
    // The proxy listens where backend.ielts.local resolves (here 127.0.0.1, by the fixed table).
    net::service_connect::ServiceConnectProxy proxy;
    proxy.apply(net::service_connect::test::snapshot_of({net::service_connect::test::alias(
        "backend", {net::service_connect::test::endpoint_at("backend-task", 8080, backend_ip)})}));
    REQUIRE(proxy.listeners().size() == 1);
    const auto proxy_port = proxy.listeners()[0].port;

    net::StubRuntimeOptions options;
    options.upstream_hosts["backend.ielts.local"] = "127.0.0.1";
    StubWorld world(options);
    const std::string upstream_url =
        "http://backend.ielts.local:" + std::to_string(proxy_port) + "/actuator/health";
    world.runtime.start(stub_task("backend", backend_ip, {}));
    world.runtime.start(stub_task("frontend", frontend_ip, {{"ECSEMU_STUB_UPSTREAM", upstream_url}}));
    REQUIRE(ecsemu::test::run_until(world.io,
                                    [&] { return world.observer.count(RuntimeEvent::Kind::Running) == 2; }));

    auto answer = ecsemu::test::get(world.io, frontend_ip, 8080, "/api/tests");
    CHECK(answer.status == 200);
    CHECK_THAT(answer.body, Catch::Contains("\"family\":\"frontend\""));
    CHECK_THAT(answer.body,
               Catch::Contains("\"upstream\":{\"status\":200,\"body\":{\"taskArn\":"
                               "\"arn:aws:ecs:ap-southeast-1:000000000000:task/ielts/backend\""));
    CHECK_THAT(answer.body, Catch::Contains("\"path\":\"/actuator/health\""));
    CHECK_THAT(answer.body,
               Catch::Contains("\"host\":\"backend.ielts.local:" + std::to_string(proxy_port) + "\""));
    // Second call: the stub's connection to the proxy is reused.
    auto again = ecsemu::test::get(world.io, frontend_ip, 8080, "/api/tests");
    CHECK_THAT(again.body, Catch::Contains("\"upstream\":{\"status\":200"));
    CHECK(proxy.take_traffic()["backend"].new_connections == 1);
    CHECK(world.runtime.stats("backend")->requests == 2);

    // The backend gone: the proxy has no endpoint, the stub still answers with its own status.
    proxy.apply(net::service_connect::test::snapshot_of({net::service_connect::test::alias("backend", {})}));
    auto down = ecsemu::test::get(world.io, frontend_ip, 8080, "/api/tests");
    CHECK(down.status == 200);
    CHECK_THAT(down.body, Catch::Contains("\"upstream\":{\"status\":503,\"body\":\"no healthy upstream\"}"));

    world.runtime.stop("frontend");
    world.runtime.stop("backend");
    REQUIRE(ecsemu::test::run_until(world.io, [&] { return world.runtime.task_count() == 0; }));
}

TEST_CASE("an upstream that cannot be reached is reported with status 0", "[stub][upstream]") {
    const std::string ip = ecsemu::test::test_ip(103);
    const std::string closed = std::to_string(net::alb::test::closed_port());
    StubWorld world(net::StubRuntimeOptions{});
    world.runtime.start(
        stub_task("lonely", ip, {{"ECSEMU_STUB_UPSTREAM", "http://nowhere.ielts.local:" + closed + "/"}}));
    REQUIRE(ecsemu::test::run_until(world.io,
                                    [&] { return world.observer.count(RuntimeEvent::Kind::Running) == 1; }));
    auto unresolved = ecsemu::test::get(world.io, ip, 8080, "/");
    CHECK(unresolved.status == 200);
    CHECK_THAT(unresolved.body,
               Catch::Contains(
                   "\"upstream\":{\"status\":0,\"body\":\"\",\"error\":\"cannot resolve nowhere.ielts.local: "
                   "no DNS resolver configured\"}"));

    world.runtime.set_upstream_resolver(
        [](const std::string&, net::StubResolveDone done) { done("127.0.0.1", ""); });
    auto refused = ecsemu::test::get(world.io, ip, 8080, "/");
    CHECK_THAT(
        refused.body,
        Catch::Contains("\"upstream\":{\"status\":0,\"body\":\"\",\"error\":\"cannot connect to 127.0.0.1:" +
                        closed));
    world.runtime.stop("lonely");
    REQUIRE(ecsemu::test::run_until(world.io, [&] { return world.runtime.task_count() == 0; }));
}
