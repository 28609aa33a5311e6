#pragma once
// Axis ticks people can read: values at 1, 2 or 5 times a power of ten, and time ticks at whole minutes,
// hours or days from the start of the run.
#include <vector>

namespace ecsemu::sim {

struct AxisTicks {
    double lo = 0;  // the axis range, widened to whole steps
    double hi = 1;
    double step = 1;
    std::vector<double> values;  // lo, lo + step, ..., hi
};

// About `target_count` ticks covering [lo, hi]. `min_step` keeps counts of tasks on whole numbers (1).
// An empty or non-finite range becomes [lo, lo + 1].
AxisTicks nice_ticks(double lo, double hi, int target_count, double min_step = 0);

// Decimals a tick label needs at this step (0 for 1, 2, 5, 10, ...; 1 for 0.5, ...).
int tick_decimals(double step);

// Ticks for [0, span_seconds] at whole minutes, hours or days, at most `max_count` + 1 of them.
AxisTicks time_ticks(double span_seconds, int max_count);

}  // namespace ecsemu::sim
