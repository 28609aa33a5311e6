#include "sim/report/svg_axes.hpp"

#include <algorithm>
#include <cmath>

namespace ecsemu::sim {

namespace {

// The smallest of 1, 2, 5 or 10 times a power of ten that is at least `raw`.
double nice_step(double raw) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : {1.0, 2.0, 5.0}) {
        if (factor * magnitude >= raw * (1 - 1e-9)) return factor * magnitude;
    }
    return 10 * magnitude;
}

AxisTicks ticks_at(double lo, double hi, double step) {
    AxisTicks ticks;
    ticks.step = step;
    // Integer multiples of the step, so ticks do not drift by accumulated rounding.
    const double first = std::floor(lo / step + 1e-9);
    const double last = std::ceil(hi / step - 1e-9);
    ticks.lo = first * step;
    ticks.hi = std::max(last, first + 1) * step;
    for (double i = first; i <= std::max(last, first + 1) + 0.5; i += 1) {
        const double value = i * step;
        ticks.values.push_back(std::abs(value) < step * 1e-9 ? 0.0 : value);
    }
    return ticks;
}

}  // namespace

AxisTicks nice_ticks(double lo, double hi, int target_count, double min_step) {
    if (!std::isfinite(lo)) lo = 0;
    if (!std::isfinite(hi) || hi <= lo) hi = lo + 1;
    const double raw = (hi - lo) / std::max(1, target_count - 1);
    return ticks_at(lo, hi, std::max(nice_step(raw), min_step));
}

int tick_decimals(double step) {
    if (!(step > 0) || step >= 1) return 0;
    return std::clamp(static_cast<int>(std::ceil(-std::log10(step) - 1e-9)), 0, 9);
}

AxisTicks time_ticks(double span_seconds, int max_count) {
    if (!(span_seconds > 0)) span_seconds = 60;
    max_count = std::max(1, max_count);
    constexpr double kMinute = 60;
    for (const double minutes : {1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1440}) {
        if (span_seconds / (minutes * kMinute) <= max_count)
            return ticks_at(0, span_seconds, minutes * kMinute);
    }
    // Longer than max_count days: whole numbers of days at 1/2/5 steps.
    constexpr double kDay = 1440 * kMinute;
    return ticks_at(0, span_seconds, nice_step(span_seconds / kDay / max_count) * kDay);
}

}  // namespace ecsemu::sim
