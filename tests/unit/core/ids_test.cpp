#include <catch2/catch.hpp>
#include <set>

#include "emulator/core/ids.hpp"

using ecsemu::core::IdSource;

TEST_CASE("IdSource is deterministic for a seed and varies across seeds", "[ids]") {
    IdSource a(7), b(7), c(8);
    const auto first = a.hex(32);
    CHECK(first == b.hex(32));
    CHECK(first != c.hex(32));
    CHECK(first.size() == 32);
    CHECK(first.find_first_not_of("0123456789abcdef") == std::string::npos);
}

TEST_CASE("IdSource shapes", "[ids]") {
    IdSource ids;
    const auto uuid = ids.uuid();
    REQUIRE(uuid.size() == 36);
    CHECK(uuid[8] == '-');
    CHECK(uuid[14] == '4');
    const auto digits = ids.digits(19);
    CHECK(digits.size() == 19);
    CHECK(digits[0] != '0');
    CHECK(digits.find_first_not_of("0123456789") == std::string::npos);
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) seen.insert(ids.alnum_lower(16));
    CHECK(seen.size() == 1000);
}
