#pragma once
// Whether bytes are one complete JSON value (RFC 8259, surrounding whitespace allowed), so a stub can
// embed an upstream's body as JSON when it is JSON and as a string otherwise. Nesting deeper than 64
// levels counts as not JSON.
#include <string_view>

namespace ecsemu::net {

bool is_json_text(std::string_view text);

}  // namespace ecsemu::net
