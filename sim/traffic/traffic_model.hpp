#pragma once
// The offered load of one service over a run, as a pure function of time: the runner asks for the rate at
// each traffic step and multiplies in its own seeded noise, so the same spec always yields the same curve.
#include "emulator/core/time.hpp"
#include "sim/spec/simulation_spec.hpp"

namespace ecsemu::sim {

// Requests per second `since_start` after `run_start`, never negative. Diurnal shapes read the hour of day
// from the absolute instant (UTC), so a run starting at 09:00 begins on the morning slope.
//   constant: rps.
//   step:     rps, then steps[i].rps from steps[i].offset on.
//   ramp:     rps until start, linear to to_rps over duration, to_rps after.
//   diurnal:  rps + (peak_rps - rps) x (1 + cos(2pi (hour - peak_hour_utc) / 24)) / 2, so peak_rps at
//             peak_hour_utc and rps twelve hours away.
//   spike:    rps; from start, linear to peak_rps over rise, peak_rps for duration, linear back over rise.
//   trace:    linear between the trace's points; the first rate before it, the last rate after it.
double offered_rps(const TrafficSpec& spec, core::Instant run_start, core::Duration since_start);

}  // namespace ecsemu::sim
