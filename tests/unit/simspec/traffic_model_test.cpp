#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>

#include "sim/traffic/traffic_model.hpp"

namespace ecsemu::test::simspec {

using core::Duration;
using sim::offered_rps;
using sim::TrafficPoint;
using sim::TrafficShape;
using sim::TrafficSpec;

namespace {

constexpr core::Instant kMonday{1'767'571'200'000};  // 2026-01-05T00:00:00Z

Duration minutes(double count) {
    return Duration::milliseconds(static_cast<std::int64_t>(count * 60'000));
}
Duration hours(double count) {
    return minutes(count * 60);
}

double rate_at(const TrafficSpec& spec, Duration since_start) {
    return offered_rps(spec, kMonday, since_start);
}

}  // namespace

TEST_CASE("A constant rate is the same at every time", "[simspec][traffic]") {
    TrafficSpec spec;
    spec.rps = 50;
    CHECK(rate_at(spec, Duration{}) == 50);
    CHECK(rate_at(spec, hours(23)) == 50);
}

TEST_CASE("Steps change the rate at their offsets and hold it", "[simspec][traffic]") {
    TrafficSpec spec;
    spec.shape = TrafficShape::Step;
    spec.rps = 10;
    spec.steps = {TrafficPoint{minutes(10), 200}, TrafficPoint{minutes(20), 50}};
    CHECK(rate_at(spec, Duration{}) == 10);
    CHECK(rate_at(spec, minutes(10) - Duration::milliseconds(1)) == 10);
    CHECK(rate_at(spec, minutes(10)) == 200);
    CHECK(rate_at(spec, minutes(15)) == 200);
    CHECK(rate_at(spec, minutes(20)) == 50);
    CHECK(rate_at(spec, hours(5)) == 50);
}

TEST_CASE("A ramp is linear between its start and its end and flat outside", "[simspec][traffic]") {
    TrafficSpec spec;
    spec.shape = TrafficShape::Ramp;
    spec.rps = 100;
    spec.to_rps = 300;
    spec.start = hours(1);
    spec.duration = minutes(30);
    CHECK(rate_at(spec, Duration{}) == 100);
    CHECK(rate_at(spec, hours(1)) == 100);
    CHECK(rate_at(spec, minutes(66)) == Approx(140));
    CHECK(rate_at(spec, minutes(75)) == Approx(200));
    CHECK(rate_at(spec, minutes(90)) == 300);
    CHECK(rate_at(spec, hours(10)) == 300);
    spec.duration = Duration{};  // an instant ramp is a step
    CHECK(rate_at(spec, hours(1) - Duration::milliseconds(1)) == 100);
    CHECK(rate_at(spec, hours(1)) == 300);
}

TEST_CASE("A diurnal day peaks at its peak hour and troughs twelve hours away", "[simspec][traffic]") {
    TrafficSpec spec;
    spec.shape = TrafficShape::Diurnal;
    spec.rps = 20;
    spec.peak_rps = 400;
    spec.peak_hour_utc = 14;
    CHECK(rate_at(spec, hours(14)) == Approx(400));
    CHECK(rate_at(spec, hours(2)) == Approx(20));
    CHECK(rate_at(spec, hours(8)) == Approx(210));  // a quarter day from the peak: halfway
    CHECK(rate_at(spec, hours(20)) == Approx(210));
    CHECK(rate_at(spec, hours(38)) == Approx(400));  // the next day's peak
    CHECK(rate_at(spec, Duration{}) ==
          Approx(20 + 380 * (1 + std::cos(2 * 3.14159265358979 * -14 / 24)) / 2));
    // The hour comes from the absolute time: a run starting at 10:00 UTC peaks four hours in.
    CHECK(offered_rps(spec, kMonday + hours(10), hours(4)) == Approx(400));
    spec.peak_hour_utc = 14.5;
    CHECK(rate_at(spec, minutes(14 * 60 + 30)) == Approx(400));
    CHECK(rate_at(spec, minutes(2 * 60 + 30)) == Approx(20));
}

TEST_CASE("A spike rises, holds its peak and falls back", "[simspec][traffic]") {
    TrafficSpec spec;
    spec.shape = TrafficShape::Spike;
    spec.rps = 50;
    spec.peak_rps = 450;
    spec.start = hours(1);
    spec.duration = minutes(30);
    spec.rise = minutes(2);
    CHECK(rate_at(spec, minutes(59)) == 50);
    CHECK(rate_at(spec, minutes(60)) == 50);
    CHECK(rate_at(spec, minutes(61)) == Approx(250));
    CHECK(rate_at(spec, minutes(62)) == 450);
    CHECK(rate_at(spec, minutes(91)) == 450);
    CHECK(rate_at(spec, minutes(92)) == 450);
    CHECK(rate_at(spec, minutes(93)) == Approx(250));
    CHECK(rate_at(spec, minutes(94)) == 50);
    CHECK(rate_at(spec, hours(3)) == 50);
    spec.rise = Duration{};
    CHECK(rate_at(spec, minutes(60)) == 450);
    CHECK(rate_at(spec, minutes(90) - Duration::milliseconds(1)) == 450);
    CHECK(rate_at(spec, minutes(90)) == 50);
}

TEST_CASE("A trace interpolates between its points and holds its ends", "[simspec][traffic]") {
    TrafficSpec spec;
    spec.shape = TrafficShape::Trace;
    spec.trace = {TrafficPoint{minutes(5), 100}, TrafficPoint{minutes(15), 200},
                  TrafficPoint{minutes(25), 0}};
    CHECK(rate_at(spec, Duration{}) == 100);
    CHECK(rate_at(spec, minutes(5)) == 100);
    CHECK(rate_at(spec, minutes(10)) == Approx(150));
    CHECK(rate_at(spec, minutes(15)) == 200);
    CHECK(rate_at(spec, minutes(17)) == Approx(160));
    CHECK(rate_at(spec, minutes(25)) == 0);
    CHECK(rate_at(spec, hours(2)) == 0);
    spec.trace.clear();
    CHECK(rate_at(spec, minutes(1)) == 0);
}

TEST_CASE("A rate is never negative", "[simspec][traffic]") {
    TrafficSpec spec;
    spec.rps = -5;  // the parser refuses this; the model still must not return it
    CHECK(rate_at(spec, Duration{}) == 0);
}

}  // namespace ecsemu::test::simspec
