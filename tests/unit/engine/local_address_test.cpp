#include <catch2/catch.hpp>
#include <string>
#include <unordered_set>

#include "emulator/core/engine/runtime_launch.hpp"

using ecsemu::core::engine::LocalAddressPool;

TEST_CASE("task addresses are carved per subnet from the ENI address", "[engine][awsvpc]") {
    LocalAddressPool pool;
    std::unordered_set<std::string> in_use;
    CHECK(pool.allocate_for_eni("a/r/subnet-1a", "10.0.11.37", in_use) == "127.1.11.37");
    CHECK(pool.allocate_for_eni("a/r/subnet-1b", "10.0.12.37", in_use) == "127.2.12.37");
    // The block stays with its subnet.
    CHECK(pool.allocate_for_eni("a/r/subnet-1a", "10.0.11.200", in_use) == "127.1.11.200");
    // A /20 default subnet keeps the low 16 bits.
    CHECK(pool.allocate_for_eni("a/r/subnet-default", "172.31.17.5", in_use) == "127.3.17.5");
}

TEST_CASE("a taken or unusable carved address falls back to the pool", "[engine][awsvpc]") {
    LocalAddressPool pool;
    const std::unordered_set<std::string> in_use = {"127.1.11.37"};
    const auto fallback = pool.allocate_for_eni("a/r/subnet-1a", "10.0.11.37", in_use);
    CHECK(fallback != "127.1.11.37");
    CHECK(fallback.rfind("127.", 0) == 0);
    CHECK(pool.allocate_for_eni("a/r/subnet-1a", "not-an-ip", {}).rfind("127.", 0) == 0);
    CHECK(pool.allocate_for_eni("a/r/subnet-1a", "10.0.11.256", {}) != "127.1.11.0");
}
