#pragma once
// JSON string escaping for the few places that write JSON text by hand (outside the API layer, which has
// nlohmann): the stub's echo bodies and CloudWatch's StateReasonData.
#include <string>
#include <string_view>

namespace ecsemu::core {

// The characters of a JSON string literal without its quotes: `"`, `\` and control characters escaped;
// bytes >= 0x80 pass through (JSON text is UTF-8).
std::string json_escape(std::string_view text);

}  // namespace ecsemu::core
