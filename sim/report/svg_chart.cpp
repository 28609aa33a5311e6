#include "sim/report/svg_chart.hpp"

#include <algorithm>
#include <cmath>

#include "emulator/core/time.hpp"
#include "sim/report/html_escape.hpp"
#include "sim/report/number_text.hpp"
#include "sim/report/svg_axes.hpp"
#include "sim/report/time_text.hpp"

namespace ecsemu::sim {

namespace {

constexpr double kWidth = 960;
constexpr double kHeight = 210;
constexpr double kLeft = 56;
constexpr double kRight = 28;  // room for the last time label, centred on the edge
constexpr double kTop = 30;
constexpr double kBottom = 24;
constexpr int kYTicks = 5;
constexpr int kMaxTimeTicks = 12;

// A NaN would end the polyline where it appears; a gap in a metric reads as zero instead.
double finite(double value) {
    return std::isfinite(value) ? value : 0.0;
}

// Pixels with one decimal: finer than a screen shows, coarse enough to keep week-long charts small.
std::string px(double value) {
    return fixed_text(value, 1);
}

struct Frame {
    double span = 1;
    AxisTicks y;
    double x_of(double seconds) const { return kLeft + (kWidth - kLeft - kRight) * seconds / span; }
    double y_of(double value) const {
        return kHeight - kBottom - (kHeight - kTop - kBottom) * (finite(value) - y.lo) / (y.hi - y.lo);
    }
};

Frame frame_of(const LineChart& chart) {
    double lo = 0;
    double hi = 0;
    for (const ChartSeries& series : chart.series) {
        for (const ChartPoint& point : series.points) {
            lo = std::min(lo, finite(point.y));
            hi = std::max(hi, finite(point.y));
        }
    }
    if (chart.target) hi = std::max(hi, finite(chart.target->y));
    Frame frame;
    frame.span = chart.span_seconds > 0 ? chart.span_seconds : 60;
    frame.y = nice_ticks(lo, hi, kYTicks, chart.whole_numbers ? 1.0 : 0.0);
    return frame;
}

void append_y_grid(const Frame& frame, std::string& out) {
    const int decimals = tick_decimals(frame.y.step);
    out += "<g class=\"grid\">";
    for (const double value : frame.y.values) {
        const std::string y = px(frame.y_of(value));
        out += "<line x1=\"" + px(kLeft) + "\" x2=\"" + px(kWidth - kRight) + "\" y1=\"" + y + "\" y2=\"" +
               y + "\"/><text class=\"yl\" x=\"" + px(kLeft - 6) + "\" y=\"" + y + "\" dy=\"4\">" +
               fixed_text(value, decimals) + "</text>";
    }
    out += "</g>\n";
}

void append_x_axis(const Frame& frame, std::string& out) {
    const AxisTicks ticks = time_ticks(frame.span, kMaxTimeTicks);
    const std::string bottom = px(kHeight - kBottom);
    out += "<g class=\"xaxis\"><line x1=\"" + px(kLeft) + "\" x2=\"" + px(kWidth - kRight) + "\" y1=\"" +
           bottom + "\" y2=\"" + bottom + "\"/>";
    for (const double seconds : ticks.values) {
        if (seconds > frame.span + 1e-6) break;
        const std::string x = px(frame.x_of(seconds));
        const auto offset = core::Duration::milliseconds(std::llround(seconds * 1000));
        out += "<line x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + bottom + "\" y2=\"" +
               px(kHeight - kBottom + 4) + "\"/><text class=\"xl\" x=\"" + x + "\" y=\"" + px(kHeight - 6) +
               "\">" + hours_minutes_text(offset) + "</text>";
    }
    out += "</g>\n";
}

void append_markers(const LineChart& chart, const Frame& frame, std::string& out) {
    for (const ChartMarker& marker : chart.markers) {
        if (marker.x_seconds < 0 || marker.x_seconds > frame.span) continue;
        const std::string x = px(frame.x_of(marker.x_seconds));
        const std::string ends =
            "x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + px(kTop) + "\" y2=\"" + px(kHeight - kBottom) + "\"";
        out += "<g class=\"mk " + html_escape(marker.css_class) + "\"><title>" + html_escape(marker.tooltip) +
               "</title><line " + ends + " stroke=\"" + html_escape(marker.colour) +
               "\" stroke-width=\"1\" stroke-opacity=\"0.75\"" +
               (marker.dashed ? " stroke-dasharray=\"4 3\"" : "") + "/><line class=\"hit\" " + ends +
               " stroke=\"transparent\" stroke-width=\"7\"/></g>\n";
    }
}

void append_target(const LineChart& chart, const Frame& frame, std::string& out) {
    if (!chart.target) return;
    const std::string y = px(frame.y_of(chart.target->y));
    out += "<g class=\"target\"><title>" + html_escape(chart.target->label) + "</title><line x1=\"" +
           px(kLeft) + "\" x2=\"" + px(kWidth - kRight) + "\" y1=\"" + y + "\" y2=\"" + y +
           "\" stroke=\"#444\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/><text class=\"tl\" x=\"" +
           px(kWidth - kRight - 4) + "\" y=\"" + y + "\" dy=\"-4\">" + html_escape(chart.target->label) +
           "</text></g>\n";
}

void append_series(const ChartSeries& series, const Frame& frame, std::string& out) {
    const std::vector<ChartPoint> points = downsample_min_max(series.points, kMaxPolylinePoints);
    out += "<polyline class=\"series " + html_escape(series.css_class) + "\" fill=\"none\" stroke=\"" +
           html_escape(series.colour) + "\" stroke-width=\"" + px(series.width) +
           "\" stroke-linejoin=\"round\" points=\"";
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (i > 0) out += ' ';
        out += px(frame.x_of(points[i].x));
        out += ',';
        out += px(frame.y_of(points[i].y));
    }
    out += "\"/>\n";
}

// Legend entries follow the title on the top line; widths are estimated from the text length, which is
// close enough for the short names charts use.
void append_title_and_legend(const LineChart& chart, std::string& out) {
    out += "<text class=\"ct\" x=\"" + px(kLeft) + "\" y=\"18\">" + html_escape(chart.title) + "</text>\n";
    double x = kLeft + 20 + 8.5 * static_cast<double>(chart.title.size());
    for (const ChartSeries& series : chart.series) {
        out += "<line x1=\"" + px(x) + "\" x2=\"" + px(x + 18) + "\" y1=\"14\" y2=\"14\" stroke=\"" +
               html_escape(series.colour) + "\" stroke-width=\"2.5\"/><text class=\"lg\" x=\"" + px(x + 22) +
               "\" y=\"18\">" + html_escape(series.name) + "</text>\n";
        x += 40 + 6.5 * static_cast<double>(series.name.size());
    }
}

}  // namespace

std::string render_line_chart(const LineChart& chart) {
    const Frame frame = frame_of(chart);
    std::string out = "<svg class=\"chart\" viewBox=\"0 0 " + px(kWidth) + " " + px(kHeight) + "\" width=\"" +
                      px(kWidth) + "\" height=\"" + px(kHeight) + "\" role=\"img\" aria-label=\"" +
                      html_escape(chart.title) + "\">\n";
    append_title_and_legend(chart, out);
    append_y_grid(frame, out);
    append_x_axis(frame, out);
    append_markers(chart, frame, out);
    append_target(chart, frame, out);
    for (const ChartSeries& series : chart.series) append_series(series, frame, out);
    out += "</svg>\n";
    return out;
}

}  // namespace ecsemu::sim
