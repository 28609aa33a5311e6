#pragma once
// Text forms CloudWatch itself writes into alarm reasons: numbers as Java prints doubles ("85.0", "0.9",
// "1.0E7"), reason timestamps as "dd/MM/yy HH:mm:ss" and StateReasonData timestamps as
// "yyyy-MM-ddTHH:mm:ss.SSS+0000", all in UTC.
#include <string>
#include <string_view>

#include "emulator/core/time.hpp"

namespace ecsemu::core::cloudwatch {

std::string java_double_text(double value);
std::string reason_time_text(Instant at);
std::string reason_data_time_text(Instant at);
// The same, appended to `out`.
void append_reason_time_text(std::string& out, Instant at);
void append_reason_data_time_text(std::string& out, Instant at);
// The text as a JSON string literal, quotes included.
std::string json_string_literal(std::string_view text);

}  // namespace ecsemu::core::cloudwatch
