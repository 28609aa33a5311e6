#include "sim/report/downsample.hpp"

#include <algorithm>

namespace ecsemu::sim {

std::vector<ChartPoint> downsample_min_max(const std::vector<ChartPoint>& points, std::size_t max_points) {
    if (points.size() <= max_points || max_points < 4) return points;
    const std::size_t interior = points.size() - 2;
    const std::size_t buckets = (max_points - 2) / 2;
    std::vector<ChartPoint> kept;
    kept.reserve(max_points);
    kept.push_back(points.front());
    for (std::size_t bucket = 0; bucket < buckets; ++bucket) {
        const std::size_t begin = 1 + bucket * interior / buckets;
        const std::size_t end = 1 + (bucket + 1) * interior / buckets;
        if (begin == end) continue;
        std::size_t low = begin;
        std::size_t high = begin;
        for (std::size_t i = begin; i < end; ++i) {
            if (points[i].y < points[low].y) low = i;
            if (points[i].y > points[high].y) high = i;
        }
        kept.push_back(points[std::min(low, high)]);
        if (low != high) kept.push_back(points[std::max(low, high)]);
    }
    kept.push_back(points.back());
    return kept;
}

}  // namespace ecsemu::sim
