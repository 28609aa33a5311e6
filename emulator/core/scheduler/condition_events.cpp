#include "emulator/core/scheduler/condition_events.hpp"

#include <algorithm>

#include "emulator/core/scheduler/event_text.hpp"

namespace ecsemu::core::scheduler {

std::vector<std::string> condition_messages(std::string_view service) {
    return {steady_state_message(service), deployment_configuration_stall_message(service),
            unable_to_start_consistently_message(service)};
}

std::optional<Instant> condition_reported_at(const std::vector<RecentEvent>& recent_events,
                                             const std::string& message,
                                             const std::vector<std::string>& all_condition_messages,
                                             Instant now, Duration repeat) {
    for (const auto& event : recent_events) {
        if (event.created_at + repeat <= now) return std::nullopt;
        if (event.message == message) return event.created_at;
        const bool is_condition = std::find(all_condition_messages.begin(), all_condition_messages.end(),
                                            event.message) != all_condition_messages.end();
        if (!is_condition) return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace ecsemu::core::scheduler
