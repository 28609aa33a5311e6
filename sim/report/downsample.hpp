#pragma once
// Fewer points for long polylines: a week of minutes is 10,080 rows, several times the chart's width in
// pixels. Each bucket keeps its lowest and highest point, so a one-minute spike still reaches its height.
#include <cstddef>
#include <vector>

namespace ecsemu::sim {

struct ChartPoint {
    double x = 0;
    double y = 0;
};

// At most `max_points` points (when it is at least 4): the first and the last, and per bucket of
// consecutive points its minimum and maximum in their original order. Shorter inputs are returned as they
// are.
std::vector<ChartPoint> downsample_min_max(const std::vector<ChartPoint>& points, std::size_t max_points);

}  // namespace ecsemu::sim
