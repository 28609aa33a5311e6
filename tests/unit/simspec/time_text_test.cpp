#include <catch2/catch.hpp>

#include "sim/spec/time_text.hpp"

namespace ecsemu::test::simspec {

using core::Duration;
using sim::duration_text;
using sim::parse_duration_text;
using sim::parse_utc_timestamp;

TEST_CASE("Duration strings", "[simspec][time]") {
    CHECK(parse_duration_text("90s") == Duration::seconds(90));
    CHECK(parse_duration_text("15m") == Duration::minutes(15));
    CHECK(parse_duration_text("2h") == Duration::minutes(120));
    CHECK(parse_duration_text("1d") == Duration::minutes(24 * 60));
    CHECK(parse_duration_text("1h30m") == Duration::minutes(90));
    CHECK(parse_duration_text("1.5h") == Duration::minutes(90));
    CHECK(parse_duration_text("250ms") == Duration::milliseconds(250));
    CHECK(parse_duration_text("1m30s500ms") == Duration::milliseconds(90'500));
    for (const char* bad : {"", "m", "90", "30m1h", "1h1h", "5 m", "-5m", "1.h", "5x", "1hh", "h1"}) {
        INFO(bad);
        CHECK_FALSE(parse_duration_text(bad).has_value());
    }
    CHECK(duration_text(Duration::seconds(90)) == "1m30s");
    CHECK(duration_text(Duration{}) == "0s");
    CHECK(duration_text(Duration::minutes(25 * 60)) == "1d1h");
    CHECK(duration_text(Duration::milliseconds(1'500)) == "1s500ms");
}

TEST_CASE("ISO-8601 UTC times", "[simspec][time]") {
    CHECK(parse_utc_timestamp("2026-01-05T00:00:00Z") == core::Instant{1'767'571'200'000});
    CHECK(parse_utc_timestamp("2026-01-05T10:00:00.25Z") ==
          core::Instant{1'767'571'200'000 + 36'000'000 + 250});
    CHECK(parse_utc_timestamp("2026-01-05T10:00:00.123456Z") ==
          core::Instant{1'767'571'200'000 + 36'000'000 + 123});
    CHECK(parse_utc_timestamp("2026-01-05T00:00:00+00:00") == core::Instant{1'767'571'200'000});
    CHECK(parse_utc_timestamp("2024-02-29T00:00:00Z").has_value());
    for (const char* bad :
         {"2026-02-29T00:00:00Z", "2026-01-05 00:00:00Z", "2026-01-05T00:00:00", "2026-01-05T24:00:00Z",
          "2026-13-01T00:00:00Z", "2026-01-05T00:00:00.Z", "2026-01-05T00:00:00+01:00"}) {
        INFO(bad);
        CHECK_FALSE(parse_utc_timestamp(bad).has_value());
    }
}

}  // namespace ecsemu::test::simspec
