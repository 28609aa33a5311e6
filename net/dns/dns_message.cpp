#include "net/dns/dns_message.hpp"

#include <algorithm>
#include <utility>

namespace ecsemu::net::dns {
namespace {

constexpr std::uint16_t kFlagResponse = 0x8000;
constexpr std::uint16_t kFlagAuthoritative = 0x0400;
constexpr std::uint16_t kFlagTruncated = 0x0200;
constexpr std::uint16_t kFlagRecursionDesired = 0x0100;
constexpr std::uint16_t kFlagCheckingDisabled = 0x0010;
constexpr std::size_t kOptRecordBytes = 11;  // root name, type, class, ttl, rdlength
constexpr std::size_t kMaxCompressionOffset = 0x3FFF;

char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::uint16_t read_u16(std::span<const std::uint8_t> message, std::size_t at) {
    return static_cast<std::uint16_t>((message[at] << 8) | message[at + 1]);
}

std::uint32_t read_u32(std::span<const std::uint8_t> message, std::size_t at) {
    return (static_cast<std::uint32_t>(read_u16(message, at)) << 16) | read_u16(message, at + 2);
}

void put_u16(std::vector<std::uint8_t>& out, std::uint16_t value) {
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value & 0xFF));
}

void put_u32(std::vector<std::uint8_t>& out, std::uint32_t value) {
    put_u16(out, static_cast<std::uint16_t>(value >> 16));
    put_u16(out, static_cast<std::uint16_t>(value & 0xFFFF));
}

void set_u16(std::vector<std::uint8_t>& out, std::size_t at, std::uint16_t value) {
    out[at] = static_cast<std::uint8_t>(value >> 8);
    out[at + 1] = static_cast<std::uint8_t>(value & 0xFF);
}

void put_uncompressed_name(std::vector<std::uint8_t>& out, const DnsName& name) {
    for (const auto& label : name.labels) {
        out.push_back(static_cast<std::uint8_t>(label.size()));
        out.insert(out.end(), label.begin(), label.end());
    }
    out.push_back(0);
}

// Reads the name starting at `at`. On success `after` is the offset just past the name where it was found
// (past the first pointer when compressed). Every pointer must point before the lowest offset read so far,
// so a walk can never revisit bytes: loops and forward references both fail.
bool read_name(std::span<const std::uint8_t> message, std::size_t at, DnsName& name, std::size_t& after,
               std::string& reason) {
    std::size_t cursor = at;
    std::size_t lowest_visited = at;
    std::size_t wire_bytes = 0;
    bool jumped = false;
    name.labels.clear();
    while (true) {
        if (cursor >= message.size()) {
            reason = "name runs past the end of the message";
            return false;
        }
        std::uint8_t length = message[cursor];
        if ((length & 0xC0) == 0xC0) {
            if (cursor + 1 >= message.size()) {
                reason = "compression pointer runs past the end of the message";
                return false;
            }
            std::size_t target = static_cast<std::size_t>(((length & 0x3F) << 8) | message[cursor + 1]);
            if (!jumped) after = cursor + 2;
            jumped = true;
            if (target >= lowest_visited) {
                reason = "compression pointer does not point backwards";
                return false;
            }
            lowest_visited = target;
            cursor = target;
            continue;
        }
        if ((length & 0xC0) != 0) {
            reason = "unsupported label type";
            return false;
        }
        if (length == 0) {
            if (!jumped) after = cursor + 1;
            return true;
        }
        if (cursor + 1 + length > message.size()) {
            reason = "label runs past the end of the message";
            return false;
        }
        wire_bytes += 1 + length;
        if (wire_bytes + 1 > kMaxNameWireBytes) {
            reason = "name longer than 255 bytes";
            return false;
        }
        name.labels.emplace_back(reinterpret_cast<const char*>(message.data() + cursor + 1), length);
        cursor += 1 + length;
    }
}

// Checks the option list inside an OPT record's rdata (code, length, data; RFC 6891 §6.1.2).
bool options_well_formed(std::span<const std::uint8_t> rdata) {
    std::size_t cursor = 0;
    while (cursor < rdata.size()) {
        if (cursor + 4 > rdata.size()) return false;
        std::size_t length = read_u16(rdata, cursor + 2);
        cursor += 4 + length;
        if (cursor > rdata.size()) return false;
    }
    return true;
}

