#pragma once
// The Date header value (IMF-fixdate), formatted once per second per proxy thread.
#include <cstdint>
#include <ctime>
#include <string_view>

namespace ecsemu::net::alb {

// "Sun, 06 Nov 1994 08:49:37 GMT" for `epoch_seconds`.
std::size_t format_http_date(char (&out)[32], std::int64_t epoch_seconds);

class HttpDateCache {
public:
    std::string_view now();
    std::uint32_t epoch_seconds() const { return static_cast<std::uint32_t>(second_); }

private:
    std::int64_t second_ = -1;
    char text_[32] = {};
    std::size_t size_ = 0;
};

}  // namespace ecsemu::net::alb
