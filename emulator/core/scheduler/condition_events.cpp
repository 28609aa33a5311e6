#include "emulator/core/scheduler/condition_events.hpp"

#include "emulator/core/scheduler/event_text.hpp"

namespace ecsemu::core::scheduler {

bool is_condition_message(std::string_view service, std::string_view message) {
    return is_service_message(service, message, kSteadyStateText) ||
           is_service_message(service, message, kDeploymentConfigurationStallText) ||
           is_service_message(service, message, kUnableToStartConsistentlyText);
}

std::optional<Instant> condition_reported_at(const std::vector<RecentEvent>& recent_events,
                                             const std::string& message, std::string_view service,
                                             Instant now, Duration repeat) {
    for (const auto& event : recent_events) {
        if (event.created_at + repeat <= now) return std::nullopt;
        if (event.message == message) return event.created_at;
        if (!is_condition_message(service, event.message)) return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace ecsemu::core::scheduler
