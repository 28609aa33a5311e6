#include <catch2/catch.hpp>
#include <string>

#include "sim/report/html_report.hpp"
#include "sim/report/render.hpp"
#include "sim_result_fixture.hpp"

using namespace ecsemu::sim;

namespace {

std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
    return count;
}

std::string report_of(const SimResult& result) {
    return html_report(result, summarize(result));
}

// The `points` attribute of the first polyline with this class.
std::string points_of(const std::string& html, const std::string& css_class) {
    const std::size_t line = html.find("<polyline class=\"series " + css_class + "\"");
    REQUIRE(line != std::string::npos);
    const std::size_t begin = html.find("points=\"", line) + 8;
    return html.substr(begin, html.find('"', begin) - begin);
}

}  // namespace

TEST_CASE("html: one self-contained page with charts per service", "[simreport]") {
    const std::string html = report_of(test::small_result());
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK_THAT(html, Catch::Contains("<title>ecsemu sim: scenarios/shop.json (seed 42)</title>"));
    CHECK(occurrences(html, "<svg") == 6);  // three charts for each of two services
    for (const char* series : {"rps", "cpu", "desired", "running", "healthy"}) {
        CHECK(occurrences(html, std::string("<polyline class=\"series ") + series + "\"") == 2);
    }
    CHECK(occurrences(html, "<polyline class=\"series memory\"") == 1);  // the memory-target service only
    CHECK_THAT(html, Catch::Contains("CPU target 50.0 %"));
    CHECK_THAT(html, Catch::Contains("memory target 60.0 %"));
    CHECK(occurrences(html, "<g class=\"target\">") == 2);
    CHECK(occurrences(html, "stroke-dasharray=\"6 4\"") == 2);

    CHECK(html.find("http://") == std::string::npos);
    CHECK(html.find("https://") == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
}

TEST_CASE("html: event markers carry escaped details", "[simreport]") {
    const std::string html = report_of(test::small_result());
    // The scale-out marks the web charts only; the deployment too; the region-wide outage marks both
    // services.
    CHECK(occurrences(html, "<g class=\"mk scale-out\">") == 3);
    CHECK(occurrences(html, "<g class=\"mk activity\">") == 3 * 2 + 3);
    CHECK_THAT(html, Catch::Contains("<title>+00:02:00 scale-out 2 -&gt; 4: Setting desired count to 4."));
    CHECK_THAT(html, Catch::Contains("<title>+00:01:30 deployment: deployment ecs-svc/1234 started: image "
                                     "&lt;v2&gt; &amp; friends (injection deploy)</title>"));
    CHECK(html.find("<v2>") == std::string::npos);
    CHECK(html.find("& friends") == std::string::npos);
    // The events table shows the same detail, escaped.
    CHECK_THAT(html,
               Catch::Contains("<td>deployment ecs-svc/1234 started: image &lt;v2&gt; &amp; friends</td>"));
}

TEST_CASE("html: the events table stops at its limit and says how many more", "[simreport]") {
    SimResult result = test::small_result();
    for (int i = 0; i < 600; ++i) {
        result.events.push_back(test::event(250'000, "task-stopped", "web", "stopped", "scale-in", "t"));
    }
    const std::string html = report_of(result);
    CHECK(occurrences(html, "<td>task-stopped</td>") == kReportEventRows - 4);
    CHECK_THAT(html, Catch::Contains("104 more events are not shown here"));
}

TEST_CASE("html: a week of minutes stays small and keeps a one-minute spike", "[simreport]") {
    SimResult result = test::small_result();
    result.duration = ecsemu::core::Duration::minutes(10'000);
    result.services.resize(1);
    ServiceTimeline& web = result.services[0];
    web.rows.clear();
    for (int minute = 0; minute < 10'000; ++minute) {
        web.rows.push_back(
            test::row(minute, minute == 7'321 ? 500 : 10, 40, 20, 2, 2, 2, 0, 600, 0, 0, 20, 120));
    }
    const std::string html = report_of(result);
    CHECK(html.size() < 1'000'000);

    const std::string points = points_of(html, "rps");
    CHECK(occurrences(points, ",") <= 1500);
    // Smallest y pixel of the polyline: the spike, high above the baseline of 10 rps.
    double top = 1e9;
    double bottom = 0;
    for (std::size_t at = points.find(','); at != std::string::npos; at = points.find(',', at + 1)) {
        const double y = std::stod(points.substr(at + 1));
        top = std::min(top, y);
        bottom = std::max(bottom, y);
    }
    CHECK(top < 80);
    CHECK(bottom > 150);
}
