#include "cidr.hpp"

namespace ecsemu::core::ec2 {

namespace {

// Parses up to three decimal digits with no sign and no leading zeros beyond "0" itself.
std::optional<std::uint32_t> parse_decimal(std::string_view text, std::uint32_t max) {
    if (text.empty() || text.size() > 3) return std::nullopt;
    if (text.size() > 1 && text[0] == '0') return std::nullopt;
    std::uint32_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (value > max) return std::nullopt;
    return value;
}

}  // namespace

std::optional<Ipv4Cidr> Ipv4Cidr::parse(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const auto prefix = parse_decimal(text.substr(slash + 1), 32);
    if (!prefix) return std::nullopt;

    std::string_view address = text.substr(0, slash);
    std::uint32_t network = 0;
    for (int octet_index = 0; octet_index < 4; ++octet_index) {
        const auto dot = address.find('.');
        const bool last = octet_index == 3;
        if (last != (dot == std::string_view::npos)) return std::nullopt;
        const auto octet = parse_decimal(address.substr(0, dot), 255);
        if (!octet) return std::nullopt;
        network = (network << 8) | *octet;
        if (!last) address.remove_prefix(dot + 1);
    }
    return Ipv4Cidr{network, static_cast<int>(*prefix)};
}

std::uint32_t Ipv4Cidr::mask() const {
    if (prefix_length == 0) return 0;
    return ~std::uint32_t{0} << (32 - prefix_length);
}

std::uint64_t Ipv4Cidr::address_count() const {
    return std::uint64_t{1} << (32 - prefix_length);
}

bool Ipv4Cidr::contains(const Ipv4Cidr& inner) const {
    return inner.prefix_length >= prefix_length && (inner.network & mask()) == (network & mask());
}

std::string Ipv4Cidr::to_string() const {
    return std::to_string(network >> 24) + "." + std::to_string((network >> 16) & 0xff) + "." +
           std::to_string((network >> 8) & 0xff) + "." + std::to_string(network & 0xff) + "/" +
           std::to_string(prefix_length);
}

int available_ip_address_count(const Ipv4Cidr& subnet) {
    const auto count = subnet.address_count();
    return count > 5 ? static_cast<int>(count - 5) : 0;
}

}  // namespace ecsemu::core::ec2
