#pragma once
// Scheduled actions' Schedule and Timezone, and when an action next fires.
//   at(yyyy-mm-ddThh:mm:ss)          once, at that wall-clock time of the time zone
//   rate(N minute|minutes|hour|hours|day|days)
//                                    every N units from StartTime (first run at StartTime) or, without one,
//                                    from the action's creation (first run one period after it)
//   cron(min hour dom month dow year) six fields as AWS's cron: numbers, `*`, `?`, lists `a,b`, ranges
//                                    `a-b`, steps `*/n` `a/n` `a-b/n`, JAN-DEC, SUN-SAT (1 = Sunday); exactly
//                                    one of day-of-month and day-of-week is `?`. Not supported (refused):
//                                    `L`, `W` and `#`.
// Timezone: UTC (UTC, Etc/UTC, GMT, Etc/GMT, Z) and fixed offsets (+05:30, -0800, UTC+2, GMT-03:00, and the
// POSIX-signed Etc/GMT+5 = UTC-5). Region zones with daylight saving (Europe/London, America/New_York) are
// refused: ecsemu has no time zone database and would fire at the wrong hour half of the year.
// StartTime/EndTime bound every schedule: nothing fires before StartTime or after EndTime.
#include <bitset>
#include <optional>
#include <string>

#include "emulator/core/autoscaling/autoscaling_model.hpp"
#include "emulator/core/errors.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::autoscaling {

struct CronFields {
    std::bitset<60> minutes;
    std::bitset<24> hours;
    std::bitset<32> days_of_month;  // 1..31
    std::bitset<13> months;         // 1..12
    std::bitset<8> days_of_week;    // 1..7, 1 = Sunday
    bool any_day_of_month = false;  // `?`: the day-of-week field decides
    bool any_day_of_week = false;   // `?`: the day-of-month field decides
    std::bitset<231> years;         // 1970..2200 as year - 1970
};

struct Schedule {
    enum class Kind { At, Rate, Cron };
    Kind kind = Kind::At;
    std::int64_t at_local_ms = 0;  // at(): the wall-clock time as if it were UTC
    Duration rate;
    CronFields cron;
};

// ValidationException with the reason for a malformed schedule.
Result<Schedule> parse_schedule(const std::string& text);

// The zone's offset from UTC (local = UTC + offset); empty text is UTC.
Result<Duration> parse_timezone(const std::string& text);

// The first instant strictly after `after` the action is scheduled for, within [StartTime, EndTime];
// nothing when it will not fire again (or its schedule or zone does not parse).
std::optional<Instant> next_fire_time(const ScheduledAction& action, Instant after);

}  // namespace ecsemu::core::autoscaling
