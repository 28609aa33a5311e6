#include "net/dns/dns_zone_index.hpp"

#include <optional>
#include <utility>

namespace ecsemu::net::dns {
namespace {

// The name the way the server will compare it: lower case, validated. Nothing for names no query could
// ever match (empty labels, over-long names).
std::optional<DnsName> normalised_name(const std::string& text) {
    auto name = name_from_text(text);
    if (!name) return std::nullopt;
    for (auto& label : name->labels) {
        for (char& c : label) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return name;
}

bool is_within(const DnsName& name, const DnsName& zone) {
    if (name.labels.size() < zone.labels.size()) return false;
    std::size_t offset = name.labels.size() - zone.labels.size();
    DnsName tail;
    tail.labels.assign(name.labels.begin() + static_cast<std::ptrdiff_t>(offset), name.labels.end());
    return names_equal_ignoring_case(tail, zone);
}

// The SOA every negative answer carries, shaped like the one Route 53 hosted zones publish.
std::vector<std::uint8_t> zone_soa(std::uint64_t version) {
    static const DnsName primary = *name_from_text("ns-1536.awsdns-00.co.uk");
    static const DnsName mailbox = *name_from_text("awsdns-hostmaster.amazon.com");
    auto serial = static_cast<std::uint32_t>(version & 0xFFFFFFFFu);
    return soa_rdata(primary, mailbox, serial == 0 ? 1 : serial, 7200, 900, 1209600, kNegativeTtlSeconds);
}

}  // namespace

DnsZoneIndex::DnsZoneIndex(const core::dns::DnsZoneSnapshot& snapshot) : version_(snapshot.version) {
    for (const auto& zone_text : snapshot.zones) {
        auto name = normalised_name(zone_text);
        if (!name) continue;
        existing_names_.insert(*name->lookup_key());
        zones_.push_back(IndexedZone{std::move(*name), zone_soa(snapshot.version)});
    }
    for (const auto& [owner_text, set] : snapshot.records) {
        auto owner = normalised_name(owner_text);
        if (!owner) continue;
        const IndexedZone* zone = zone_of(*owner);
        if (zone == nullptr) continue;  // never asked: a query for it is REFUSED

        IndexedRecordSet indexed;
        indexed.ttl_seconds = set.ttl_seconds;
        for (const auto& address : set.a) {
            if (auto rdata = a_rdata(address)) indexed.a_rdata.push_back(std::move(*rdata));
        }
        for (const auto& srv : set.srv) {
            auto target = normalised_name(srv.target);
            if (!target) continue;
            std::string target_key = *target->lookup_key();
            indexed.srv.push_back(IndexedSrv{srv_rdata(srv.priority, srv.weight, srv.port, *target),
                                             std::move(*target), std::move(target_key)});
        }
        if (indexed.a_rdata.empty() && indexed.srv.empty()) continue;

        // The owner and every name between it and the apex exist (empty non-terminals, RFC 8020).
        for (std::size_t drop = 0; drop + zone->name.labels.size() <= owner->labels.size(); ++drop) {
            DnsName ancestor;
            ancestor.labels.assign(owner->labels.begin() + static_cast<std::ptrdiff_t>(drop),
                                   owner->labels.end());
            existing_names_.insert(*ancestor.lookup_key());
        }
        std::string key = *owner->lookup_key();
        auto [slot, inserted] = records_.try_emplace(key, std::move(indexed));
        if (!inserted) {
            // "A.x" and "a.x" in one snapshot are the same owner: merge rather than lose one.
            auto& merged = slot->second;
            merged.a_rdata.insert(merged.a_rdata.end(), indexed.a_rdata.begin(), indexed.a_rdata.end());
            merged.srv.insert(merged.srv.end(), indexed.srv.begin(), indexed.srv.end());
        }
    }
}

const IndexedZone* DnsZoneIndex::zone_of(const DnsName& name) const {
    const IndexedZone* best = nullptr;
    for (const auto& zone : zones_) {
        if (!is_within(name, zone.name)) continue;
        if (best == nullptr || zone.name.labels.size() > best->name.labels.size()) best = &zone;
    }
    return best;
}

const IndexedRecordSet* DnsZoneIndex::records(const std::string& key) const {
    auto found = records_.find(key);
    return found == records_.end() ? nullptr : &found->second;
}

bool DnsZoneIndex::name_exists(const std::string& key) const {
    return existing_names_.count(key) != 0;
}

}  // namespace ecsemu::net::dns
