#pragma once
// Deterministic identifiers. Every id and ARN suffix comes from an IdSource, a counter run through
// splitmix64, so the same sequence of requests yields the same ids (journal replay and the simulator
// rely on this). Never seeded from wall time, pointers or std::random_device.
#include <cstdint>
#include <string>

namespace ecsemu::core {

class IdSource {
public:
    explicit IdSource(std::uint64_t seed = 0x5eed'ec5e'0000'0001ULL) : seed_(seed) {}

    std::uint64_t next_u64();
    // n lowercase hex digits, e.g. a task id is hex(32).
    std::string hex(int n);
    // n decimal digits, the first non-zero (deployment ids are ecs-svc/<19 digits>).
    std::string digits(int n);
    // n characters from [a-z0-9] (Cloud Map ids, Service Connect container suffixes).
    std::string alnum_lower(int n);
    // 8-4-4-4-12 lowercase hex, version-4 shaped.
    std::string uuid();

    std::uint64_t counter() const { return counter_; }

private:
    std::uint64_t seed_;
    std::uint64_t counter_ = 0;
};

}  // namespace ecsemu::core
