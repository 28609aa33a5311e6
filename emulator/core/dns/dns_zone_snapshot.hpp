#pragma once
// What ecsemu's authoritative DNS server answers from: the zones it serves and their records, compiled by
// the control logic from Cloud Map DNS namespaces, Service Connect client aliases and load balancer DNS
// names, and published as a shared_ptr<const DnsZoneSnapshot> (the server swaps atomically, never sees the
// stores).
//
// Names are lower case, without the trailing dot. A query for a name inside a served zone that has no
// records is NXDOMAIN (or NOERROR with no answers when the name exists with other types); a name outside
// every zone is REFUSED.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ecsemu::core::dns {

struct SrvRecord {
    std::uint16_t priority = 1;
    std::uint16_t weight = 1;
    std::uint16_t port = 0;
    std::string target;  // a name, itself with an A record in the snapshot
};

struct DnsRecordSet {
    std::vector<std::string> a;  // dotted quads
    std::vector<SrvRecord> srv;
    std::uint32_t ttl_seconds = 10;
};

struct DnsZoneSnapshot {
    std::uint64_t version = 0;
    std::vector<std::string> zones;               // e.g. "ielts.local", "ap-southeast-1.elb.amazonaws.com"
    std::map<std::string, DnsRecordSet> records;  // by owner name
};

using DnsZoneSnapshotPtr = std::shared_ptr<const DnsZoneSnapshot>;

}  // namespace ecsemu::core::dns
