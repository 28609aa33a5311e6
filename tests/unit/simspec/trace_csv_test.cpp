#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/traffic/trace_csv.hpp"

namespace ecsemu::test::simspec {

using sim::read_trace_csv;

namespace {

// (offset ms, rps) pairs, for comparing whole traces at once.
std::vector<std::pair<std::int64_t, double>> points_of(const std::string& text) {
    auto parsed = read_trace_csv(text, "traces/day.csv");
    INFO((parsed.ok() ? std::string() : parsed.error().message));
    REQUIRE(parsed.ok());
    std::vector<std::pair<std::int64_t, double>> points;
    for (const auto& point : parsed.value()) points.emplace_back(point.offset.ms, point.rps);
    return points;
}

std::string error_of(const std::string& text) {
    auto parsed = read_trace_csv(text, "traces/day.csv");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == "InvalidScenario");
    return parsed.error().message;
}

using Points = std::vector<std::pair<std::int64_t, double>>;

}  // namespace

TEST_CASE("Seconds are offsets from the first row, with or without a header", "[simspec][trace]") {
    CHECK(points_of("timestamp,requests_per_second\n0,10\n60,20\n") == Points{{0, 10}, {60'000, 20}});
    CHECK(points_of("30,1.5\n90,2") == Points{{0, 1.5}, {60'000, 2}});
    // Epoch seconds replay from the start of the run too.
    CHECK(points_of("1767571200,5\n1767571230.5,6\n") == Points{{0, 5}, {30'500, 6}});
}

TEST_CASE("ISO-8601 times, comments, blank lines and CRLF are accepted", "[simspec][trace]") {
    const std::string text =
        "# exported from CloudWatch\r\n"
        "time,rps\r\n"
        "\r\n"
        "2026-01-05T10:00:00Z,120\r\n"
        "  # a note\r\n"
        "2026-01-05T10:05:00.250Z, 180 \r\n"
        "2026-01-05T11:00:00+00:00,0\r\n";
    CHECK(points_of(text) == Points{{0, 120}, {300'250, 180}, {3'600'000, 0}});
}

TEST_CASE("Trace errors name the file and the line", "[simspec][trace]") {
    CHECK(error_of("0,1\n60,2\n# late\n30,3\n") ==
          "traces/day.csv:4: timestamp 30 is not after the previous row's");
    CHECK(error_of("t,r\n2026-01-05T10:00:00Z,1\n2026-01-05T10:00:00Z,2\n") ==
          "traces/day.csv:3: timestamp 2026-01-05T10:00:00Z is not after the previous row's");
    CHECK(error_of("0,5\r\n60,-4\r\n") == "traces/day.csv:2: requests_per_second -4 is negative");
    CHECK(error_of("timestamp,rps\n0,5,7\n") ==
          "traces/day.csv:2: expected 2 fields (timestamp,requests_per_second), got 3");
    CHECK(error_of("0\n") == "traces/day.csv:1: expected 2 fields (timestamp,requests_per_second), got 1");
    CHECK(error_of("0,abc\n") == "traces/day.csv:1: requests_per_second \"abc\" is not a number");
    CHECK(error_of("0,1\n2026-01-05T10:00:00Z,2\n") ==
          "traces/day.csv:2: timestamp 2026-01-05T10:00:00Z is an ISO-8601 time but the first row's is a "
          "number "
          "of seconds");
    // A first row with an impossible date is an error, not a header.
    CHECK(
        error_of("2026-02-30T00:00:00Z,5\n") ==
        "traces/day.csv:1: timestamp \"2026-02-30T00:00:00Z\" is neither a number of seconds nor an ISO-8601 "
        "UTC time such as 2026-01-05T10:00:00Z");
    CHECK(error_of("timestamp,requests_per_second\n# nothing yet\n") == "traces/day.csv: no rows");
    CHECK(error_of("") == "traces/day.csv: no rows");
}

}  // namespace ecsemu::test::simspec
