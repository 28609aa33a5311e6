#include <catch2/catch.hpp>

#include "emulator/core/civil_time.hpp"
#include "emulator/core/autoscaling/schedule.hpp"

using namespace ecsemu;
using core::Instant;
using core::autoscaling::next_fire_time;
using core::autoscaling::ScheduledAction;

namespace {

Instant utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) {
    const std::int64_t days = core::days_from_civil(year, month, day);
    return Instant{((days * 24 + hour) * 60 + minute) * 60'000 + second * 1000LL};
}

ScheduledAction action(const std::string& schedule, const std::string& timezone = "") {
    ScheduledAction out;
    out.schedule = schedule;
    out.timezone = timezone;
    out.created = utc(2026, 11, 26, 10, 30);
    return out;
}

}  // namespace

TEST_CASE("schedules parse or are refused with a reason", "[autoscaling][schedule]") {
    const char* valid[] = {"at(2026-12-01T08:00:00)",
                           "rate(1 minute)",
                           "rate(5 minutes)",
                           "rate(2 hours)",
                           "rate(1 day)",
                           "cron(0 8 ? * MON-FRI *)",
                           "cron(*/15 * * * ? *)",
                           "cron(0 0 1,15 JAN,jul ? 2026-2030)",
                           "cron(30 22 ? * 1 *)"};
    for (const char* text : valid) {
        INFO(text);
        CHECK(core::autoscaling::parse_schedule(text).ok());
    }
    const char* invalid[] = {"at(2026-02-30T08:00:00)", "at(2026-12-01 08:00:00)", "rate(0 minutes)",
                             "rate(5 weeks)",           "rate(five minutes)",      "cron(0 8 * * *)",
                             "cron(0 8 * * * *)",       "cron(0 8 ? * ? *)",       "cron(61 8 * * ? *)",
                             "cron(0 8 L * ? *)",       "cron(0 8 ? * 2#1 *)",     "every(5 minutes)",
                             "rate(5 minutes"};
    for (const char* text : invalid) {
        INFO(text);
        const auto parsed = core::autoscaling::parse_schedule(text);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == "ValidationException");
    }
}

TEST_CASE("time zones: UTC and fixed offsets only", "[autoscaling][schedule]") {
    CHECK(core::autoscaling::parse_timezone("").value().ms == 0);
    CHECK(core::autoscaling::parse_timezone("Etc/UTC").value().ms == 0);
    CHECK(core::autoscaling::parse_timezone("+05:30").value() == core::Duration::minutes(330));
    CHECK(core::autoscaling::parse_timezone("UTC-8").value() == core::Duration::minutes(-480));
    CHECK(core::autoscaling::parse_timezone("-0800").value() == core::Duration::minutes(-480));
    CHECK(core::autoscaling::parse_timezone("Etc/GMT+5").value() == core::Duration::minutes(-300));
    CHECK_FALSE(core::autoscaling::parse_timezone("Europe/London").ok());
    CHECK_FALSE(core::autoscaling::parse_timezone("+25:00").ok());
}

TEST_CASE("next_fire_time of at, rate and cron schedules", "[autoscaling][schedule]") {
    SECTION("at fires once, in its time zone") {
        const auto a = action("at(2026-12-01T08:00:00)", "+01:00");
        CHECK(next_fire_time(a, utc(2026, 11, 26)) == utc(2026, 12, 1, 7));
        CHECK(next_fire_time(a, utc(2026, 12, 1, 7)) == std::nullopt);
    }
    SECTION("rate counts from creation, or from StartTime") {
        auto a = action("rate(5 minutes)");
        CHECK(next_fire_time(a, a.created) == utc(2026, 11, 26, 10, 35));
        CHECK(next_fire_time(a, utc(2026, 11, 26, 10, 35)) == utc(2026, 11, 26, 10, 40));
        CHECK(next_fire_time(a, utc(2026, 11, 26, 10, 37, 30)) == utc(2026, 11, 26, 10, 40));
        a.start_time = utc(2026, 11, 27, 9);
        CHECK(next_fire_time(a, a.created) == utc(2026, 11, 27, 9));
        a.end_time = utc(2026, 11, 27, 9, 7);
        CHECK(next_fire_time(a, utc(2026, 11, 27, 9)) == utc(2026, 11, 27, 9, 5));
        CHECK(next_fire_time(a, utc(2026, 11, 27, 9, 5)) == std::nullopt);
    }
    SECTION("cron on weekdays at 08:00") {
        const auto a = action("cron(0 8 ? * MON-FRI *)");
        // 2026-11-26 is a Thursday.
        CHECK(next_fire_time(a, utc(2026, 11, 26, 10, 30)) == utc(2026, 11, 27, 8));
        CHECK(next_fire_time(a, utc(2026, 11, 27, 8)) == utc(2026, 11, 30, 8));
        CHECK(next_fire_time(a, utc(2026, 11, 27, 7, 59, 59)) == utc(2026, 11, 27, 8));
    }
    SECTION("cron in a fixed offset") {
        const auto a = action("cron(30 22 * * ? *)", "-05:00");
        CHECK(next_fire_time(a, utc(2026, 11, 26, 10)) == utc(2026, 11, 27, 3, 30));
    }
    SECTION("cron steps, days of month and years") {
        CHECK(next_fire_time(action("cron(*/15 * * * ? *)"), utc(2026, 11, 26, 10, 31)) ==
              utc(2026, 11, 26, 10, 45));
        CHECK(next_fire_time(action("cron(0 0 1 * ? *)"), utc(2026, 11, 26)) == utc(2026, 12, 1));
        CHECK(next_fire_time(action("cron(0 0 29 FEB ? *)"), utc(2026, 11, 26)) == utc(2028, 2, 29));
        CHECK(next_fire_time(action("cron(0 0 1 1 ? 2025)"), utc(2026, 11, 26)) == std::nullopt);
    }
}
