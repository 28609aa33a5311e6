// AresResolver driven by the same io_context as the server it asks (one thread runs both), its error
// reporting, and abandoning lookups by destroying it.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "net/dns/ares_resolver.hpp"
#include "net/dns/dns_server.hpp"

using namespace std::chrono_literals;
using namespace ecsemu::net::dns;
using ecsemu::core::dns::DnsRecordSet;
using ecsemu::core::dns::DnsZoneSnapshot;
using ecsemu::core::dns::SrvRecord;

namespace {

std::shared_ptr<const DnsZoneSnapshot> small_snapshot() {
    auto snapshot = std::make_shared<DnsZoneSnapshot>();
    snapshot->version = 1;
    snapshot->zones = {"ielts.local"};
    DnsRecordSet backend;
    backend.a = {"127.1.0.5", "127.1.0.6"};
    backend.srv = {SrvRecord{1, 1, 8080, "backend.ielts.local"}};
    snapshot->records["backend.ielts.local"] = backend;
    return snapshot;
}

template <typename Predicate>
bool run_until(boost::asio::io_context& io, Predicate done, std::chrono::milliseconds limit = 5s) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < deadline) io.run_one_for(10ms);
    return done();
}

}  // namespace

TEST_CASE("lookups run on the caller's io_context alongside the server", "[dns][resolver]") {
    boost::asio::io_context io;
    DnsServer server(io, "127.0.0.1", 0);
    server.apply(small_snapshot());
    REQUIRE_FALSE(server.start());
    AresResolver resolver(io, {"127.0.0.1:" + std::to_string(server.local_port())});
    REQUIRE_FALSE(resolver.init_error());

    std::optional<std::vector<std::string>> addresses;
    std::optional<std::vector<SrvAnswer>> services;
    std::optional<std::error_code> missing;
    resolver.resolve_a("backend.ielts.local", [&](std::error_code ec, std::vector<std::string> result) {
        CHECK_FALSE(ec);
        addresses = std::move(result);
    });
    resolver.resolve_srv("backend.ielts.local", [&](std::error_code ec, std::vector<SrvAnswer> result) {
        CHECK_FALSE(ec);
        services = std::move(result);
    });
    resolver.resolve_a("gone.ielts.local",
                       [&](std::error_code ec, std::vector<std::string>) { missing = ec; });
    REQUIRE(run_until(io, [&] { return addresses && services && missing; }));
    CHECK(*addresses == std::vector<std::string>{"127.1.0.5", "127.1.0.6"});
    REQUIRE(services->size() == 1);
    CHECK((*services)[0].port == 8080);
    CHECK(is_name_not_found(*missing));

    // A callback may start the next lookup.
    int chained = 0;
    resolver.resolve_a("backend.ielts.local", [&](std::error_code, std::vector<std::string>) {
        ++chained;
        resolver.resolve_a("backend.ielts.local", [&](std::error_code ec, std::vector<std::string>) {
            CHECK_FALSE(ec);
            ++chained;
        });
    });
    REQUIRE(run_until(io, [&] { return chained == 2; }));
}

TEST_CASE("an unanswered lookup times out", "[dns][resolver]") {
    boost::asio::io_context io;
    // Bound but never read: queries vanish.
    boost::asio::ip::udp::socket sink(
        io, boost::asio::ip::udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    AresResolverOptions options;
    options.timeout = 100ms;
    options.tries = 2;
    AresResolver resolver(io, {"127.0.0.1:" + std::to_string(sink.local_endpoint().port())}, options);
    std::optional<std::error_code> outcome;
    auto started = std::chrono::steady_clock::now();
    resolver.resolve_a("backend.ielts.local",
                       [&](std::error_code ec, std::vector<std::string>) { outcome = ec; });
    REQUIRE(run_until(io, [&] { return outcome.has_value(); }));
    CHECK(is_timeout(*outcome));
    CHECK(std::chrono::steady_clock::now() - started < 3s);
}

TEST_CASE("destroying the resolver abandons pending lookups silently", "[dns][resolver]") {
    boost::asio::io_context io;
    boost::asio::ip::udp::socket sink(
        io, boost::asio::ip::udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    bool called = false;
    {
        AresResolver resolver(io, {"127.0.0.1:" + std::to_string(sink.local_endpoint().port())});
        resolver.resolve_a("backend.ielts.local",
                           [&](std::error_code, std::vector<std::string>) { called = true; });
        io.poll();  // the query is sent and its socket watched
    }
    io.restart();
    io.run_for(200ms);
    CHECK_FALSE(called);
    CHECK(io.stopped());  // nothing of the resolver keeps the io_context busy
}

TEST_CASE("a bad name server list is reported up front and to every lookup", "[dns][resolver]") {
    boost::asio::io_context io;
    AresResolver resolver(io, {"not an address"});
    CHECK(resolver.init_error());
    std::optional<std::error_code> outcome;
    resolver.resolve_srv("backend.ielts.local",
                         [&](std::error_code ec, std::vector<SrvAnswer>) { outcome = ec; });
    REQUIRE(run_until(io, [&] { return outcome.has_value(); }));
    CHECK(*outcome == resolver.init_error());

    AresResolver empty(io, {});
    CHECK(empty.init_error());
    auto blocking = resolve_blocking({}, "backend.ielts.local", LookupType::A);
    CHECK(blocking.error);
}
