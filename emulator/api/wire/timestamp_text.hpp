#pragma once
// Timestamps as text: what the XML protocols and the task metadata endpoint carry (JSON protocols use epoch
// seconds instead).
#include <string>

#include "emulator/core/time.hpp"

namespace ecsemu::api {

// RFC 3339 / ISO 8601 in UTC with milliseconds: "2023-11-14T22:13:20.000Z".
std::string iso8601_utc(core::Instant instant);

}  // namespace ecsemu::api
