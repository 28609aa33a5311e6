#include "sim/spec/simulation_parse.hpp"

#include <filesystem>

#include "sim/spec/events_parse.hpp"
#include "sim/spec/json_fields.hpp"
#include "sim/spec/scenario_services.hpp"
#include "sim/spec/time_text.hpp"
#include "sim/spec/traffic_parse.hpp"

namespace ecsemu::sim {
namespace {

using nlohmann::json;

constexpr const char* kRoot = "ecsemu.simulation";
constexpr core::Duration kLongestRun = core::Duration::minutes(366 * 24 * 60);
constexpr core::Duration kMinute = core::Duration::minutes(1);

FieldError read_run_length(const ObjectFields& fields, SimulationSpec& out) {
    if (auto error = fields.duration("duration", out.duration)) return error;
    if (out.duration.ms <= 0 || out.duration > kLongestRun)
        return fields.path_of("duration") + ": must be more than 0s and at most 366d";
    if (auto error = fields.duration("step", out.step)) return error;
    // Steps that divide a minute keep per-minute metrics (what alarms read) whole.
    if (out.step < core::Duration::seconds(1) || out.step > kMinute || kMinute.ms % out.step.ms != 0) {
        return fields.path_of("step") + ": must be from 1s to 60s and divide a minute (" +
               duration_text(out.step) + " does not)";
    }
    return std::nullopt;
}

FieldError read_startup(const json& value, const std::string& path, StartupSpec& out) {
    const ObjectFields fields(value, path);
    if (auto error = fields.check({"provisioning", "startMedianSeconds", "startP95Seconds", "activating",
                                   "stopMaxSeconds", "deprovisioning"})) {
        return error;
    }
    if (auto error = fields.duration("provisioning", out.provisioning)) return error;
    if (auto error = fields.number("startMedianSeconds", out.start_median_seconds, NumberRange::above(0)))
        return error;
    if (auto error = fields.number("startP95Seconds", out.start_p95_seconds, NumberRange::above(0)))
        return error;
    if (out.start_p95_seconds < out.start_median_seconds)
        return fields.path_of("startP95Seconds") + ": must be >= startMedianSeconds";
    if (auto error = fields.duration("activating", out.activating)) return error;
    // Stop times are drawn from [1, stopMaxSeconds].
    if (auto error = fields.number("stopMaxSeconds", out.stop_max_seconds, NumberRange::at_least(1)))
        return error;
    return fields.duration("deprovisioning", out.deprovisioning);
}

FieldError read_prices(const json& value, const std::string& path, Prices& out) {
    const ObjectFields fields(value, path);
    if (auto error = fields.check({"vcpuHour", "gbHour"})) return error;
    if (auto error = fields.number("vcpuHour", out.vcpu_hour, NumberRange::at_least(0))) return error;
    return fields.number("gbHour", out.gb_hour, NumberRange::at_least(0));
}

FieldError read_service(const json& value, const std::string& path, const std::string& base_directory,
                        ServiceModel& out) {
    const ObjectFields fields(value, path);
    if (auto error = fields.check({"traffic", "cpuMsPerRequest", "latencyMs", "memoryMib"})) return error;
    if (const json* traffic = fields.find("traffic")) {
        if (auto error = read_traffic(*traffic, fields.path_of("traffic"), base_directory, out.traffic))
            return error;
    }
    // Capacity is CPU divided by this, so a request must cost some CPU.
    if (auto error = fields.number("cpuMsPerRequest", out.cpu_ms_per_request, NumberRange::above(0)))
        return error;
    if (auto error = fields.number("latencyMs", out.latency_ms, NumberRange::at_least(0))) return error;
    return fields.number("memoryMib", out.memory_mib, NumberRange::at_least(0));
}

std::string service_path(const std::string& services_path, const std::string& label) {
    return services_path + "[" + json(label).dump() + "]";
}

// Every key must be a service label; the models come out in the scenario's resource order, since the JSON
// object's own order is alphabetical.
FieldError read_services(const json& value, const std::string& path, const api::scenario::Scenario& scenario,
                         std::vector<ServiceModel>& out) {
    if (!value.is_object())
        return path + ": expected an object keyed by ecs:CreateService label, got " + describe_json(value);
    for (const auto& [label, model] : value.items()) {
        if (auto error = check_service_label(scenario, label, service_path(path, label))) return error;
    }
    const std::string base_directory = std::filesystem::path(scenario.file).parent_path().generic_string();
    for (const auto& resource : scenario.resources) {
        const auto it = value.find(resource.label);
        if (it == value.end()) continue;
        ServiceModel model;
        model.label = resource.label;
        if (auto error = read_service(*it, service_path(path, resource.label), base_directory, model))
            return error;
        out.push_back(std::move(model));
    }
    return std::nullopt;
}

FieldError read_simulation(const json& value, const api::scenario::Scenario& scenario, SimulationSpec& out) {
    const ObjectFields fields(value, kRoot);
    if (auto error = fields.check(
            {"start", "duration", "seed", "sloMs", "step", "startup", "prices", "services", "events"})) {
        return error;
    }
    if (auto error = fields.instant("start", out.start)) return error;
    if (auto error = read_run_length(fields, out)) return error;
    if (auto error = fields.unsigned_integer("seed", out.seed)) return error;
    if (auto error = fields.number("sloMs", out.slo_ms, NumberRange::above(0))) return error;
    if (const json* startup = fields.find("startup")) {
        if (auto error = read_startup(*startup, fields.path_of("startup"), out.startup)) return error;
    }
    if (const json* prices = fields.find("prices")) {
        if (auto error = read_prices(*prices, fields.path_of("prices"), out.prices)) return error;
    }
    if (const json* services = fields.find("services")) {
        if (auto error = read_services(*services, fields.path_of("services"), scenario, out.services))
            return error;
    }
    if (const json* events = fields.find("events")) {
        if (auto error = read_events(*events, fields.path_of("events"), scenario, out.duration, out.events))
            return error;
    }
    return std::nullopt;
}

}  // namespace

core::Result<SimulationSpec> parse_simulation(const api::scenario::Scenario& scenario) {
    SimulationSpec spec;
    const json& section = scenario.ecsemu.simulation;
    // The scenario parser keeps the member as written; null stands for "not given".
    if (section.is_null()) return spec;
    if (auto error = read_simulation(section, scenario, spec))
        return core::AwsError::client("InvalidScenario", scenario.file + ": " + *error);
    return spec;
}

}  // namespace ecsemu::sim
