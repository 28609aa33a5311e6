#pragma once
// One inline SVG line chart over the run's time axis: polylines, an optional dashed horizontal target, and
// vertical event markers whose <title> shows as a tooltip. The caller decides what the lines mean; this
// file only lays them out.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/report/downsample.hpp"

namespace ecsemu::sim {

// Points per polyline after downsampling (downsample.hpp).
inline constexpr std::size_t kMaxPolylinePoints = 1500;

struct ChartSeries {
    std::string name;       // legend text
    std::string css_class;  // e.g. "rps", so tests and stylesheets can find the line
    std::string colour;
    std::vector<ChartPoint> points;  // x in seconds from the start of the run
    // Lines that often coincide (desired, running, healthy) get decreasing widths so each stays visible.
    double width = 1.5;
};

struct ChartTarget {
    double y = 0;
    std::string label;
};

struct ChartMarker {
    double x_seconds = 0;
    std::string css_class;  // "scale-out", "scale-in" or "activity"
    std::string colour;
    bool dashed = false;
    std::string tooltip;  // plain text; escaped here
};

struct LineChart {
    std::string title;
    double span_seconds = 0;     // the x axis runs from 0 to here
    bool whole_numbers = false;  // y ticks at least 1 apart (task counts)
    std::vector<ChartSeries> series;
    std::optional<ChartTarget> target;
    std::vector<ChartMarker> markers;
};

// An <svg> element (no XML namespace attribute: it is inline HTML5) ending in '\n'.
std::string render_line_chart(const LineChart& chart);

}  // namespace ecsemu::sim
