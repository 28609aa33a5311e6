#include "sim/traffic/traffic_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <numbers>

namespace ecsemu::sim {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr double kHourMs = 3'600'000.0;

// From `from` at `elapsed` = 0 to `to` at `elapsed` = `length`; a zero length is already there.
double interpolate(double from, double to, core::Duration elapsed, core::Duration length) {
    if (length.ms <= 0 || elapsed >= length) return to;
    if (elapsed.ms <= 0) return from;
    const double fraction = static_cast<double>(elapsed.ms) / static_cast<double>(length.ms);
    return from + (to - from) * fraction;
}

double step_rate(const TrafficSpec& spec, core::Duration since_start) {
    double rate = spec.rps;
    for (const auto& point : spec.steps) {
        if (since_start < point.offset) break;
        rate = point.rps;
    }
    return rate;
}

double ramp_rate(const TrafficSpec& spec, core::Duration since_start) {
    if (since_start < spec.start) return spec.rps;
    return interpolate(spec.rps, spec.to_rps, since_start - spec.start, spec.duration);
}

double diurnal_rate(const TrafficSpec& spec, core::Instant now) {
    // Floor modulo: instants before 1970 still land in [0, 24).
    const std::int64_t ms_of_day = ((now.epoch_ms % kDayMs) + kDayMs) % kDayMs;
    const double hour = static_cast<double>(ms_of_day) / kHourMs;
    const double phase = 2.0 * std::numbers::pi * (hour - spec.peak_hour_utc) / 24.0;
    return spec.rps + (spec.peak_rps - spec.rps) * (1.0 + std::cos(phase)) / 2.0;
}

double spike_rate(const TrafficSpec& spec, core::Duration since_start) {
    const core::Duration into = since_start - spec.start;
    if (into.ms < 0) return spec.rps;
    if (into < spec.rise) return interpolate(spec.rps, spec.peak_rps, into, spec.rise);
    const core::Duration into_peak = into - spec.rise;
    if (into_peak < spec.duration) return spec.peak_rps;
    const core::Duration into_fall = into_peak - spec.duration;
    if (into_fall < spec.rise) return interpolate(spec.peak_rps, spec.rps, into_fall, spec.rise);
    return spec.rps;
}

double trace_rate(const std::vector<TrafficPoint>& points, core::Duration since_start) {
    if (points.empty()) return 0;
    if (since_start <= points.front().offset) return points.front().rps;
    // The first point strictly after `since_start`; the one before it is at or before.
    const auto after =
        std::upper_bound(points.begin(), points.end(), since_start,
                         [](core::Duration at, const TrafficPoint& point) { return at < point.offset; });
    if (after == points.end()) return points.back().rps;
    const auto before = std::prev(after);
    return interpolate(before->rps, after->rps, since_start - before->offset, after->offset - before->offset);
}

}  // namespace

double offered_rps(const TrafficSpec& spec, core::Instant run_start, core::Duration since_start) {
    double rate = 0;
    switch (spec.shape) {
        case TrafficShape::Constant:
            rate = spec.rps;
            break;
        case TrafficShape::Step:
            rate = step_rate(spec, since_start);
            break;
        case TrafficShape::Ramp:
            rate = ramp_rate(spec, since_start);
            break;
        case TrafficShape::Diurnal:
            rate = diurnal_rate(spec, run_start + since_start);
            break;
        case TrafficShape::Spike:
            rate = spike_rate(spec, since_start);
            break;
        case TrafficShape::Trace:
            rate = trace_rate(spec.trace, since_start);
            break;
    }
    return std::max(rate, 0.0);
}

}  // namespace ecsemu::sim
