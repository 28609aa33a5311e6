#pragma once
// Cloud Map's identifiers and the name rules of the botocore model's patterns.
#include <string>
#include <string_view>

#include "emulator/core/ids.hpp"

namespace ecsemu::core::cloudmap {

std::string new_namespace_id(IdSource& ids);  // ns-<16 lowercase alnum>
std::string new_service_id(IdSource& ids);    // srv-<16 lowercase alnum>
// A Route 53 hosted zone id as new zones get them: "Z0" + 19 upper-case letters and digits.
std::string new_hosted_zone_id(IdSource& ids);

std::string namespace_arn(const std::string& region, const std::string& account_id, const std::string& id);
std::string service_arn(const std::string& region, const std::string& account_id, const std::string& id);

// The id at the end of a Cloud Map ARN ("…:namespace/ns-x" -> "ns-x"); other text is returned unchanged, so
// operations take an id or an ARN alike.
std::string id_from_reference(std::string_view id_or_arn);

// ^(?!arn:)[!-~]{1,max_length}$: HTTP (1024) and private DNS (253) namespace names.
bool valid_namespace_name(std::string_view name, std::size_t max_length);
// Public DNS namespace names: dot-separated labels of letters, digits and inner hyphens, at least two labels.
bool valid_public_dns_name(std::string_view name);
// Service names: dot-separated labels of [A-Za-z0-9_-] not starting or ending with '-', at most 127
// characters in all, or ".".
bool valid_service_name(std::string_view name);
// ^[0-9a-zA-Z_/:.@-]+$, at most 64 characters.
bool valid_instance_id(std::string_view id);

// Case-insensitive ASCII equality (DNS names).
bool same_dns_name(std::string_view a, std::string_view b);

}  // namespace ecsemu::core::cloudmap
