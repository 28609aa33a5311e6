#include "sim/spec/traffic_parse.hpp"

#include <array>
#include <cctype>
#include <filesystem>
#include <vector>

#include "sim/spec/time_text.hpp"
#include "sim/traffic/trace_csv.hpp"

namespace ecsemu::sim {
namespace {

using nlohmann::json;

struct Shape {
    TrafficShape shape;
    VariantMembers members;  // besides "shape" and "noise", which apply to all
};

const std::array<Shape, 6>& shape_table() {
    static const std::array<Shape, 6> table{{
        {TrafficShape::Constant, {"constant", {"rps"}, {}}},
        {TrafficShape::Step, {"step", {"steps"}, {"rps"}}},
        {TrafficShape::Ramp, {"ramp", {"toRps", "duration"}, {"rps", "start"}}},
        {TrafficShape::Diurnal, {"diurnal", {"peakRps"}, {"rps", "peakHourUtc"}}},
        {TrafficShape::Spike, {"spike", {"peakRps", "start", "duration"}, {"rps", "rise"}}},
        {TrafficShape::Trace, {"trace", {"trace"}, {}}},
    }};
    return table;
}

FieldError read_shape(const ObjectFields& fields, const Shape*& out) {
    out = &shape_table()[0];
    const json* value = fields.find("shape");
    if (value == nullptr) return std::nullopt;
    for (const auto& entry : shape_table()) {
        if (value->is_string() && value->get_ref<const std::string&>() == entry.members.name) {
            out = &entry;
            return std::nullopt;
        }
    }
    return fields.path_of("shape") + ": expected one of constant, step, ramp, diurnal, spike, trace, got " +
           describe_json(*value);
}

// A number of hours (14.5) or "HH:MM" ("14:30").
FieldError read_peak_hour(const ObjectFields& fields, double& out) {
    const json* value = fields.find("peakHourUtc");
    if (value == nullptr) return std::nullopt;
    const std::string path = fields.path_of("peakHourUtc");
    if (value->is_number()) return read_number(*value, path, out, NumberRange::from_to(0, 24));
    const std::string text = value->is_string() ? value->get<std::string>() : std::string();
    const bool shaped = text.size() == 5 && text[2] == ':' &&
                        std::isdigit(static_cast<unsigned char>(text[0])) &&
                        std::isdigit(static_cast<unsigned char>(text[1])) &&
                        std::isdigit(static_cast<unsigned char>(text[3])) &&
                        std::isdigit(static_cast<unsigned char>(text[4]));
    const int hours = shaped ? (text[0] - '0') * 10 + (text[1] - '0') : 0;
    const int minutes = shaped ? (text[3] - '0') * 10 + (text[4] - '0') : 0;
    if (!shaped || hours > 23 || minutes > 59)
        return path + ": expected an hour from 0 to 24 or \"HH:MM\", got " + describe_json(*value);
    out = hours + minutes / 60.0;
    return std::nullopt;
}

FieldError read_steps(const ObjectFields& fields, std::vector<TrafficPoint>& out) {
    const json* value = fields.find("steps");
    if (value == nullptr) return std::nullopt;
    const std::string path = fields.path_of("steps");
    if (!value->is_array() || value->empty())
        return path + ": expected a list of {\"at\", \"rps\"}, got " + describe_json(*value);
    for (std::size_t i = 0; i < value->size(); ++i) {
        const ObjectFields step((*value)[i], path + "[" + std::to_string(i) + "]");
        if (auto error = step.check({"at", "rps"})) return error;
        if (auto error = step.require("at", "when the rate changes, from the start of the run")) return error;
        if (auto error = step.require("rps", "the rate from then on")) return error;
        TrafficPoint point;
        if (auto error = step.duration("at", point.offset)) return error;
        if (auto error = step.number("rps", point.rps, NumberRange::at_least(0))) return error;
        if (!out.empty() && point.offset <= out.back().offset) {
            return step.path_of("at") + ": must be after the previous step's (" +
                   duration_text(out.back().offset) + ")";
        }
        out.push_back(point);
    }
    return std::nullopt;
}

FieldError read_trace(const ObjectFields& fields, const std::string& base_directory, TrafficSpec& out) {
    std::string written;
    if (auto error = fields.text("trace", written)) return error;
    if (written.empty()) return std::nullopt;
    out.trace_file = (std::filesystem::path(base_directory) / written).generic_string();
    auto points = read_trace_csv_file(out.trace_file);
    if (!points.ok()) return fields.path_of("trace") + ": " + points.error().message;
    out.trace = std::move(points).value();
    return std::nullopt;
}

FieldError read_rates(const ObjectFields& fields, TrafficSpec& out) {
    const auto rate = NumberRange::at_least(0);
    if (auto error = fields.number("rps", out.rps, rate)) return error;
    if (auto error = fields.number("toRps", out.to_rps, rate)) return error;
    if (auto error = fields.number("peakRps", out.peak_rps, rate)) return error;
    if (auto error = fields.number("noise", out.noise, NumberRange::from_to(0, 1))) return error;
    if (out.shape == TrafficShape::Diurnal && out.peak_rps < out.rps)
        return fields.path_of("peakRps") + ": must be >= rps (the trough)";
    return std::nullopt;
}

}  // namespace

FieldError read_traffic(const json& value, const std::string& path, const std::string& base_directory,
                        TrafficSpec& out) {
    const ObjectFields fields(value, path);
    if (auto error = fields.check({"shape", "rps", "steps", "toRps", "peakRps", "peakHourUtc", "start",
                                   "duration", "rise", "trace", "noise"})) {
        return error;
    }
    const Shape* shape = nullptr;
    if (auto error = read_shape(fields, shape)) return error;
    if (auto error = check_variant_members(fields, shape->members, "shape", {"shape", "noise"})) return error;
    out.shape = shape->shape;
    if (auto error = read_rates(fields, out)) return error;
    if (auto error = read_peak_hour(fields, out.peak_hour_utc)) return error;
    if (auto error = fields.duration("start", out.start)) return error;
    if (auto error = fields.duration("duration", out.duration)) return error;
    if (auto error = fields.duration("rise", out.rise)) return error;
    if (auto error = read_steps(fields, out.steps)) return error;
    return read_trace(fields, base_directory, out);
}

}  // namespace ecsemu::sim
