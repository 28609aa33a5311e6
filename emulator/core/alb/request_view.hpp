#pragma once
// The parts of an HTTP request that listener rules look at, as views into the proxy's own buffers: the
// matcher (rule_match.hpp) allocates nothing per request.
#include <span>
#include <string_view>

namespace ecsemu::core::alb {

struct HeaderView {
    std::string_view name;
    std::string_view value;
};

struct RequestView {
    std::string_view method;              // GET, exact case as received
    std::string_view target;              // request-target as received: path plus optional "?query"
    std::string_view host;                // Host header without a port; empty when absent
    std::span<const HeaderView> headers;  // every header as received, in order
    std::string_view source_ip;           // client address, dotted quad
};

}  // namespace ecsemu::core::alb
