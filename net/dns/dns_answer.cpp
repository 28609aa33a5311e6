#include "net/dns/dns_answer.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace ecsemu::net::dns {
namespace {

std::size_t response_limit(const DnsQuery& query, DnsTransport transport) {
    if (transport == DnsTransport::Tcp) return kMaxMessageBytes;
    if (!query.edns) return kClassicUdpPayloadBytes;
    // RFC 6891 §6.2.5: an advertised size below 512 means 512.
    return std::clamp<std::size_t>(query.edns->udp_payload_bytes, kClassicUdpPayloadBytes,
                                   kServerUdpPayloadBytes);
}

ResourceRecord record(const DnsName& owner, std::uint16_t type, std::uint32_t ttl,
                      std::vector<std::uint8_t> rdata) {
    return ResourceRecord{owner, type, rr_class::kIn, ttl, std::move(rdata)};
}

void add_a_answers(const DnsName& owner, const IndexedRecordSet& set, std::uint32_t rotation,
                   std::vector<ResourceRecord>& out) {
    const auto& addresses = set.a_rdata;
    if (addresses.empty()) return;
    std::size_t first = rotation % addresses.size();
    for (std::size_t i = 0; i < addresses.size(); ++i) {
        out.push_back(record(owner, rr_type::kA, set.ttl_seconds, addresses[(first + i) % addresses.size()]));
    }
}

// SRV answers, plus the targets' addresses in the additional section so a client needs no second query.
void add_srv_answers(const DnsZoneIndex& index, const DnsName& owner, const IndexedRecordSet& set,
                     DnsResponse& response) {
    std::vector<const std::string*> targets_done;
    for (const auto& srv : set.srv) {
        response.answers.push_back(record(owner, rr_type::kSrv, set.ttl_seconds, srv.rdata));
        bool seen = std::any_of(targets_done.begin(), targets_done.end(),
                                [&](const std::string* key) { return *key == srv.target_key; });
        if (seen) continue;
        targets_done.push_back(&srv.target_key);
        if (const auto* target = index.records(srv.target_key)) {
            add_a_answers(srv.target, *target, 0, response.additional);
        }
    }
}

void add_soa(const IndexedZone& zone, std::vector<ResourceRecord>& out) {
    out.push_back(record(zone.name, rr_type::kSoa, kNegativeTtlSeconds, zone.soa_rdata));
}

void answer_within_zone(const DnsZoneIndex& index, const IndexedZone& zone, const DnsQuery& query,
                        std::uint32_t rotation, DnsResponse& response) {
    response.authoritative = true;
    auto key = query.name.lookup_key();
    if (!key || !index.name_exists(*key)) {
        response.rcode = rcode::kNxDomain;
        add_soa(zone, response.authority);
        return;
    }
    const IndexedRecordSet* set = index.records(*key);
    bool any = query.type == rr_type::kAny;
    if (set != nullptr && (any || query.type == rr_type::kA)) {
        add_a_answers(query.name, *set, rotation, response.answers);
    }
    if (set != nullptr && (any || query.type == rr_type::kSrv)) {
        add_srv_answers(index, query.name, *set, response);
    }
    bool at_apex = names_equal_ignoring_case(query.name, zone.name);
    if (at_apex && (any || query.type == rr_type::kSoa)) {
        response.answers.push_back(record(query.name, rr_type::kSoa, kNegativeTtlSeconds, zone.soa_rdata));
    }
    if (response.answers.empty()) add_soa(zone, response.authority);  // NODATA (RFC 2308 §2.2)
}

}  // namespace

std::optional<std::vector<std::uint8_t>> answer_message(const DnsZoneIndex* index,
                                                        std::span<const std::uint8_t> message,
                                                        DnsTransport transport, std::uint32_t rotation) {
    QueryParse parse = parse_query(message);
    if (parse.outcome == QueryParseOutcome::Drop) return std::nullopt;

    const DnsQuery& query = parse.query;
    DnsResponse response;
    response.id = query.id;
    response.opcode = query.opcode;
    response.recursion_desired = query.recursion_desired;
    response.checking_disabled = query.checking_disabled;
    if (parse.outcome == QueryParseOutcome::Reply) {
        response.rcode = parse.error_rcode;
        return encode_response(response, kClassicUdpPayloadBytes);
    }

    response.question_name = query.name;
    response.question_type = query.type;
    response.question_class = query.klass;
    if (query.edns) {
        response.edns_payload_bytes = kServerUdpPayloadBytes;
        if (query.edns->version != 0) {
            response.rcode = rcode::kBadVers;
            return encode_response(response, kClassicUdpPayloadBytes);
        }
    }

    const IndexedZone* zone = index != nullptr ? index->zone_of(query.name) : nullptr;
    bool internet_class = query.klass == rr_class::kIn || query.klass == rr_class::kAny;
    bool zone_transfer = query.type == rr_type::kAxfr || query.type == rr_type::kIxfr;
    if (query.type == rr_type::kMailA || query.type == rr_type::kMailB || query.type == rr_type::kOpt) {
        response.rcode = query.type == rr_type::kOpt ? rcode::kFormErr : rcode::kNotImp;
    } else if (zone == nullptr || !internet_class || zone_transfer) {
        response.rcode = rcode::kRefused;
    } else {
        answer_within_zone(*index, *zone, query, rotation, response);
    }
    return encode_response(response, response_limit(query, transport));
}

}  // namespace ecsemu::net::dns
