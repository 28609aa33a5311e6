#include "sim/spec/scenario_services.hpp"

namespace ecsemu::sim {
namespace {

constexpr const char* kCreateService = "ecs:CreateService";

std::string service_labels(const api::scenario::Scenario& scenario) {
    std::string text;
    for (const auto& resource : scenario.resources) {
        if (resource.type == kCreateService) text += (text.empty() ? "" : ", ") + resource.label;
    }
    return text.empty() ? "the scenario has no ecs:CreateService resources"
                        : "the scenario's services: " + text;
}

}  // namespace

FieldError check_service_label(const api::scenario::Scenario& scenario, const std::string& label,
                               const std::string& path) {
    const auto* resource = scenario.find(label);
    if (resource != nullptr && resource->type == kCreateService) return std::nullopt;
    if (resource != nullptr) {
        return path + ": \"" + label + "\" is a resource of type " + resource->type + ", not " +
               kCreateService + " (" + service_labels(scenario) + ")";
    }
    return path + ": no " + kCreateService + " resource is labelled \"" + label + "\" (" +
           service_labels(scenario) + ")";
}

}  // namespace ecsemu::sim
