#pragma once
// IPv4 CIDR blocks as EC2 validates them for VPCs, subnets and security group rules.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ecsemu::core::ec2 {

struct Ipv4Cidr {
    std::uint32_t network = 0;  // address as written, host bits included (see is_canonical)
    int prefix_length = 0;

    // Strict dotted-quad "a.b.c.d/n": four decimal octets 0-255, prefix 0-32, nothing else.
    static std::optional<Ipv4Cidr> parse(std::string_view text);

    std::uint32_t mask() const;
    // No host bits set: "10.0.1.0/24" is, "10.0.1.5/24" is not. EC2 rejects the latter.
    bool is_canonical() const { return (network & ~mask()) == 0; }
    // 2^(32 - prefix); 256 for a /24.
    std::uint64_t address_count() const;
    // True when every address of `inner` lies in this block.
    bool contains(const Ipv4Cidr& inner) const;
    bool overlaps(const Ipv4Cidr& other) const { return contains(other) || other.contains(*this); }
    std::string to_string() const;
};

// EC2 reserves the network address, the VPC router, DNS, one future address and broadcast in every subnet:
// a /24 offers 256 - 5 = 251 addresses.
int available_ip_address_count(const Ipv4Cidr& subnet);

}  // namespace ecsemu::core::ec2
