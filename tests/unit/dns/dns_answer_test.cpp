// The answer rules over a compiled snapshot, bytes in and bytes out, without sockets.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "net/dns/dns_answer.hpp"
#include "wire_fixtures.hpp"

using namespace ecsemu::net::dns;
using ecsemu::core::dns::DnsRecordSet;
using ecsemu::core::dns::DnsZoneSnapshot;
using ecsemu::core::dns::SrvRecord;
using ecsemu::net::dns::test::build_query;
using ecsemu::net::dns::test::Bytes;
using ecsemu::net::dns::test::decode_response;
using ecsemu::net::dns::test::DecodedResponse;
using ecsemu::net::dns::test::QuerySpec;

namespace {

DnsZoneSnapshot sample_snapshot() {
    DnsZoneSnapshot snapshot;
    snapshot.version = 7;
    snapshot.zones = {"ielts.local", "ap-southeast-1.elb.amazonaws.com"};
    DnsRecordSet backend;
    backend.a = {"127.1.0.5", "127.1.0.6"};
    backend.srv = {SrvRecord{1, 1, 8080, "task-1.backend.ielts.local"},
                   SrvRecord{1, 1, 8080, "task-2.backend.ielts.local"}};
    snapshot.records["backend.ielts.local"] = backend;
    DnsRecordSet task1;
    task1.a = {"127.1.0.5"};
    snapshot.records["task-1.backend.ielts.local"] = task1;
    DnsRecordSet task2;
    task2.a = {"127.1.0.6"};
    snapshot.records["task-2.backend.ielts.local"] = task2;
    DnsRecordSet deep;
    deep.a = {"127.1.0.9"};
    deep.ttl_seconds = 60;
    snapshot.records["a.b.ielts.local"] = deep;
    DnsRecordSet outside;  // outside every zone: never served
    outside.a = {"10.0.0.1"};
    snapshot.records["example.com"] = outside;
    DnsRecordSet many;
    for (int i = 0; i < 100; ++i) many.a.push_back("127.1.3." + std::to_string(i));
    snapshot.records["many.ielts.local"] = many;
    return snapshot;
}

DecodedResponse ask(const DnsZoneIndex* index, const QuerySpec& spec,
                    DnsTransport transport = DnsTransport::Udp, std::uint32_t rotation = 0) {
    Bytes query = build_query(spec);
    auto reply =
        answer_message(index, std::span<const std::uint8_t>(query.data(), query.size()), transport, rotation);
    REQUIRE(reply);
    if (transport == DnsTransport::Udp && !spec.edns_payload) CHECK(reply->size() <= 512);
    auto decoded = decode_response(*reply);
    REQUIRE(decoded);
    CHECK(decoded->id == spec.id);
    CHECK(decoded->is_response());
    return *decoded;
}

QuerySpec query(const std::string& name, std::uint16_t type = rr_type::kA) {
    QuerySpec spec;
    spec.name = name;
    spec.type = type;
    return spec;
}

}  // namespace

TEST_CASE("A records are answered authoritatively, case-insensitively, echoing the question",
          "[dns][answer]") {
    DnsZoneIndex index(sample_snapshot());
    auto response = ask(&index, query("BACKEND.Ielts.LOCAL"));
    CHECK(response.rcode() == rcode::kNoError);
    CHECK(response.authoritative());
    CHECK(response.recursion_desired());
    CHECK(response.question_name == "BACKEND.Ielts.LOCAL");
    REQUIRE(response.answers.size() == 2);
    CHECK(response.answers[0].type == rr_type::kA);
    CHECK(response.answers[0].ttl == 10);
    CHECK(test::ipv4_text(response.answers[0].rdata) == "127.1.0.5");
    CHECK(test::ipv4_text(response.answers[1].rdata) == "127.1.0.6");
    CHECK(response.authority.empty());

    auto rotated = ask(&index, query("backend.ielts.local"), DnsTransport::Udp, 1);
    REQUIRE(rotated.answers.size() == 2);
    CHECK(test::ipv4_text(rotated.answers[0].rdata) == "127.1.0.6");
}

