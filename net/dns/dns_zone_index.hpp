#pragma once
// A DnsZoneSnapshot compiled for answering: names normalised to lookup keys, addresses and SRV data already
// in wire form, and the set of names that exist (records, their ancestors up to the zone apex, the apexes),
// which is what tells NXDOMAIN from an empty NOERROR. Built on the thread that publishes the snapshot, read
// concurrently by the server afterwards (it is immutable).
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "emulator/core/dns/dns_zone_snapshot.hpp"
#include "net/dns/dns_message.hpp"

namespace ecsemu::net::dns {

struct IndexedSrv {
    std::vector<std::uint8_t> rdata;
    DnsName target;
    std::string target_key;
};

struct IndexedRecordSet {
    std::vector<std::vector<std::uint8_t>> a_rdata;  // 4 bytes each
    std::vector<IndexedSrv> srv;
    std::uint32_t ttl_seconds = 10;
};

struct IndexedZone {
    DnsName name;  // lower case
    std::vector<std::uint8_t> soa_rdata;
};

// Negative answers are cached for this long (SOA TTL and MINIMUM, RFC 2308 §5): short, because a name that
// is missing now is usually a service about to be registered.
inline constexpr std::uint32_t kNegativeTtlSeconds = 5;

class DnsZoneIndex {
public:
    explicit DnsZoneIndex(const core::dns::DnsZoneSnapshot& snapshot);

    std::uint64_t version() const { return version_; }
    // The most specific served zone containing name (or equal to it); nullptr when none does.
    const IndexedZone* zone_of(const DnsName& name) const;
    // Records owned by the name with this lookup key; nullptr when it owns none.
    const IndexedRecordSet* records(const std::string& key) const;
    bool name_exists(const std::string& key) const;

private:
    std::uint64_t version_ = 0;
    std::vector<IndexedZone> zones_;
    std::unordered_map<std::string, IndexedRecordSet> records_;
    std::unordered_set<std::string> existing_names_;
};

using DnsZoneIndexPtr = std::shared_ptr<const DnsZoneIndex>;

}  // namespace ecsemu::net::dns