QueryParse failure(QueryParse parse, std::uint16_t code, std::string reason) {
    parse.outcome = QueryParseOutcome::Reply;
    parse.error_rcode = code;
    parse.reason = std::move(reason);
    parse.query.name = {};
    parse.query.edns.reset();
    return parse;
}

// Reads the additional section; only an OPT record means anything to this server, others are skipped.
bool read_additional(std::span<const std::uint8_t> message, std::size_t& cursor, std::uint16_t count,
                     DnsQuery& query, std::string& reason) {
    for (std::uint16_t i = 0; i < count; ++i) {
        DnsName owner;
        std::size_t after = 0;
        if (!read_name(message, cursor, owner, after, reason)) return false;
        if (after + 10 > message.size()) {
            reason = "resource record header runs past the end of the message";
            return false;
        }
        std::uint16_t type = read_u16(message, after);
        std::uint16_t klass = read_u16(message, after + 2);
        std::uint32_t ttl = read_u32(message, after + 4);
        std::size_t rdata_length = read_u16(message, after + 8);
        std::size_t rdata_at = after + 10;
        if (rdata_at + rdata_length > message.size()) {
            reason = "rdata runs past the end of the message";
            return false;
        }
        if (type == rr_type::kOpt) {
            if (query.edns) {
                reason = "more than one OPT record";
                return false;
            }
            if (!owner.labels.empty()) {
                reason = "OPT record owner is not the root";
                return false;
            }
            if (!options_well_formed(message.subspan(rdata_at, rdata_length))) {
                reason = "malformed EDNS option";
                return false;
            }
            EdnsOptions edns;
            edns.udp_payload_bytes = klass;
            edns.version = static_cast<std::uint8_t>((ttl >> 16) & 0xFF);
            edns.dnssec_ok = (ttl & 0x8000) != 0;
            query.edns = edns;
        }
        cursor = rdata_at + rdata_length;
    }
    return true;
}

}  // namespace

std::optional<std::string> DnsName::lookup_key() const {
    std::string key;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i].find('.') != std::string::npos) return std::nullopt;
        if (i > 0) key.push_back('.');
        for (char c : labels[i]) key.push_back(ascii_lower(c));
    }
    return key;
}

std::size_t DnsName::wire_size() const {
    std::size_t size = 1;
    for (const auto& label : labels) size += 1 + label.size();
    return size;
}

std::optional<DnsName> name_from_text(std::string_view text) {
    DnsName name;
    if (!text.empty() && text.back() == '.') text.remove_suffix(1);
    if (text.empty()) return name;
    while (true) {
        auto dot = text.find('.');
        std::string_view label = text.substr(0, dot);
        if (label.empty() || label.size() > kMaxLabelBytes) return std::nullopt;
        name.labels.emplace_back(label);
        if (dot == std::string_view::npos) break;
        text.remove_prefix(dot + 1);
    }
    if (name.wire_size() > kMaxNameWireBytes) return std::nullopt;
    return name;
}

bool names_equal_ignoring_case(const DnsName& a, const DnsName& b) {
    if (a.labels.size() != b.labels.size()) return false;
    for (std::size_t i = 0; i < a.labels.size(); ++i) {
        const auto& x = a.labels[i];
        const auto& y = b.labels[i];
        if (x.size() != y.size()) return false;
        for (std::size_t j = 0; j < x.size(); ++j) {
            if (ascii_lower(x[j]) != ascii_lower(y[j])) return false;
        }
    }
    return true;
}

