#pragma once
// Listener rule evaluation with ALB's semantics (reference §4.1): conditions of a rule all match; rules in
// ascending priority, first match wins, the default rule last. Wildcards: '*' any run of characters, '?'
// exactly one. path-pattern is case-sensitive and matches the whole path (no query); host-header, http-header
// and query-string compare case-insensitively; http-request-method exactly; source-ip by CIDR.
// Allocation-free: called by the proxy once per request.
#include <string_view>

#include "emulator/core/alb/request_view.hpp"
#include "emulator/core/alb/routing_snapshot.hpp"

namespace ecsemu::core::alb {

// '*' and '?' wildcard match of the whole `text`; case-insensitive (ASCII) when asked.
bool wildcard_match(std::string_view pattern, std::string_view text, bool case_insensitive);

bool condition_matches(const SnapshotCondition& condition, const RequestView& request);

// The first rule of `listener` whose conditions all match `request`; the default rule when none does;
// nullptr only for a listener without rules.
const SnapshotRule* select_rule(const SnapshotListener& listener, const RequestView& request);

}  // namespace ecsemu::core::alb
