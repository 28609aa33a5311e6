// DnsServer over real loopback sockets (127.0.0.1, ephemeral port), queried by c-ares (UDP and TCP) and by
// raw sockets for what c-ares would never send. Every wait is bounded by client timeouts.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "net/dns/ares_resolver.hpp"
#include "net/dns/dns_message.hpp"
#include "net/dns/dns_server.hpp"
#include "wire_fixtures.hpp"

using namespace std::chrono_literals;
using namespace ecsemu::net::dns;
using ecsemu::core::dns::DnsRecordSet;
using ecsemu::core::dns::DnsZoneSnapshot;
using ecsemu::core::dns::SrvRecord;
using ecsemu::net::dns::test::build_query;
using ecsemu::net::dns::test::Bytes;
using ecsemu::net::dns::test::decode_response;
using ecsemu::net::dns::test::QuerySpec;
using ecsemu::net::dns::test::TcpClient;
using ecsemu::net::dns::test::UdpClient;

namespace {

std::shared_ptr<const DnsZoneSnapshot> snapshot_with(std::uint64_t version,
                                                     const std::string& backend_address) {
    auto snapshot = std::make_shared<DnsZoneSnapshot>();
    snapshot->version = version;
    snapshot->zones = {"ielts.local"};
    DnsRecordSet backend;
    backend.a = {backend_address};
    backend.srv = {SrvRecord{1, 5, 8080, "task-1.backend.ielts.local"}};
    snapshot->records["backend.ielts.local"] = backend;
    DnsRecordSet task;
    task.a = {backend_address};
    snapshot->records["task-1.backend.ielts.local"] = task;
    DnsRecordSet many;
    for (int i = 0; i < 200; ++i)
        many.a.push_back("127.2." + std::to_string(i / 100) + "." + std::to_string(i % 100));
    snapshot->records["many.ielts.local"] = many;
    return snapshot;
}

class RunningDnsServer {
public:
    explicit RunningDnsServer(DnsServerLimits limits = {}) : server_(io_, "127.0.0.1", 0, limits) {
        server_.apply(snapshot_with(1, "127.1.0.5"));
        auto ec = server_.start();
        REQUIRE_FALSE(ec);
        port_ = server_.local_port();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~RunningDnsServer() {
        boost::asio::post(io_, [this] { server_.stop(); });
        thread_.join();
    }
    std::uint16_t port() const { return port_; }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
    DnsServer& server() { return server_; }
    std::size_t tcp_connections() {
        std::promise<std::size_t> count;
        boost::asio::post(io_, [&] { count.set_value(server_.tcp_connection_count()); });
        return count.get_future().get();
    }

private:
    boost::asio::io_context io_;
    DnsServer server_;
    std::thread thread_;
    std::uint16_t port_ = 0;
};

AresResolverOptions over(bool tcp) {
    AresResolverOptions options;
    options.use_tcp = tcp;
    options.timeout = 1000ms;
    options.tries = 1;
    return options;
}

}  // namespace

TEST_CASE("c-ares resolves A and SRV records over UDP and TCP", "[dns][server]") {
    RunningDnsServer dns;
    REQUIRE(dns.port() != 0);
    for (bool tcp : {false, true}) {
        INFO("tcp " << tcp);
        auto a = resolve_blocking({dns.address()}, "backend.ielts.local", LookupType::A, over(tcp));
        REQUIRE_FALSE(a.error);
        CHECK(a.addresses == std::vector<std::string>{"127.1.0.5"});

        auto srv = resolve_blocking({dns.address()}, "Backend.IELTS.local", LookupType::Srv, over(tcp));
        REQUIRE_FALSE(srv.error);
        REQUIRE(srv.services.size() == 1);
        CHECK(srv.services[0].port == 8080);
        CHECK(srv.services[0].weight == 5);
        CHECK(srv.services[0].target == "task-1.backend.ielts.local");
    }
}

TEST_CASE("a truncated UDP answer makes c-ares retry over TCP and get every record", "[dns][server]") {
    RunningDnsServer dns;
    auto result = resolve_blocking({dns.address()}, "many.ielts.local", LookupType::A, over(false));
    REQUIRE_FALSE(result.error);
    CHECK(result.addresses.size() == 200);

    AresResolverOptions edns = over(false);
    edns.edns = true;
    auto with_edns = resolve_blocking({dns.address()}, "many.ielts.local", LookupType::A, edns);
    REQUIRE_FALSE(with_edns.error);
    CHECK(with_edns.addresses.size() == 200);
}

TEST_CASE("NXDOMAIN, NODATA and REFUSED reach c-ares as distinct errors", "[dns][server]") {
    RunningDnsServer dns;
    for (bool tcp : {false, true}) {
        auto missing = resolve_blocking({dns.address()}, "frontend.ielts.local", LookupType::A, over(tcp));
        CHECK(is_name_not_found(missing.error));
        auto no_srv =
            resolve_blocking({dns.address()}, "task-1.backend.ielts.local", LookupType::Srv, over(tcp));
        CHECK(is_no_data(no_srv.error));
        auto outside = resolve_blocking({dns.address()}, "example.com", LookupType::A, over(tcp));
        CHECK(is_refused(outside.error));
        CHECK_FALSE(outside.error.message().empty());
    }
}

TEST_CASE("a new snapshot applied from another thread is answered from", "[dns][server]") {
    RunningDnsServer dns;
    std::thread control([&] { dns.server().apply(snapshot_with(2, "127.1.0.77")); });
    control.join();
    CHECK(dns.server().snapshot_version() == 2);
    auto result = resolve_blocking({dns.address()}, "backend.ielts.local", LookupType::A, over(false));
    REQUIRE_FALSE(result.error);
    CHECK(result.addresses == std::vector<std::string>{"127.1.0.77"});

    dns.server().apply(nullptr);
    auto cleared = resolve_blocking({dns.address()}, "backend.ielts.local", LookupType::A, over(false));
    CHECK(is_refused(cleared.error));
}

TEST_CASE("malformed UDP datagrams do not disturb the next query", "[dns][server]") {
    RunningDnsServer dns;
    UdpClient client(dns.port());
    CHECK(client.send(Bytes{0xde, 0xad}));  // no header: dropped
    CHECK(client.send(Bytes(70, 0xFF)));    // a "response" full of garbage: dropped
    Bytes two_questions = build_query({});
    two_questions[5] = 2;
    CHECK(client.send(two_questions));  // FORMERR
    Bytes loop{0x00, 0x07, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0xC0, 0x0C, 0, 1, 0, 1};
    CHECK(client.send(loop));  // FORMERR: pointer to itself
    Bytes oversized = build_query({});
    oversized.resize(60000, 0);
    CHECK(client.send(oversized));  // FORMERR: bytes after the last record
    QuerySpec valid;
    valid.id = 0x4242;
    CHECK(client.send(build_query(valid)));

    auto next = [&] {
        auto datagram = client.receive();
        REQUIRE(datagram);
        auto decoded = decode_response(*datagram);
        REQUIRE(decoded);
        return *decoded;
    };
    auto first = next();
    CHECK(first.id == 0x1234);
    CHECK(first.rcode() == rcode::kFormErr);
    auto second = next();
    CHECK(second.id == 7);
    CHECK(second.rcode() == rcode::kFormErr);
    CHECK(next().rcode() == rcode::kFormErr);
    auto decoded = next();
    CHECK(decoded.id == 0x4242);
    CHECK(decoded.rcode() == rcode::kNoError);
    REQUIRE(decoded.answers.size() == 1);
    CHECK(test::ipv4_text(decoded.answers[0].rdata) == "127.1.0.5");
}

TEST_CASE("raw TCP: pipelined queries are answered in order on one connection", "[dns][server]") {
    RunningDnsServer dns;
    TcpClient client(dns.port());
    REQUIRE(client.connected());
    QuerySpec a;
    a.id = 1;
    QuerySpec many;
    many.id = 2;
    many.name = "many.ielts.local";
    QuerySpec missing;
    missing.id = 3;
    missing.name = "nope.ielts.local";
    Bytes framed;
    for (const auto& spec : {a, many, missing}) {
        Bytes message = build_query(spec);
        test::append_u16(framed, static_cast<std::uint16_t>(message.size()));
        framed.insert(framed.end(), message.begin(), message.end());
    }
    REQUIRE(client.send_raw(framed));
    auto first = decode_response(*client.receive_framed());
    REQUIRE(first);
    CHECK(first->id == 1);
    CHECK(first->answers.size() == 1);
    auto second = decode_response(*client.receive_framed());
    REQUIRE(second);
    CHECK(second->id == 2);
    CHECK_FALSE(second->truncated());
    CHECK(second->answers.size() == 200);
    auto third = decode_response(*client.receive_framed());
    REQUIRE(third);
    CHECK(third->id == 3);
    CHECK(third->rcode() == rcode::kNxDomain);

    // A FORMERR keeps the connection; a message without a header ends it.
    Bytes two_questions = build_query({});
    two_questions[5] = 2;
    REQUIRE(client.send_framed(two_questions));
    auto formerr = decode_response(*client.receive_framed());
    REQUIRE(formerr);
    CHECK(formerr->rcode() == rcode::kFormErr);
    REQUIRE(client.send_framed(Bytes{1, 2, 3}));
    CHECK(client.wait_closed());
}

TEST_CASE("a zero-length TCP message closes the connection", "[dns][server]") {
    RunningDnsServer dns;
    TcpClient client(dns.port());
    REQUIRE(client.send_raw(Bytes{0, 0}));
    CHECK(client.wait_closed());
}

TEST_CASE("a slow TCP client does not stall other queries", "[dns][server]") {
    RunningDnsServer dns;  // default timeouts: a stall would last seconds
    TcpClient slow(dns.port());
    REQUIRE(slow.send_raw(Bytes{0, 40, 0x12}));  // announces 40 bytes, sends 1
    TcpClient silent(dns.port());
    REQUIRE(silent.connected());
    TcpClient not_reading(dns.port());
    QuerySpec many;
    many.name = "many.ielts.local";
    // Never reads the answers: ~6 MB of them fill the socket buffers and park the server's write.
    for (int i = 0; i < 2000; ++i) REQUIRE(not_reading.send_framed(build_query(many)));

    auto started = std::chrono::steady_clock::now();
    for (bool tcp : {false, true}) {
        auto result = resolve_blocking({dns.address()}, "backend.ielts.local", LookupType::A, over(tcp));
        CHECK_FALSE(result.error);
    }
    CHECK(std::chrono::steady_clock::now() - started < 2s);
}

TEST_CASE("idle and half-sent TCP connections are closed after their timeouts", "[dns][server]") {
    DnsServerLimits limits;
    limits.tcp_idle_timeout = 300ms;
    limits.tcp_read_timeout = 300ms;
    RunningDnsServer dns(limits);
    TcpClient slow(dns.port());
    REQUIRE(slow.send_raw(Bytes{0, 40, 0x12}));
    TcpClient silent(dns.port());
    REQUIRE(silent.connected());
    CHECK(slow.wait_closed());
    CHECK(silent.wait_closed());
    std::this_thread::sleep_for(50ms);
    CHECK(dns.tcp_connections() == 0);
}

TEST_CASE("TCP connections beyond the limit wait for a free slot", "[dns][server]") {
    DnsServerLimits limits;
    limits.max_tcp_connections = 1;
    limits.tcp_idle_timeout = 300ms;
    RunningDnsServer dns(limits);
    TcpClient first(dns.port());
    REQUIRE(first.send_framed(build_query({})));
    REQUIRE(first.receive_framed());
    // The second connection sits in the backlog until the first idles out, then it is served.
    TcpClient second(dns.port());
    REQUIRE(second.send_framed(build_query({})));
    auto answer = second.receive_framed();
    REQUIRE(answer);
    CHECK(first.wait_closed());
}

TEST_CASE("stop() closes everything and the io_context runs dry", "[dns][server]") {
    boost::asio::io_context io;
    DnsServer server(io, "127.0.0.1", 0);
    REQUIRE_FALSE(server.start());
    CHECK(server.start());  // already started
    auto port = server.local_port();
    std::thread runner([&] { io.run(); });
    TcpClient client(port);
    REQUIRE(client.connected());
    std::this_thread::sleep_for(50ms);
    boost::asio::post(io, [&] { server.stop(); });
    runner.join();
    CHECK(client.wait_closed());
}

TEST_CASE("a port already in use is reported by start()", "[dns][server]") {
    boost::asio::io_context io;
    DnsServer first(io, "127.0.0.1", 0);
    REQUIRE_FALSE(first.start());
    DnsServer second(io, "127.0.0.1", first.local_port());
    CHECK(second.start());
    CHECK(second.local_port() == 0);
    DnsServer unresolvable(io, "no-such-host.invalid", 0);
    CHECK(unresolvable.start());
}