QueryParse parse_query(std::span<const std::uint8_t> message) {
    QueryParse parse;
    if (message.size() < kHeaderBytes) {
        parse.reason = "shorter than a DNS header";
        return parse;
    }
    std::uint16_t flags = read_u16(message, 2);
    if ((flags & kFlagResponse) != 0) {
        // Answering a response could start a loop between two servers.
        parse.reason = "a response, not a query";
        return parse;
    }
    DnsQuery& query = parse.query;
    query.id = read_u16(message, 0);
    query.opcode = static_cast<std::uint8_t>((flags >> 11) & 0x0F);
    query.recursion_desired = (flags & kFlagRecursionDesired) != 0;
    query.checking_disabled = (flags & kFlagCheckingDisabled) != 0;

    if (message.size() > kMaxMessageBytes) return failure(parse, rcode::kFormErr, "message too large");
    if (query.opcode != 0) return failure(parse, rcode::kNotImp, "only standard queries are implemented");
    std::uint16_t question_count = read_u16(message, 4);
    std::uint16_t answer_count = read_u16(message, 6);
    std::uint16_t authority_count = read_u16(message, 8);
    std::uint16_t additional_count = read_u16(message, 10);
    if (question_count != 1) return failure(parse, rcode::kFormErr, "a query carries exactly one question");
    if (answer_count != 0 || authority_count != 0)
        return failure(parse, rcode::kFormErr, "a query carries no answer or authority records");

    std::size_t cursor = 0;
    std::string reason;
    if (!read_name(message, kHeaderBytes, query.name, cursor, reason))
        return failure(parse, rcode::kFormErr, reason);
    if (cursor + 4 > message.size())
        return failure(parse, rcode::kFormErr, "question runs past the end of the message");
    query.type = read_u16(message, cursor);
    query.klass = read_u16(message, cursor + 2);
    cursor += 4;

    if (!read_additional(message, cursor, additional_count, query, reason))
        return failure(parse, rcode::kFormErr, reason);
    if (cursor != message.size()) return failure(parse, rcode::kFormErr, "bytes after the last record");
    parse.outcome = QueryParseOutcome::Ok;
    return parse;
}

namespace {

// Appends names with compression: remembers where each suffix was written so later names can point there.
class MessageWriter {
public:
    std::vector<std::uint8_t> out;

    void put_name(const DnsName& name) {
        for (std::size_t i = 0; i < name.labels.size(); ++i) {
            std::string key = suffix_key(name, i);
            auto known = std::find_if(suffixes_.begin(), suffixes_.end(),
                                      [&](const auto& entry) { return entry.first == key; });
            if (known != suffixes_.end()) {
                put_u16(out, static_cast<std::uint16_t>(0xC000 | known->second));
                return;
            }
            if (out.size() <= kMaxCompressionOffset)
                suffixes_.emplace_back(std::move(key), static_cast<std::uint16_t>(out.size()));
            out.push_back(static_cast<std::uint8_t>(name.labels[i].size()));
            out.insert(out.end(), name.labels[i].begin(), name.labels[i].end());
        }
        out.push_back(0);
    }

    void put_record(const ResourceRecord& record) {
        put_name(record.name);
        put_u16(out, record.type);
        put_u16(out, record.klass);
        put_u32(out, record.ttl_seconds);
        put_u16(out, static_cast<std::uint16_t>(std::min<std::size_t>(record.rdata.size(), 0xFFFF)));
        out.insert(out.end(), record.rdata.begin(),
                   record.rdata.begin() +
                       static_cast<std::ptrdiff_t>(std::min<std::size_t>(record.rdata.size(), 0xFFFF)));
    }

    struct Mark {
        std::size_t bytes;
        std::size_t suffixes;
    };
    Mark mark() const { return {out.size(), suffixes_.size()}; }
    void rollback(Mark mark) {
        out.resize(mark.bytes);
        suffixes_.resize(mark.suffixes);
    }

private:
    // Lower-cased wire form of the labels from `first` on: unambiguous even when a label holds a '.'.
    static std::string suffix_key(const DnsName& name, std::size_t first) {
        std::string key;
        for (std::size_t i = first; i < name.labels.size(); ++i) {
            key.push_back(static_cast<char>(name.labels[i].size()));
            for (char c : name.labels[i]) key.push_back(ascii_lower(c));
        }
        return key;
    }

    std::vector<std::pair<std::string, std::uint16_t>> suffixes_;
};

// Appends records while they fit; false when one did not (it is rolled back, and so are the rest).
bool put_records_within(MessageWriter& writer, const std::vector<ResourceRecord>& records,
                        std::size_t size_limit, std::uint16_t& written) {
    for (const auto& record : records) {
        auto mark = writer.mark();
        writer.put_record(record);
        if (writer.out.size() > size_limit) {
            writer.rollback(mark);
            return false;
        }
        ++written;
    }
    return true;
}

}  // namespace

