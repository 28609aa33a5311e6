// The DNS codec on its own: well-formed queries parse exactly, hostile ones fail as values (never a crash,
// never an out-of-bounds read), and encoded responses decode back with compression and truncation rules.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "net/dns/dns_message.hpp"
#include "wire_fixtures.hpp"

using namespace ecsemu::net::dns;
using ecsemu::net::dns::test::build_query;
using ecsemu::net::dns::test::Bytes;
using ecsemu::net::dns::test::decode_response;
using ecsemu::net::dns::test::QuerySpec;

namespace {

QueryParse parse(const Bytes& bytes) {
    return parse_query(std::span<const std::uint8_t>(bytes.data(), bytes.size()));
}

Bytes header(std::uint16_t id, std::uint16_t flags, std::uint16_t qd, std::uint16_t an, std::uint16_t ns,
             std::uint16_t ar) {
    Bytes out;
    for (std::uint16_t v : {id, flags, qd, an, ns, ar}) test::append_u16(out, v);
    return out;
}

DnsName name(const std::string& text) {
    return *name_from_text(text);
}

}  // namespace

TEST_CASE("a well-formed query parses with the name as sent", "[dns][codec]") {
    QuerySpec spec;
    spec.id = 0xBEEF;
    spec.name = "Backend.IELTS.local";
    spec.type = rr_type::kSrv;
    auto result = parse(build_query(spec));
    REQUIRE(result.outcome == QueryParseOutcome::Ok);
    CHECK(result.query.id == 0xBEEF);
    CHECK(result.query.recursion_desired);
    CHECK(result.query.name.labels == std::vector<std::string>{"Backend", "IELTS", "local"});
    CHECK(result.query.name.lookup_key() == "backend.ielts.local");
    CHECK(result.query.type == rr_type::kSrv);
    CHECK(result.query.klass == rr_class::kIn);
    CHECK_FALSE(result.query.edns);
}

TEST_CASE("an EDNS0 OPT record is read, not rejected", "[dns][codec]") {
    QuerySpec spec;
    spec.edns_payload = 4096;
    auto result = parse(build_query(spec));
    REQUIRE(result.outcome == QueryParseOutcome::Ok);
    REQUIRE(result.query.edns);
    CHECK(result.query.edns->udp_payload_bytes == 4096);
    CHECK(result.query.edns->version == 0);
}

TEST_CASE("messages shorter than a header, and responses, are dropped", "[dns][codec]") {
    Bytes valid = build_query({});
    for (std::size_t size = 0; size < kHeaderBytes; ++size) {
        Bytes cut(valid.begin(), valid.begin() + static_cast<std::ptrdiff_t>(size));
        CHECK(parse(cut).outcome == QueryParseOutcome::Drop);
    }
    Bytes response = valid;
    response[2] |= 0x80;
    CHECK(parse(response).outcome == QueryParseOutcome::Drop);
}

TEST_CASE("every truncation of a valid query fails cleanly", "[dns][codec]") {
    QuerySpec spec;
    spec.edns_payload = 1232;
    Bytes valid = build_query(spec);
    for (std::size_t size = kHeaderBytes; size < valid.size(); ++size) {
        Bytes cut(valid.begin(), valid.begin() + static_cast<std::ptrdiff_t>(size));
        auto result = parse(cut);
        CHECK(result.outcome == QueryParseOutcome::Reply);
        CHECK(result.error_rcode == rcode::kFormErr);
    }
}

TEST_CASE("question counts other than one are FORMERR, other opcodes NOTIMP", "[dns][codec]") {
    for (std::uint16_t count : {0, 2, 0xFFFF}) {
        Bytes bytes = header(7, 0x0100, static_cast<std::uint16_t>(count), 0, 0, 0);
        test::append_name(bytes, "a.ielts.local");
        test::append_u16(bytes, 1);
        test::append_u16(bytes, 1);
        auto result = parse(bytes);
        CHECK(result.outcome == QueryParseOutcome::Reply);
        CHECK(result.error_rcode == rcode::kFormErr);
        CHECK(result.query.id == 7);
    }
    for (std::uint8_t opcode : {1, 2, 4, 5, 15}) {
        QuerySpec spec;
        spec.opcode = opcode;
        auto result = parse(build_query(spec));
        CHECK(result.outcome == QueryParseOutcome::Reply);
        CHECK(result.error_rcode == rcode::kNotImp);
        CHECK(result.query.opcode == opcode);
    }
    Bytes with_answer = header(1, 0, 1, 1, 0, 0);
    test::append_name(with_answer, "a.ielts.local");
    test::append_u16(with_answer, 1);
    test::append_u16(with_answer, 1);
    CHECK(parse(with_answer).error_rcode == rcode::kFormErr);
}

