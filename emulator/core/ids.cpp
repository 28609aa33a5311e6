#include "ids.hpp"

namespace ecsemu::core {

namespace {
std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
constexpr char kHex[] = "0123456789abcdef";
constexpr char kAlnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
}  // namespace

std::uint64_t IdSource::next_u64() {
    return splitmix64(seed_ ^ splitmix64(++counter_));
}

std::string IdSource::hex(int n) {
    std::string out;
    out.reserve(static_cast<std::size_t>(n));
    std::uint64_t bits = 0;
    for (int i = 0; i < n; ++i) {
        if (i % 16 == 0) bits = next_u64();
        out.push_back(kHex[bits & 0xf]);
        bits >>= 4;
    }
    return out;
}

std::string IdSource::digits(int n) {
    std::string out;
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const auto d = next_u64() % (i == 0 ? 9 : 10);
        out.push_back(static_cast<char>('0' + (i == 0 ? d + 1 : d)));
    }
    return out;
}

std::string IdSource::alnum_lower(int n) {
    std::string out;
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) out.push_back(kAlnum[next_u64() % 36]);
    return out;
}

std::string IdSource::uuid() {
    std::string h = hex(32);
    h[12] = '4';
    h[16] = kHex[8 + (h[16] % 4)];
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" +
           h.substr(20, 12);
}

}  // namespace ecsemu::core