std::vector<std::uint8_t> encode_response(const DnsResponse& response, std::size_t size_limit) {
    size_limit = std::clamp(size_limit, kClassicUdpPayloadBytes, kMaxMessageBytes);
    MessageWriter writer;
    writer.out.reserve(std::min<std::size_t>(size_limit, 4096));
    writer.out.resize(kHeaderBytes, 0);
    std::uint16_t question_count = 0;
    if (response.question_name) {
        writer.put_name(*response.question_name);
        put_u16(writer.out, response.question_type);
        put_u16(writer.out, response.question_class);
        question_count = 1;
    }
    // The OPT record goes out even in a truncated message, so its room is kept free.
    std::size_t records_limit = size_limit - (response.edns_payload_bytes ? kOptRecordBytes : 0);
    std::uint16_t answer_count = 0;
    std::uint16_t authority_count = 0;
    std::uint16_t additional_count = 0;
    bool truncated = !put_records_within(writer, response.answers, records_limit, answer_count) ||
                     !put_records_within(writer, response.authority, records_limit, authority_count);
    if (!truncated) put_records_within(writer, response.additional, records_limit, additional_count);
    if (response.edns_payload_bytes) {
        writer.out.push_back(0);
        put_u16(writer.out, rr_type::kOpt);
        put_u16(writer.out, *response.edns_payload_bytes);
        std::uint32_t extended_rcode = static_cast<std::uint32_t>(response.rcode >> 4) & 0xFF;
        put_u32(writer.out, extended_rcode << 24);  // version 0, no DO: this server signs nothing
        put_u16(writer.out, 0);
        ++additional_count;
    }

    std::uint16_t flags = kFlagResponse;
    flags |= static_cast<std::uint16_t>((response.opcode & 0x0F) << 11);
    if (response.authoritative) flags |= kFlagAuthoritative;
    if (truncated) flags |= kFlagTruncated;
    if (response.recursion_desired) flags |= kFlagRecursionDesired;
    if (response.checking_disabled) flags |= kFlagCheckingDisabled;
    flags |= static_cast<std::uint16_t>(response.rcode & 0x0F);
    set_u16(writer.out, 0, response.id);
    set_u16(writer.out, 2, flags);
    set_u16(writer.out, 4, question_count);
    set_u16(writer.out, 6, answer_count);
    set_u16(writer.out, 8, authority_count);
    set_u16(writer.out, 10, additional_count);
    return std::move(writer.out);
}

std::optional<std::vector<std::uint8_t>> a_rdata(std::string_view dotted_quad) {
    std::vector<std::uint8_t> bytes;
    std::size_t cursor = 0;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (cursor >= dotted_quad.size() || dotted_quad[cursor] != '.') return std::nullopt;
            ++cursor;
        }
        unsigned value = 0;
        std::size_t digits = 0;
        while (cursor < dotted_quad.size() && dotted_quad[cursor] >= '0' && dotted_quad[cursor] <= '9') {
            value = value * 10 + static_cast<unsigned>(dotted_quad[cursor] - '0');
            ++cursor;
            if (++digits > 3) return std::nullopt;
        }
        if (digits == 0 || value > 255) return std::nullopt;
        bytes.push_back(static_cast<std::uint8_t>(value));
    }
    if (cursor != dotted_quad.size()) return std::nullopt;
    return bytes;
}

std::vector<std::uint8_t> srv_rdata(std::uint16_t priority, std::uint16_t weight, std::uint16_t port,
                                    const DnsName& target) {
    std::vector<std::uint8_t> rdata;
    put_u16(rdata, priority);
    put_u16(rdata, weight);
    put_u16(rdata, port);
    put_uncompressed_name(rdata, target);
    return rdata;
}

std::vector<std::uint8_t> soa_rdata(const DnsName& primary, const DnsName& mailbox, std::uint32_t serial,
                                    std::uint32_t refresh, std::uint32_t retry, std::uint32_t expire,
                                    std::uint32_t minimum) {
    std::vector<std::uint8_t> rdata;
    put_uncompressed_name(rdata, primary);
    put_uncompressed_name(rdata, mailbox);
    for (std::uint32_t value : {serial, refresh, retry, expire, minimum}) put_u32(rdata, value);
    return rdata;
}

}  // namespace ecsemu::net::dns