TEST_CASE("labels longer than 63 bytes and names longer than 255 are rejected", "[dns][codec]") {
    Bytes long_label = header(1, 0, 1, 0, 0, 0);
    long_label.push_back(64);  // 0x40: the reserved "extended label" type
    long_label.insert(long_label.end(), 64, 'a');
    long_label.push_back(0);
    test::append_u16(long_label, 1);
    test::append_u16(long_label, 1);
    CHECK(parse(long_label).error_rcode == rcode::kFormErr);

    QuerySpec max_label;
    max_label.name = std::string(63, 'a') + ".ielts.local";
    CHECK(parse(build_query(max_label)).outcome == QueryParseOutcome::Ok);

    QuerySpec long_name;
    for (int i = 0; i < 5; ++i) long_name.name += std::string(60, 'b') + ".";
    long_name.name += "local";
    auto result = parse(build_query(long_name));
    CHECK(result.outcome == QueryParseOutcome::Reply);
    CHECK(result.error_rcode == rcode::kFormErr);
}

TEST_CASE("compression pointers that loop or point forward are rejected", "[dns][codec]") {
    SECTION("a pointer to itself") {
        Bytes bytes = header(1, 0, 1, 0, 0, 0);
        bytes.push_back(0xC0);
        bytes.push_back(12);
        test::append_u16(bytes, 1);
        test::append_u16(bytes, 1);
        CHECK(parse(bytes).error_rcode == rcode::kFormErr);
    }
    SECTION("a pointer forward") {
        Bytes bytes = header(1, 0, 1, 0, 0, 0);
        bytes.push_back(0xC0);
        bytes.push_back(18);
        test::append_u16(bytes, 1);
        test::append_u16(bytes, 1);
        test::append_name(bytes, "x");
        CHECK(parse(bytes).error_rcode == rcode::kFormErr);
    }
    SECTION("two pointers pointing at each other in the additional section") {
        QuerySpec spec;
        Bytes bytes = build_query(spec);
        bytes[11] = 1;  // ARCOUNT
        std::size_t first = bytes.size();
        bytes.push_back(0xC0);
        bytes.push_back(static_cast<std::uint8_t>(first + 2));
        bytes.push_back(0xC0);
        bytes.push_back(static_cast<std::uint8_t>(first));
        CHECK(parse(bytes).error_rcode == rcode::kFormErr);
    }
    SECTION("a pointer past the end") {
        Bytes bytes = header(1, 0, 1, 0, 0, 0);
        bytes.push_back(0xC0);
        CHECK(parse(bytes).error_rcode == rcode::kFormErr);
    }
    SECTION("a valid backward pointer in an additional record is followed") {
        QuerySpec spec;
        Bytes bytes = build_query(spec);
        bytes[11] = 1;
        bytes.push_back(0xC0);
        bytes.push_back(12);  // owner: the question name
        test::append_u16(bytes, 1);
        test::append_u16(bytes, 1);
        test::append_u16(bytes, 0);
        test::append_u16(bytes, 60);
        test::append_u16(bytes, 4);
        bytes.insert(bytes.end(), {127, 0, 0, 1});
        CHECK(parse(bytes).outcome == QueryParseOutcome::Ok);
    }
}

TEST_CASE("malformed EDNS and trailing bytes are FORMERR", "[dns][codec]") {
    QuerySpec spec;
    spec.edns_payload = 1232;
    Bytes valid = build_query(spec);

    Bytes trailing = valid;
    trailing.push_back(0);
    CHECK(parse(trailing).error_rcode == rcode::kFormErr);

    Bytes two_opts = valid;
    two_opts[11] = 2;
    two_opts.insert(two_opts.end(), valid.end() - 11, valid.end());
    CHECK(parse(two_opts).error_rcode == rcode::kFormErr);

    Bytes bad_option = valid;
    bad_option[bad_option.size() - 1] = 3;  // rdlength 3: shorter than an option header
    bad_option.insert(bad_option.end(), {0, 10, 0});
    CHECK(parse(bad_option).error_rcode == rcode::kFormErr);

    Bytes named_opt = build_query({});
    named_opt[11] = 1;
    test::append_name(named_opt, "x");
    test::append_u16(named_opt, 41);
    for (int i = 0; i < 4; ++i) test::append_u16(named_opt, 0);
    CHECK(parse(named_opt).error_rcode == rcode::kFormErr);

    Bytes huge_arcount = build_query({});
    huge_arcount[10] = 0xFF;
    huge_arcount[11] = 0xFF;
    CHECK(parse(huge_arcount).error_rcode == rcode::kFormErr);
}

TEST_CASE("random and mutated messages never break the parser", "[dns][codec]") {
    std::mt19937 random(20240611);
    QuerySpec spec;
    spec.edns_payload = 1232;
    const Bytes valid = build_query(spec);
    for (int round = 0; round < 20000; ++round) {
        Bytes bytes;
        if (round % 2 == 0) {
            bytes.resize(random() % 80);
            for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
        } else {
            bytes = valid;
            int flips = 1 + static_cast<int>(random() % 4);
            for (int i = 0; i < flips; ++i)
                bytes[random() % bytes.size()] = static_cast<std::uint8_t>(random());
            if (random() % 3 == 0) bytes.resize(random() % bytes.size());
        }
        auto result = parse(bytes);
        if (result.outcome == QueryParseOutcome::Ok) {
            CHECK(result.query.name.wire_size() <= kMaxNameWireBytes);
        }
    }
}