TEST_CASE("SRV answers carry their targets' addresses as additional records", "[dns][answer]") {
    DnsZoneIndex index(sample_snapshot());
    auto response = ask(&index, query("backend.ielts.local", rr_type::kSrv));
    CHECK(response.rcode() == rcode::kNoError);
    REQUIRE(response.answers.size() == 2);
    const auto& first = response.answers[0];
    CHECK(first.type == rr_type::kSrv);
    REQUIRE(first.rdata.size() > 6);
    CHECK(((first.rdata[4] << 8) | first.rdata[5]) == 8080);
    auto target = test::decode_name_at(first.rdata, 6);
    CHECK(target == "task-1.backend.ielts.local");
    REQUIRE(response.additional.size() == 2);
    CHECK(response.additional[0].name == "task-1.backend.ielts.local");
    CHECK(test::ipv4_text(response.additional[0].rdata) == "127.1.0.5");
}

TEST_CASE("ANY returns every record type the name owns", "[dns][answer]") {
    DnsZoneIndex index(sample_snapshot());
    auto response = ask(&index, query("backend.ielts.local", rr_type::kAny));
    CHECK(response.rcode() == rcode::kNoError);
    CHECK(response.answers.size() == 4);
}

TEST_CASE("an existing name without the asked type is NOERROR with the SOA", "[dns][answer]") {
    DnsZoneIndex index(sample_snapshot());
    for (std::uint16_t type : {rr_type::kAaaa, rr_type::kNs, std::uint16_t{16}, std::uint16_t{65}}) {
        auto response = ask(&index, query("backend.ielts.local", type));
        CHECK(response.rcode() == rcode::kNoError);
        CHECK(response.authoritative());
        CHECK(response.answers.empty());
        REQUIRE(response.authority.size() == 1);
        CHECK(response.authority[0].type == rr_type::kSoa);
        CHECK(response.authority[0].name == "ielts.local");
    }
    // An empty non-terminal exists too (RFC 8020): b.ielts.local has only a child.
    auto between = ask(&index, query("b.ielts.local"));
    CHECK(between.rcode() == rcode::kNoError);
    CHECK(between.answers.empty());
    auto apex = ask(&index, query("ielts.local"));
    CHECK(apex.rcode() == rcode::kNoError);
    CHECK(apex.answers.empty());
}

TEST_CASE("a missing name inside a zone is NXDOMAIN with the SOA", "[dns][answer]") {
    DnsZoneIndex index(sample_snapshot());
    for (const char* name : {"frontend.ielts.local", "x.backend.ielts.local", "c.b.ielts.local"}) {
        auto response = ask(&index, query(name));
        CHECK(response.rcode() == rcode::kNxDomain);
        CHECK(response.authoritative());
        CHECK(response.answers.empty());
        REQUIRE(response.authority.size() == 1);
        CHECK(response.authority[0].type == rr_type::kSoa);
        CHECK(response.authority[0].ttl == kNegativeTtlSeconds);
    }
}

TEST_CASE("the SOA is answered at the apex", "[dns][answer]") {
    DnsZoneIndex index(sample_snapshot());
    auto response = ask(&index, query("IELTS.local", rr_type::kSoa));
    CHECK(response.rcode() == rcode::kNoError);
    REQUIRE(response.answers.size() == 1);
    CHECK(response.answers[0].type == rr_type::kSoa);
}

TEST_CASE("names outside every zone, other classes and zone transfers are REFUSED", "[dns][answer]") {
    DnsZoneIndex index(sample_snapshot());
    for (const char* name : {"example.com", "local", "ielts.local.evil", "notielts.local", ""}) {
        auto response = ask(&index, query(name));
        CHECK(response.rcode() == rcode::kRefused);
        CHECK_FALSE(response.authoritative());
        CHECK(response.answers.empty());
    }
    QuerySpec chaos = query("version.bind", 16);
    chaos.klass = 3;
    CHECK(ask(&index, chaos).rcode() == rcode::kRefused);
    QuerySpec chaos_in_zone = query("backend.ielts.local");
    chaos_in_zone.klass = 3;
    CHECK(ask(&index, chaos_in_zone).rcode() == rcode::kRefused);
    CHECK(ask(&index, query("ielts.local", rr_type::kAxfr)).rcode() == rcode::kRefused);
    CHECK(ask(nullptr, query("backend.ielts.local")).rcode() == rcode::kRefused);
}

