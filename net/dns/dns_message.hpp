#pragma once
// DNS wire format (RFC 1035 §4, EDNS0 per RFC 6891) for the server side: parse one query, encode one
// response. Parsing never trusts a length or a pointer it has not bounds-checked, and reports failures as
// values: the caller decides between a FORMERR/NOTIMP answer and silence.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ecsemu::net::dns {

namespace rr_type {
inline constexpr std::uint16_t kA = 1;
inline constexpr std::uint16_t kNs = 2;
inline constexpr std::uint16_t kSoa = 6;
inline constexpr std::uint16_t kAaaa = 28;
inline constexpr std::uint16_t kSrv = 33;
inline constexpr std::uint16_t kOpt = 41;
inline constexpr std::uint16_t kIxfr = 251;
inline constexpr std::uint16_t kAxfr = 252;
inline constexpr std::uint16_t kMailB = 253;
inline constexpr std::uint16_t kMailA = 254;
inline constexpr std::uint16_t kAny = 255;
}  // namespace rr_type

namespace rr_class {
inline constexpr std::uint16_t kIn = 1;
inline constexpr std::uint16_t kAny = 255;
}  // namespace rr_class

namespace rcode {
inline constexpr std::uint16_t kNoError = 0;
inline constexpr std::uint16_t kFormErr = 1;
inline constexpr std::uint16_t kServFail = 2;
inline constexpr std::uint16_t kNxDomain = 3;
inline constexpr std::uint16_t kNotImp = 4;
inline constexpr std::uint16_t kRefused = 5;
inline constexpr std::uint16_t kBadVers = 16;  // extended: needs an OPT record to carry the upper bits
}  // namespace rcode

inline constexpr std::size_t kHeaderBytes = 12;
inline constexpr std::size_t kMaxNameWireBytes = 255;
inline constexpr std::size_t kMaxLabelBytes = 63;
inline constexpr std::size_t kClassicUdpPayloadBytes = 512;
inline constexpr std::size_t kMaxMessageBytes = 65535;

// A domain name as its labels, bytes exactly as received (case preserved; a label may hold any byte).
struct DnsName {
    std::vector<std::string> labels;

    // Lower-case (ASCII only) dotted form without the trailing dot, "" for the root. Nothing when a label
    // holds a '.', which the dotted form could not tell apart from a label boundary.
    std::optional<std::string> lookup_key() const;
    // Bytes in uncompressed wire form, the final zero length included.
    std::size_t wire_size() const;
};

// "Backend.ielts.local" -> labels; nothing when a label is empty or too long or the name too long.
// A trailing dot is accepted and ignored.
std::optional<DnsName> name_from_text(std::string_view text);

bool names_equal_ignoring_case(const DnsName& a, const DnsName& b);

struct EdnsOptions {
    std::uint16_t udp_payload_bytes = 512;  // as the client advertised it
    std::uint8_t version = 0;
    bool dnssec_ok = false;
};

struct DnsQuery {
    std::uint16_t id = 0;
    std::uint8_t opcode = 0;
    bool recursion_desired = false;
    bool checking_disabled = false;
    DnsName name;
    std::uint16_t type = 0;
    std::uint16_t klass = 0;
    std::optional<EdnsOptions> edns;
};

enum class QueryParseOutcome {
    Ok,     // query holds everything
    Reply,  // answer with error_rcode; query holds the header fields (id, opcode, flags) only
    Drop,   // not even a query header: send nothing
};

struct QueryParse {
    QueryParseOutcome outcome = QueryParseOutcome::Drop;
    DnsQuery query;
    std::uint16_t error_rcode = rcode::kNoError;
    std::string reason;  // why it failed, for logs and tests
};

QueryParse parse_query(std::span<const std::uint8_t> message);

struct ResourceRecord {
    DnsName name;
    std::uint16_t type = 0;
    std::uint16_t klass = rr_class::kIn;
    std::uint32_t ttl_seconds = 0;
    std::vector<std::uint8_t> rdata;
};

struct DnsResponse {
    std::uint16_t id = 0;
    std::uint8_t opcode = 0;
    bool authoritative = false;
    bool recursion_desired = false;
    bool checking_disabled = false;
    std::uint16_t rcode = rcode::kNoError;  // values above 15 need edns_payload_bytes set
    std::optional<DnsName> question_name;   // absent: no question section (FORMERR/NOTIMP)
    std::uint16_t question_type = 0;
    std::uint16_t question_class = rr_class::kIn;
    std::vector<ResourceRecord> answers;
    std::vector<ResourceRecord> authority;
    std::vector<ResourceRecord> additional;
    std::optional<std::uint16_t> edns_payload_bytes;  // set: append an OPT record advertising this size
};

// The response in wire form, at most size_limit bytes. When the answer or authority records do not all fit,
// the message keeps the records that do, drops the rest, and sets TC so the client retries over TCP; extra
// additional records that do not fit are dropped without TC (RFC 2181 §9). Owner names are compressed
// against earlier names; names inside rdata are written as given.
std::vector<std::uint8_t> encode_response(const DnsResponse& response, std::size_t size_limit);

// Rdata builders. Names in rdata are uncompressed (RFC 2782 forbids compressing the SRV target).
std::optional<std::vector<std::uint8_t>> a_rdata(std::string_view dotted_quad);
std::vector<std::uint8_t> srv_rdata(std::uint16_t priority, std::uint16_t weight, std::uint16_t port,
                                    const DnsName& target);
std::vector<std::uint8_t> soa_rdata(const DnsName& primary, const DnsName& mailbox, std::uint32_t serial,
                                    std::uint32_t refresh, std::uint32_t retry, std::uint32_t expire,
                                    std::uint32_t minimum);

}  // namespace ecsemu::net::dns
