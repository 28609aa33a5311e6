#include <algorithm>

#include "emulator/core/autoscaling/schedule.hpp"
#include "emulator/core/civil_time.hpp"

namespace ecsemu::core::autoscaling {

namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = std::int64_t{24} * 60 * kMinuteMs;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

bool day_matches(const CronFields& cron, std::int64_t day) {
    const CivilDate date = civil_from_days(day);
    const int year_index = date.year - 1970;
    if (year_index < 0 || year_index >= static_cast<int>(cron.years.size()) || !cron.years.test(year_index)) {
        return false;
    }
    if (!cron.months.test(static_cast<std::size_t>(date.month))) return false;
    if (cron.any_day_of_month) return cron.days_of_week.test(static_cast<std::size_t>(cron_day_of_week(day)));
    return cron.days_of_month.test(static_cast<std::size_t>(date.day));
}

// First local minute >= from_local_ms (a whole minute) the cron expression names.
std::optional<std::int64_t> next_cron_local(const CronFields& cron, std::int64_t from_local_ms) {
    std::int64_t day = floor_div(from_local_ms, kDayMs);
    int first_minute_of_day = static_cast<int>((from_local_ms - day * kDayMs) / kMinuteMs);
    // Beyond the last year the field allows, nothing can match.
    const std::int64_t last_day = days_from_civil(2200, 12, 31);
    for (; day <= last_day; ++day, first_minute_of_day = 0) {
        if (!day_matches(cron, day)) continue;
        for (int minute_of_day = first_minute_of_day; minute_of_day < 24 * 60; ++minute_of_day) {
            if (cron.hours.test(static_cast<std::size_t>(minute_of_day / 60)) &&
                cron.minutes.test(static_cast<std::size_t>(minute_of_day % 60))) {
                return day * kDayMs + minute_of_day * kMinuteMs;
            }
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<Instant> next_fire_time(const ScheduledAction& action, Instant after) {
    const auto schedule = parse_schedule(action.schedule);
    const auto offset = parse_timezone(action.timezone);
    if (!schedule || !offset) return std::nullopt;
    // Nothing fires before StartTime: search from just before it.
    if (action.start_time && after < *action.start_time)
        after = *action.start_time - Duration::milliseconds(1);

    std::optional<Instant> next;
    switch (schedule->kind) {
        case Schedule::Kind::At: {
            const Instant at{schedule->at_local_ms - offset->ms};
            if (at > after) next = at;
            break;
        }
        case Schedule::Kind::Rate: {
            // From StartTime the first run is at StartTime; from creation, one period later.
            const Instant anchor = action.start_time.value_or(action.created);
            const std::int64_t period = schedule->rate.ms;
            std::int64_t k = floor_div(after.epoch_ms - anchor.epoch_ms, period) + 1;
            if (!action.start_time) k = std::max<std::int64_t>(k, 1);
            k = std::max<std::int64_t>(k, 0);
            next = anchor + Duration::milliseconds(k * period);
            break;
        }
        case Schedule::Kind::Cron: {
            // The next whole local minute after `after`.
            const std::int64_t local = after.epoch_ms + offset->ms;
            const std::int64_t from = (floor_div(local, kMinuteMs) + 1) * kMinuteMs;
            if (const auto found = next_cron_local(schedule->cron, from)) next = Instant{*found - offset->ms};
            break;
        }
    }
    if (next && action.end_time && *next > *action.end_time) return std::nullopt;
    return next;
}

}  // namespace ecsemu::core::autoscaling