TEST_CASE("the most specific zone's SOA is used", "[dns][answer]") {
    DnsZoneSnapshot snapshot;
    snapshot.zones = {"local", "ielts.local"};
    DnsZoneIndex index(snapshot);
    auto response = ask(&index, query("nothing.ielts.local"));
    CHECK(response.rcode() == rcode::kNxDomain);
    REQUIRE(response.authority.size() == 1);
    CHECK(response.authority[0].name == "ielts.local");
}

TEST_CASE("UDP answers are truncated at 512 bytes without EDNS and at the EDNS size with it",
          "[dns][answer]") {
    DnsZoneIndex index(sample_snapshot());
    auto classic = ask(&index, query("many.ielts.local"));
    CHECK(classic.truncated());
    CHECK(classic.answers.size() < 100);

    auto tcp = ask(&index, query("many.ielts.local"), DnsTransport::Tcp);
    CHECK_FALSE(tcp.truncated());
    CHECK(tcp.answers.size() == 100);

    QuerySpec edns = query("many.ielts.local");
    edns.edns_payload = 4096;
    Bytes bytes = build_query(edns);
    auto reply =
        answer_message(&index, std::span<const std::uint8_t>(bytes.data(), bytes.size()), DnsTransport::Udp);
    REQUIRE(reply);
    CHECK(reply->size() <= kServerUdpPayloadBytes);
    CHECK(reply->size() > 512);
    auto decoded = decode_response(*reply);
    REQUIRE(decoded);
    CHECK(decoded->truncated());
    REQUIRE_FALSE(decoded->additional.empty());
    CHECK(decoded->additional.back().type == rr_type::kOpt);
}

TEST_CASE("EDNS queries get an OPT record; unknown EDNS versions get BADVERS", "[dns][answer]") {
    DnsZoneIndex index(sample_snapshot());
    QuerySpec spec = query("backend.ielts.local");
    spec.edns_payload = 1232;
    auto response = ask(&index, spec);
    CHECK(response.rcode() == rcode::kNoError);
    CHECK(response.answers.size() == 2);
    REQUIRE(response.additional.size() == 1);
    CHECK(response.additional[0].type == rr_type::kOpt);
    CHECK(response.additional[0].klass == kServerUdpPayloadBytes);

    spec.edns_version = 1;
    auto badvers = ask(&index, spec);
    CHECK(badvers.answers.empty());
    REQUIRE(badvers.additional.size() == 1);
    CHECK((badvers.additional[0].ttl >> 24) == 1);  // extended rcode 16 = BADVERS
}

TEST_CASE("malformed queries get FORMERR or NOTIMP with the ID; headerless ones get nothing",
          "[dns][answer]") {
    DnsZoneIndex index(sample_snapshot());
    Bytes two_questions = build_query(query("backend.ielts.local"));
    two_questions[5] = 2;
    auto reply = answer_message(
        &index, std::span<const std::uint8_t>(two_questions.data(), two_questions.size()), DnsTransport::Udp);
    REQUIRE(reply);
    auto decoded = decode_response(*reply);
    REQUIRE(decoded);
    CHECK(decoded->id == 0x1234);
    CHECK(decoded->rcode() == rcode::kFormErr);
    CHECK(decoded->question_count == 0);

    QuerySpec update = query("backend.ielts.local");
    update.opcode = 5;
    CHECK(ask(&index, update).rcode() == rcode::kNotImp);
    CHECK(ask(&index, update).opcode() == 5);

    Bytes tiny{1, 2, 3};
    CHECK_FALSE(
        answer_message(&index, std::span<const std::uint8_t>(tiny.data(), tiny.size()), DnsTransport::Udp));
}

TEST_CASE("snapshot names are normalised when compiled", "[dns][answer]") {
    DnsZoneSnapshot snapshot;
    snapshot.zones = {"Ielts.Local."};
    DnsRecordSet set;
    set.a = {"127.1.0.5", "not-an-address"};
    snapshot.records["API.ielts.local."] = set;
    DnsRecordSet empty;
    snapshot.records["empty.ielts.local"] = empty;
    DnsZoneIndex index(snapshot);
    auto response = ask(&index, query("api.ielts.local"));
    REQUIRE(response.answers.size() == 1);
    CHECK(ask(&index, query("empty.ielts.local")).rcode() == rcode::kNxDomain);
}
