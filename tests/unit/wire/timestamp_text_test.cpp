// Timestamps as the XML protocols and the task metadata endpoint write them.
#include <catch2/catch.hpp>

#include "emulator/api/wire/timestamp_text.hpp"

namespace ecsemu::test {

TEST_CASE("iso8601_utc writes UTC with milliseconds", "[wire][time]") {
    CHECK(api::iso8601_utc(core::Instant{0}) == "1970-01-01T00:00:00.000Z");
    CHECK(api::iso8601_utc(core::Instant{1'700'000'000'123}) == "2023-11-14T22:13:20.123Z");
    CHECK(api::iso8601_utc(core::Instant{951'782'400'000}) == "2000-02-29T00:00:00.000Z");
    CHECK(api::iso8601_utc(core::Instant{-1}) == "1969-12-31T23:59:59.999Z");
}

}  // namespace ecsemu::test
