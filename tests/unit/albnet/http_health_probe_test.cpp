#include <catch2/catch.hpp>

#include <optional>

#include <boost/asio/io_context.hpp>

#include "albnet_fixtures.hpp"
#include "net/alb/http_health_probe.hpp"

using namespace ecsemu;
using namespace ecsemu::net::alb;
using namespace ecsemu::net::alb::test;
using Outcome = core::alb::ProbeResult::Outcome;

namespace {

// Runs one probe on a private io_context and returns its result (and how often the callback ran).
std::pair<core::alb::ProbeResult, int> run_probe(core::alb::ProbeRequest request) {
    boost::asio::io_context io;
    HttpHealthProbe probe(io);
    core::alb::ProbeResult result;
    int calls = 0;
    probe.probe(request, [&](core::alb::ProbeResult r) {
        result = r;
        ++calls;
    });
    io.run();
    return {result, calls};
}

core::alb::ProbeRequest request_to(std::uint16_t port) {
    core::alb::ProbeRequest request;
    request.dial_host = "127.0.0.1";
    request.dial_port = port;
    request.path = "/health";
    request.host_header = "127.0.0.1:" + std::to_string(port);
    request.timeout = core::Duration::milliseconds(500);
    return request;
}

}  // namespace

TEST_CASE("a health probe reports the target's status", "[albnet]") {
    TestTarget target("t");
    auto [result, calls] = run_probe(request_to(target.port()));
    CHECK(calls == 1);
    CHECK(result.outcome == Outcome::Response);
    CHECK(result.status_code == 200);
    auto seen = target.seen();
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].target == "/health");
    CHECK(seen[0].headers["user-agent"] == "ELB-HealthChecker/2.0");
    CHECK(seen[0].headers["host"] == "127.0.0.1:" + std::to_string(target.port()));
    CHECK(seen[0].headers["connection"] == "close");
}

TEST_CASE("a health probe to a closed port fails to connect", "[albnet]") {
    auto [result, calls] = run_probe(request_to(closed_port()));
    CHECK(calls == 1);
    CHECK(result.outcome == Outcome::ConnectFailed);
}

TEST_CASE("a health probe to a silent target times out", "[albnet]") {
    TestTarget silent("s", true);
    auto [result, calls] = run_probe(request_to(silent.port()));
    CHECK(calls == 1);
    CHECK(result.outcome == Outcome::Timeout);
}

TEST_CASE("a health probe with an unusable address is an error", "[albnet]") {
    auto request = request_to(80);
    request.dial_host = "not-an-ip";
    auto [result, calls] = run_probe(request);
    CHECK(calls == 1);
    CHECK(result.outcome == Outcome::Error);
}
