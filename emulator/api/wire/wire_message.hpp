#pragma once
// HTTP exchange as the front door sees it: plain values, no sockets. The app adapts net/http's types to
// these.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ecsemu::api {

struct WireRequest {
    std::string method;  // "POST"
    std::string target;  // request-target, e.g. "/" or "/?Action=..."
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    // Case-insensitive header lookup; empty when absent.
    std::string_view header(std::string_view name) const;
};

struct WireResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

}  // namespace ecsemu::api
