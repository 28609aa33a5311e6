#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "sim/report/render.hpp"
#include "sim_result_fixture.hpp"

using namespace ecsemu::sim;

namespace {

const OutputFile& file_named(const std::vector<OutputFile>& files, const std::string& name) {
    for (const OutputFile& file : files) {
        if (file.name == name) return file;
    }
    FAIL("no output file " << name);
    throw std::logic_error("unreachable");
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

}  // namespace

TEST_CASE("render: file names and order", "[simreport]") {
    const std::vector<OutputFile> files = render_outputs(test::small_result());
    std::vector<std::string> names;
    for (const OutputFile& file : files) names.push_back(file.name);
    CHECK(names == std::vector<std::string>{"timeline-web.csv", "timeline-api_worker_2.csv", "events.jsonl",
                                            "summary.json", "report.html"});
}

TEST_CASE("render: labels become safe file names", "[simreport]") {
    CHECK(file_name_label("api worker/2") == "api_worker_2");
    CHECK(file_name_label("Web.v2-blue_9") == "Web.v2-blue_9");
    CHECK(file_name_label("../etc") == ".._etc");
    CHECK(file_name_label("caf\xC3\xA9") == "caf__");
    CHECK(file_name_label("") == "_");

    SimResult result = test::small_result();
    result.services[0].label = "a b";
    result.services[1].label = "a/b";  // the same file name once sanitised
    const std::vector<OutputFile> files = render_outputs(result);
    CHECK(files[0].name == "timeline-a_b.csv");
    CHECK(files[1].name == "timeline-a_b-2.csv");
}

TEST_CASE("render: timeline CSV header and rows", "[simreport]") {
    const std::vector<OutputFile> files = render_outputs(test::small_result());
    const std::vector<std::string> lines = lines_of(file_named(files, "timeline-web.csv").content);
    REQUIRE(lines.size() == 6);
    CHECK(lines[0] ==
          "minute,rps,cpu_percent,memory_percent,desired,running,healthy,pending,requests,failed,slow,"
          "mean_latency_ms");
    CHECK(lines[1] == "2026-01-05T00:00:00Z,10.000,40.000,20.000,2,2,2,0,600,0,6,25.500");
    CHECK(lines[2] == "2026-01-05T00:01:00Z,20.000,55.500,30.000,2,2,2,0,1200,12,10,31.250");
    CHECK(lines[3] == "2026-01-05T00:02:00Z,30.000,70.000,35.000,4,2,2,2,1800,30,20,80.125");
}

TEST_CASE("render: events.jsonl has one object per event with keys in a fixed order", "[simreport]") {
    const std::vector<OutputFile> files = render_outputs(test::small_result());
    const std::vector<std::string> lines = lines_of(file_named(files, "events.jsonl").content);
    REQUIRE(lines.size() == 4);

    const auto deployment = nlohmann::ordered_json::parse(lines[0]);
    std::vector<std::string> keys;
    for (const auto& item : deployment.items()) keys.push_back(item.key());
    CHECK(keys ==
          std::vector<std::string>{"time", "offsetSeconds", "kind", "service", "detail", "cause", "taskId"});
    CHECK(deployment["time"] == "2026-01-05T00:01:30.250Z");
    CHECK(deployment["offsetSeconds"] == 90.25);
    CHECK(deployment["kind"] == "deployment");
    CHECK(deployment["detail"] == "deployment ecs-svc/1234 started: image <v2> & friends");

    const auto scale_out = nlohmann::ordered_json::parse(lines[1]);
    keys.clear();
    for (const auto& item : scale_out.items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"time", "offsetSeconds", "kind", "service", "detail", "cause",
                                           "taskId", "from", "to"});
    CHECK(scale_out["time"] == "2026-01-05T00:02:00.000Z");
    CHECK(scale_out["offsetSeconds"] == 120);
    CHECK(scale_out["service"] == "web");
    CHECK(scale_out["from"] == 2);
    CHECK(scale_out["to"] == 4);

    const auto task = nlohmann::json::parse(lines[2]);
    CHECK(task["taskId"] == "abc123");
    CHECK_FALSE(task.contains("from"));
    CHECK(nlohmann::json::parse(lines[3])["service"] == "");
}

TEST_CASE("render: summary.json carries the summary", "[simreport]") {
    const std::vector<OutputFile> files = render_outputs(test::small_result());
    const auto summary = nlohmann::json::parse(file_named(files, "summary.json").content);
    CHECK(summary["scenario"] == "scenarios/shop.json");
    CHECK(summary["seed"] == 42);
    CHECK(summary["start"] == "2026-01-05T00:00:00.000Z");
    CHECK(summary["durationSeconds"] == 300);
    CHECK(summary["sloMs"] == 500);
    REQUIRE(summary["services"].size() == 2);
    const auto& web = summary["services"][0];
    CHECK(web["label"] == "web");
    CHECK(web["minutesAboveTarget"] == 2);
    CHECK(web["tasks"]["max"] == 4);
    CHECK(web["requests"]["failed"] == 42);
    CHECK(web["scaling"][0]["kind"] == "scale-out");
    CHECK(summary["totals"]["requests"]["offered"] == 8400);
    CHECK(summary["totals"]["events"]["injections"] == 1);
}

TEST_CASE("render: equal input gives identical bytes", "[simreport]") {
    const std::vector<OutputFile> first = render_outputs(test::small_result());
    const std::vector<OutputFile> second = render_outputs(test::small_result());
    REQUIRE(first.size() == second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        CHECK(first[i].name == second[i].name);
        CHECK(first[i].content == second[i].content);
    }
}

TEST_CASE("render: the stdout summary", "[simreport]") {
    SimResult result = test::small_result();
    const std::string text = render_summary_text(summarize(result), result);
    CHECK_THAT(text, Catch::Contains("+00:02:00  scale-out  2 -> 4"));
    CHECK_THAT(text, Catch::Contains("min 2   max 4   mean 2.80"));
    CHECK_THAT(text, Catch::Contains("42 failed (0.61 %)"));
    CHECK_THAT(text, Catch::Contains("totals"));
    for (const std::string& line : lines_of(text)) CHECK(line.size() <= 110);

    // Long runs list the first scaling events and count the rest.
    for (int i = 0; i < 14; ++i) {
        result.events.push_back(test::event(200'000 + i * 1000, "scale-in", "web", "Setting desired count.",
                                            std::string(150, 'x'), "", 4, 3));
    }
    const std::string busy = render_summary_text(summarize(result), result);
    CHECK_THAT(busy, Catch::Contains("... and 5 more"));
    for (const std::string& line : lines_of(busy)) CHECK(line.size() <= 110);
}
