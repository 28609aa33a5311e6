#pragma once
// What the authoritative server says to one received message: pure (bytes and an index in, bytes out), so
// every answer rule is testable without sockets.
//
// Rules: A/SRV/ANY (and SOA at a zone apex) from the index with AA set; a name that exists without the asked
// type is NOERROR with no answers; a missing name inside a zone is NXDOMAIN; both negative answers carry the
// zone's SOA in the authority section. Names outside every zone, classes other than IN, and zone transfers
// are REFUSED. Malformed queries get FORMERR, other opcodes NOTIMP, and what does not even parse as a query
// header (or is a response) gets nothing.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "net/dns/dns_zone_index.hpp"

namespace ecsemu::net::dns {

enum class DnsTransport { Udp, Tcp };

// The largest UDP response this server sends to an EDNS client, whatever it advertises: the size the DNS
// community settled on to avoid IP fragmentation.
inline constexpr std::uint16_t kServerUdpPayloadBytes = 1232;

// index may be null (nothing published yet): every name is then outside the served zones. rotation turns
// the order of A answers so clients that take the first address spread over all of them.
std::optional<std::vector<std::uint8_t>> answer_message(const DnsZoneIndex* index,
                                                        std::span<const std::uint8_t> message,
                                                        DnsTransport transport, std::uint32_t rotation = 0);

}  // namespace ecsemu::net::dns
