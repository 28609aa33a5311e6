#include "sim/spec/events_parse.hpp"

#include <array>

#include "sim/spec/scenario_services.hpp"
#include "sim/spec/time_text.hpp"

namespace ecsemu::sim {
namespace {

using nlohmann::json;

struct Kind {
    InjectionKind kind;
    VariantMembers members;  // besides "at" and "kind"
};

const std::array<Kind, 4>& kind_table() {
    static const std::array<Kind, 4> table{{
        {InjectionKind::Deploy, {"deploy", {"service"}, {"image", "behaviour", "circuitBreaker"}}},
        {InjectionKind::KillTasks, {"killTasks", {"service"}, {"count"}}},
        {InjectionKind::AzOutage, {"azOutage", {"availabilityZone", "duration"}, {}}},
        {InjectionKind::SlowStarts, {"slowStarts", {"factor", "duration"}, {}}},
    }};
    return table;
}

FieldError read_kind(const ObjectFields& fields, const Kind*& out) {
    if (auto error = fields.require("kind", "one of deploy, killTasks, azOutage, slowStarts")) return error;
    const json& value = *fields.find("kind");
    for (const auto& entry : kind_table()) {
        if (value.is_string() && value.get_ref<const std::string&>() == entry.members.name) {
            out = &entry;
            return std::nullopt;
        }
    }
    return fields.path_of("kind") + ": expected one of deploy, killTasks, azOutage, slowStarts, got " +
           describe_json(value);
}

FieldError read_behaviour(const ObjectFields& fields, TaskBehaviour& out) {
    const json* value = fields.find("behaviour");
    if (value == nullptr) return std::nullopt;
    const std::string text = value->is_string() ? value->get<std::string>() : std::string();
    if (text == "healthy") {
        out = TaskBehaviour::Healthy;
    } else if (text == "failsHealthChecks") {
        out = TaskBehaviour::FailsHealthChecks;
    } else if (text == "crashesOnStart") {
        out = TaskBehaviour::CrashesOnStart;
    } else {
        return fields.path_of("behaviour") +
               ": expected one of healthy, failsHealthChecks, crashesOnStart, got " + describe_json(*value);
    }
    return std::nullopt;
}

FieldError read_zone(const ObjectFields& fields, const std::string& region, std::string& out) {
    if (auto error = fields.text("availabilityZone", out)) return error;
    // A zone name is its region's name and a letter: "ap-southeast-1a".
    if (!out.empty() && (out.size() <= region.size() || out.compare(0, region.size(), region) != 0)) {
        return fields.path_of("availabilityZone") + ": \"" + out +
               "\" is not a zone of the scenario's region " + region + " (e.g. \"" + region + "a\")";
    }
    return std::nullopt;
}

// The members that describe what happens, once the kind has said which apply.
FieldError read_effect(const ObjectFields& fields, const api::scenario::Scenario& scenario, Injection& out) {
    if (fields.has("service")) {
        if (auto error = fields.text("service", out.service)) return error;
        if (auto error = check_service_label(scenario, out.service, fields.path_of("service"))) return error;
    }
    if (auto error = fields.text("image", out.image)) return error;
    if (auto error = read_behaviour(fields, out.behaviour)) return error;
    if (const auto* breaker = fields.find("circuitBreaker")) {
        if (!breaker->is_boolean()) return fields.path_of("circuitBreaker") + ": expected true or false";
        out.circuit_breaker = breaker->get<bool>();
    }
    std::int64_t count = out.count;
    if (auto error = fields.integer("count", count, 1)) return error;
    if (count > 1'000'000) return fields.path_of("count") + ": must be at most 1000000";
    out.count = static_cast<int>(count);
    if (auto error = read_zone(fields, scenario.region, out.availability_zone)) return error;
    if (auto error = fields.number("factor", out.factor, NumberRange::at_least(1))) return error;
    if (auto error = fields.duration("duration", out.duration)) return error;
    if (fields.has("duration") && out.duration.ms == 0) return fields.path_of("duration") + ": must be > 0";
    return std::nullopt;
}

FieldError read_event(const json& value, const std::string& path, const api::scenario::Scenario& scenario,
                      core::Duration run_duration, Injection& out) {
    const ObjectFields fields(value, path);
    if (auto error = fields.check({"at", "kind", "service", "image", "behaviour", "count", "availabilityZone",
                                   "duration", "factor", "circuitBreaker"})) {
        return error;
    }
    if (auto error = fields.require("at", "when it happens, from the start of the run")) return error;
    if (auto error = fields.duration("at", out.at)) return error;
    if (out.at >= run_duration) {
        return fields.path_of("at") + ": " + duration_text(out.at) +
               " is not before the end of the run (duration " + duration_text(run_duration) + ")";
    }
    const Kind* kind = nullptr;
    if (auto error = read_kind(fields, kind)) return error;
    if (auto error = check_variant_members(fields, kind->members, "kind", {"at", "kind"})) return error;
    out.kind = kind->kind;
    return read_effect(fields, scenario, out);
}

}  // namespace

FieldError read_events(const json& value, const std::string& path, const api::scenario::Scenario& scenario,
                       core::Duration run_duration, std::vector<Injection>& out) {
    if (!value.is_array()) return path + ": expected a list of events, got " + describe_json(value);
    std::vector<Injection> events;
    for (std::size_t i = 0; i < value.size(); ++i) {
        Injection event;
        if (auto error =
                read_event(value[i], path + "[" + std::to_string(i) + "]", scenario, run_duration, event))
            return error;
        events.push_back(std::move(event));
    }
    // Written order breaks ties, so two events at one time happen as the file lists them.
    std::stable_sort(events.begin(), events.end(),
                     [](const Injection& a, const Injection& b) { return a.at < b.at; });
    out.insert(out.end(), std::make_move_iterator(events.begin()), std::make_move_iterator(events.end()));
    return std::nullopt;
}

}  // namespace ecsemu::sim
