#pragma once
// HTTP exchange as the front door sees it: plain values, no sockets. The app adapts net/http's types to
// these.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ecsemu::api {

struct WireRequest {
    // Requests built without a method are POSTs, as every AWS SDK sends them.
    std::string method = "POST";
    std::string target;  // request-target, e.g. "/" or "/?Action=..."
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    // Case-insensitive header lookup; empty when absent. With repeated headers, the first one.
    std::string_view header(std::string_view name) const;
    // Every value of a repeated header, in arrival order.
    std::vector<std::string_view> header_values(std::string_view name) const;
};

struct WireResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

}  // namespace ecsemu::api
