#include <catch2/catch.hpp>
#include <vector>

#include "sim/report/downsample.hpp"
#include "sim/report/number_text.hpp"
#include "sim/report/svg_axes.hpp"
#include "sim/report/time_text.hpp"

using namespace ecsemu::sim;

TEST_CASE("nice ticks land on 1, 2 and 5 times powers of ten", "[simreport]") {
    const AxisTicks percent = nice_ticks(0, 93, 5);
    CHECK(percent.step == 50);
    CHECK(percent.values == std::vector<double>{0, 50, 100});

    const AxisTicks rps = nice_ticks(0, 730, 5);
    CHECK(rps.step == 200);
    CHECK(rps.hi == 800);
    CHECK(rps.values.size() == 5);

    const AxisTicks small = nice_ticks(0, 0.7, 5);
    CHECK(small.step == Approx(0.2));
    CHECK(tick_decimals(small.step) == 1);

    const AxisTicks tasks = nice_ticks(0, 3, 5, 1);
    CHECK(tasks.step == 1);
    CHECK(tasks.values == std::vector<double>{0, 1, 2, 3});

    const AxisTicks flat = nice_ticks(0, 0, 5, 1);  // every task count zero
    CHECK(flat.values == std::vector<double>{0, 1});
}

TEST_CASE("time ticks at whole minutes, hours or days", "[simreport]") {
    CHECK(time_ticks(300, 12).step == 60);
    CHECK(time_ticks(86'400, 12).step == 2 * 3600);
    CHECK(time_ticks(7 * 86'400, 12).step == 86'400);
    CHECK(time_ticks(7 * 86'400, 12).values.back() == 7 * 86'400);
    CHECK(hours_minutes_text(ecsemu::core::Duration::minutes(150)) == "2:30");
    CHECK(hours_minutes_text(ecsemu::core::Duration::minutes(7 * 1440)) == "168:00");
    CHECK(offset_text(ecsemu::core::Duration::seconds(2 * 3600 + 13 * 60)) == "+02:13:00");
}

TEST_CASE("downsampling keeps a single spike among 10,000 points", "[simreport]") {
    std::vector<ChartPoint> points;
    for (int i = 0; i < 10'000; ++i) points.push_back({i * 60.0, i == 4'321 ? 500.0 : 1.0 + (i % 7) * 0.1});
    const std::vector<ChartPoint> kept = downsample_min_max(points, 1500);
    CHECK(kept.size() <= 1500);
    CHECK(kept.size() > 1000);
    double highest = 0;
    for (std::size_t i = 0; i < kept.size(); ++i) {
        highest = std::max(highest, kept[i].y);
        if (i > 0) CHECK(kept[i].x > kept[i - 1].x);
    }
    CHECK(highest == 500);
    CHECK(kept.front().x == 0);
    CHECK(kept.back().x == 9'999 * 60.0);

    const std::vector<ChartPoint> short_line(points.begin(), points.begin() + 100);
    CHECK(downsample_min_max(short_line, 1500).size() == 100);
}

TEST_CASE("fixed text does not depend on the locale and has no negative zero", "[simreport]") {
    CHECK(fixed_text(55.5, 3) == "55.500");
    CHECK(fixed_text(-0.0001, 3) == "0.000");
    CHECK(fixed_text(-1.25, 1) == "-1.2");
    CHECK(fixed_text(1e6, 0) == "1000000");
    CHECK(iso8601_utc_seconds(ecsemu::core::Instant{1'767'571'260'123}) == "2026-01-05T00:01:00Z");
    CHECK(iso8601_utc_millis(ecsemu::core::Instant{1'767'571'380'000}) == "2026-01-05T00:03:00.000Z");
}
