#pragma once
// Condition events describe a state rather than a change: "has reached a steady state.", the deployment
// configuration stall, "is unable to consistently start tasks successfully.". ECS does not repeat such an
// event while nothing else happened, except every ~6 h (reference §3.7). The scheduler keeps no extra state
// for this: the service's own recent events say whether the same message is already the latest news.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/scheduler/service_view.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::scheduler {

// Whether `message` is one of the condition messages this service can emit (built from nothing: every view
// of a service checks its recent events).
bool is_condition_message(std::string_view service, std::string_view message);

// When `message` was last reported with nothing but other condition events since, within `repeat`:
// walking the events newest first, stop at the first one older than `repeat` or that is not one of
// `service`'s condition events; return the time of `message` if it is met before that. Empty: the event is
// due now.
std::optional<Instant> condition_reported_at(const std::vector<RecentEvent>& recent_events,
                                             const std::string& message, std::string_view service,
                                             Instant now, Duration repeat);

}  // namespace ecsemu::core::scheduler
