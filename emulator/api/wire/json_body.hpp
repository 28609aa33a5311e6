#pragma once
// JSON 1.0/1.1 bodies: request decoding and the AWS JSON error body.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "emulator/core/errors.hpp"

namespace ecsemu::api {

// Deeper requests are refused before parsing, so no later recursive walk (validation, dump, a service's own
// traversal) can exhaust the stack. No AWS input shape comes close to this depth.
inline constexpr int kMaxJsonNestingDepth = 64;

// True when no object/array in `text` is nested more than max_depth levels (string contents are skipped).
// Does not validate the JSON otherwise.
bool json_nesting_within(std::string_view text, int max_depth);

// The params of a JSON-protocol request: {} for an empty body; SerializationException (400) for invalid
// UTF-8, nesting beyond kMaxJsonNestingDepth, malformed JSON or a top-level value that is not an object.
core::Result<nlohmann::json> parse_json_request_body(std::string_view body);

// {"__type":"<code>","message":"<text>"}; "message" is left out when the error has none, as real
// UnknownOperationException replies do.
std::string json_error_body(const core::AwsError& error);

// Serialises a result; invalid UTF-8 in strings is replaced rather than thrown on.
std::string dump_json(const nlohmann::json& value);

}  // namespace ecsemu::api