TEST_CASE("responses encode with the question echoed and owner names compressed", "[dns][codec]") {
    DnsResponse response;
    response.id = 42;
    response.authoritative = true;
    response.recursion_desired = true;
    response.question_name = name("Backend.ielts.local");
    response.question_type = rr_type::kA;
    for (int i = 1; i <= 3; ++i) {
        response.answers.push_back(ResourceRecord{name("backend.ielts.local"), rr_type::kA, rr_class::kIn, 10,
                                                  *a_rdata("127.1.0." + std::to_string(i))});
    }
    auto bytes = encode_response(response, 512);
    auto decoded = decode_response(bytes);
    REQUIRE(decoded);
    CHECK(decoded->id == 42);
    CHECK(decoded->is_response());
    CHECK(decoded->authoritative());
    CHECK_FALSE(decoded->truncated());
    CHECK(decoded->recursion_desired());
    CHECK(decoded->question_name == "Backend.ielts.local");
    REQUIRE(decoded->answers.size() == 3);
    CHECK(decoded->answers[0].name == "Backend.ielts.local");  // a pointer to the question
    CHECK(test::ipv4_text(decoded->answers[2].rdata) == "127.1.0.3");
    // header 12 + question 25 + 3 x (pointer 2 + 10 + 4)
    CHECK(bytes.size() == 12 + 25 + 3 * 16);
}

TEST_CASE("records beyond the size limit are cut with TC, keeping the OPT record", "[dns][codec]") {
    DnsResponse response;
    response.question_name = name("many.ielts.local");
    response.question_type = rr_type::kA;
    response.edns_payload_bytes = 1232;
    for (int i = 0; i < 100; ++i) {
        response.answers.push_back(ResourceRecord{name("many.ielts.local"), rr_type::kA, rr_class::kIn, 10,
                                                  *a_rdata("127.1.1." + std::to_string(i))});
    }
    auto bytes = encode_response(response, 512);
    CHECK(bytes.size() <= 512);
    auto decoded = decode_response(bytes);
    REQUIRE(decoded);
    CHECK(decoded->truncated());
    CHECK(decoded->answers.size() > 10);
    CHECK(decoded->answers.size() < 100);
    REQUIRE(decoded->additional.size() == 1);
    CHECK(decoded->additional[0].type == rr_type::kOpt);

    auto whole = decode_response(encode_response(response, kMaxMessageBytes));
    REQUIRE(whole);
    CHECK_FALSE(whole->truncated());
    CHECK(whole->answers.size() == 100);
}

TEST_CASE("additional records that do not fit are dropped without TC", "[dns][codec]") {
    DnsResponse response;
    response.question_name = name("svc.ielts.local");
    response.question_type = rr_type::kSrv;
    response.answers.push_back(ResourceRecord{name("svc.ielts.local"), rr_type::kSrv, rr_class::kIn, 10,
                                              srv_rdata(1, 1, 80, name("t.ielts.local"))});
    for (int i = 0; i < 100; ++i) {
        response.additional.push_back(ResourceRecord{name("t" + std::to_string(i) + ".ielts.local"),
                                                     rr_type::kA, rr_class::kIn, 10, *a_rdata("127.1.2.3")});
    }
    auto decoded = decode_response(encode_response(response, 512));
    REQUIRE(decoded);
    CHECK_FALSE(decoded->truncated());
    CHECK(decoded->answers.size() == 1);
    CHECK(decoded->additional.size() < 100);
}

TEST_CASE("an extended rcode travels in the OPT record", "[dns][codec]") {
    DnsResponse response;
    response.question_name = name("x.ielts.local");
    response.rcode = rcode::kBadVers;
    response.edns_payload_bytes = 1232;
    auto decoded = decode_response(encode_response(response, 512));
    REQUIRE(decoded);
    CHECK(decoded->rcode() == 0);
    REQUIRE(decoded->additional.size() == 1);
    CHECK((decoded->additional[0].ttl >> 24) == 1);
}

TEST_CASE("dotted quads and names from text are validated", "[dns][codec]") {
    CHECK(a_rdata("127.1.0.5") == std::vector<std::uint8_t>{127, 1, 0, 5});
    CHECK(a_rdata("255.255.255.255"));
    for (const char* bad :
         {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "1.2.3.4 ", "a.b.c.d", "1234.1.1.1"}) {
        CHECK_FALSE(a_rdata(bad));
    }
    CHECK(name_from_text("ielts.local.")->labels.size() == 2);
    CHECK(name_from_text("")->labels.empty());
    CHECK_FALSE(name_from_text("a..b"));
    CHECK_FALSE(name_from_text(std::string(64, 'x') + ".local"));
    DnsName dotted;
    dotted.labels = {"a.b", "local"};
    CHECK_FALSE(dotted.lookup_key());
}
