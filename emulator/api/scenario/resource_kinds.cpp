#include "emulator/api/scenario/resource_kinds.hpp"

#include <algorithm>

namespace ecsemu::api::scenario {

const char* outcome_name(Outcome outcome) {
    switch (outcome) {
        case Outcome::Created:
            return "created";
        case Outcome::Unchanged:
            return "unchanged";
        case Outcome::Updated:
            return "updated";
    }
    return "?";
}

const std::vector<ResourceKind>& resource_kinds() {
    static const std::vector<ResourceKind> kinds = [] {
        std::vector<ResourceKind> all;
        add_ec2_kinds(all);
        add_elbv2_kinds(all);
        add_ecs_kinds(all);
        add_cloudmap_kinds(all);
        add_autoscaling_kinds(all);
        std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.type < b.type; });
        return all;
    }();
    return kinds;
}

const ResourceKind* find_resource_kind(std::string_view type) {
    for (const auto& kind : resource_kinds()) {
        if (kind.type == type) return &kind;
    }
    return nullptr;
}

std::vector<std::string> supported_resource_types() {
    std::vector<std::string> types;
    for (const auto& kind : resource_kinds()) types.emplace_back(kind.type);
    return types;
}

core::Result<nlohmann::json> call_api(KindContext& context, std::string_view service,
                                      std::string_view operation, const nlohmann::json& request) {
    auto result = context.client.call(service, operation, request);
    if (result.ok()) return result;
    core::AwsError error = result.error();
    error.message = std::string(service) + ":" + std::string(operation) + " failed: " + error.code +
                    (error.message.empty() ? "" : ": " + error.message);
    if (error.code == "UnknownOperationException" || error.code == "InvalidAction") {
        error.message +=
            " (this ecsemu does not serve " + std::string(service) + " " + std::string(operation) + ")";
    }
    return error;
}

bool is_error_code(const core::AwsError& error, std::string_view code) {
    return error.code == code;
}

}  // namespace ecsemu::api::scenario
