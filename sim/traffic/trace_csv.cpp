#include "sim/traffic/trace_csv.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include "sim/spec/time_text.hpp"

namespace ecsemu::sim {
namespace {

core::AwsError invalid(const std::string& message) {
    return core::AwsError::client("InvalidScenario", message);
}

std::string_view trim(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return {};
    const auto end = text.find_last_not_of(" \t");
    return text.substr(begin, end - begin + 1);
}

std::optional<double> parse_number(std::string_view text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// About 31,000 years of seconds: larger values are typos, and would overflow once in milliseconds.
constexpr double kLargestSeconds = 1e12;

enum class TimestampKind { Seconds, Iso8601 };

struct Timestamp {
    TimestampKind kind = TimestampKind::Seconds;
    std::int64_t ms = 0;
};

std::optional<Timestamp> parse_timestamp(std::string_view text) {
    if (const auto seconds = parse_number(text)) {
        if (std::fabs(*seconds) > kLargestSeconds) return std::nullopt;
        return Timestamp{TimestampKind::Seconds, std::llround(*seconds * 1000.0)};
    }
    if (const auto instant = parse_utc_timestamp(text))
        return Timestamp{TimestampKind::Iso8601, instant->epoch_ms};
    return std::nullopt;
}

// A first field that is no timestamp and does not even start like one ("timestamp", "time"); a mistyped first
// row such as "2026-02-30T00:00:00Z,5" is reported rather than skipped.
bool is_header(std::string_view first_field) {
    if (parse_timestamp(first_field)) return false;
    if (first_field.empty()) return true;
    const char c = first_field.front();
    return !((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.');
}

const char* kind_text(TimestampKind kind) {
    return kind == TimestampKind::Seconds ? "a number of seconds" : "an ISO-8601 time";
}

std::vector<std::string_view> split_fields(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t begin = 0;
    while (true) {
        const auto comma = line.find(',', begin);
        fields.push_back(
            trim(line.substr(begin, comma == std::string_view::npos ? line.npos : comma - begin)));
        if (comma == std::string_view::npos) return fields;
        begin = comma + 1;
    }
}

// Reads the rows one at a time so each error can name its line.
class TraceReader {
public:
    // An error text for the row (without the "<file>:<line>: " prefix), or nothing.
    std::optional<std::string> read_row(std::string_view line) {
        const auto fields = split_fields(line);
        if (!seen_content_) {
            seen_content_ = true;
            if (is_header(fields.front())) return std::nullopt;
        }
        if (fields.size() != 2)
            return "expected 2 fields (timestamp,requests_per_second), got " + std::to_string(fields.size());
        const std::string timestamp_text(fields[0]);
        const auto timestamp = parse_timestamp(fields[0]);
        if (!timestamp) {
            return "timestamp \"" + timestamp_text +
                   "\" is neither a number of seconds nor an ISO-8601 UTC time such as 2026-01-05T10:00:00Z";
        }
        const std::string rate_text(fields[1]);
        const auto rate = parse_number(fields[1]);
        if (!rate) return "requests_per_second \"" + rate_text + "\" is not a number";
        if (*rate < 0) return "requests_per_second " + rate_text + " is negative";
        if (first_) {
            if (timestamp->kind != first_->kind) {
                return "timestamp " + timestamp_text + " is " + kind_text(timestamp->kind) +
                       " but the first row's is " + kind_text(first_->kind);
            }
            if (timestamp->ms <= previous_ms_)
                return "timestamp " + timestamp_text + " is not after the previous row's";
        } else {
            first_ = timestamp;
        }
        previous_ms_ = timestamp->ms;
        points_.push_back(TrafficPoint{core::Duration::milliseconds(timestamp->ms - first_->ms), *rate});
        return std::nullopt;
    }

    std::vector<TrafficPoint> take_points() { return std::move(points_); }

private:
    bool seen_content_ = false;
    std::optional<Timestamp> first_;
    std::int64_t previous_ms_ = 0;
    std::vector<TrafficPoint> points_;
};

}  // namespace

core::Result<std::vector<TrafficPoint>> read_trace_csv(const std::string& text, const std::string& file) {
    TraceReader reader;
    const std::string_view all(text);
    std::size_t begin = 0;
    for (int line_number = 1; begin < all.size(); ++line_number) {
        const auto newline = all.find('\n', begin);
        std::string_view line =
            all.substr(begin, newline == std::string_view::npos ? all.npos : newline - begin);
        begin = newline == std::string_view::npos ? all.size() : newline + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const std::string_view content = trim(line);
        if (content.empty() || content.front() == '#') continue;
        if (auto error = reader.read_row(content))
            return invalid(file + ":" + std::to_string(line_number) + ": " + *error);
    }
    auto points = reader.take_points();
    if (points.empty()) return invalid(file + ": no rows");
    return points;
}

core::Result<std::vector<TrafficPoint>> read_trace_csv_file(const std::string& path) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) return invalid(path + ": no such file");
    if (!std::filesystem::is_regular_file(path, error)) return invalid(path + ": not a regular file");
    std::ifstream in(path, std::ios::binary);
    if (!in) return invalid(path + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return read_trace_csv(text.str(), path);
}

}  // namespace ecsemu::sim
