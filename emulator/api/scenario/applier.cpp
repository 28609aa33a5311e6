#include "emulator/api/scenario/applier.hpp"

#include "emulator/api/scenario/json_match.hpp"
#include "emulator/api/scenario/references.hpp"
#include "emulator/api/scenario/request_check.hpp"
#include "emulator/api/scenario/stub_settings.hpp"

namespace ecsemu::api::scenario {
namespace {

std::string field_names(const nlohmann::json& record) {
    std::string names;
    if (!record.is_object()) return names;
    for (const auto& [key, ignored] : record.items()) names += (names.empty() ? "" : ", ") + key;
    return names;
}

}  // namespace

std::string report_line(const ResourceReport& report) {
    std::string outcome = outcome_name(report.outcome);
    outcome.resize(10, ' ');
    std::string line = outcome + report.resource->label + " (" + report.resource->type + ")";
    if (!report.id.empty()) line += " " + report.id;
    if (!report.detail.empty()) line += ": " + report.detail;
    return line;
}

ApplyReport Applier::apply(const std::function<void(const ResourceReport&)>& on_resource) {
    ApplyReport report;
    for (const auto& resource : scenario_.resources) {
        ResourceReport one;
        one.resource = &resource;
        if (auto error = apply_one(resource, one)) {
            report.error = scenario_.error_prefix(resource) + *error;
            return report;
        }
        if (on_resource) on_resource(one);
        report.resources.push_back(std::move(one));
    }
    return report;
}

std::optional<std::string> Applier::apply_one(const ScenarioResource& resource, ResourceReport& report) {
    nlohmann::json request = resource.request;
    const ReferenceLookup lookup = [this](const Reference& reference,
                                          std::string& error) -> std::optional<nlohmann::json> {
        const auto it = applied_.find(reference.label);
        if (it == applied_.end()) {
            error = "${" + reference.label + "}: not applied";
            return std::nullopt;
        }
        if (reference.field.empty()) {
            if (!it->second.id.empty()) return nlohmann::json(it->second.id);
            error = "${" + reference.label + "}: the resource has no identifier; name a field";
            return std::nullopt;
        }
        const nlohmann::json* value = member_path(it->second.record, reference.field);
        if (value == nullptr || value->is_null()) {
            error = "${" + reference.label + "." + reference.field + "}: \"" + reference.label +
                    "\" has no field " + reference.field + " (it has: " + field_names(it->second.record) +
                    ")";
            return std::nullopt;
        }
        return *value;
    };
    if (auto error = resolve_references(request, "request", lookup)) return error;
    if (resource.type == "ecs:RegisterTaskDefinition")
        request = with_stub_settings(std::move(request), scenario_.ecsemu.runtimes);
    if (auto error = check_request(resource.service, resource.operation, request, "request")) return error;
    KindContext context{client_, scenario_, resource};
    auto result = find_resource_kind(resource.type)->apply(context, request);
    if (!result) return result.error().message;
    report.outcome = result->outcome;
    report.id = result->id;
    report.detail = result->detail;
    applied_[resource.label] = std::move(result.value());
    return std::nullopt;
}

}  // namespace ecsemu::api::scenario
