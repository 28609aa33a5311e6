#include "net/alb/http_date_cache.hpp"

#include <chrono>

namespace ecsemu::net::alb {

std::size_t format_http_date(char (&out)[32], std::int64_t epoch_seconds) {
    std::time_t t = static_cast<std::time_t>(epoch_seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    return std::strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S GMT", &utc);
}

std::string_view HttpDateCache::now() {
    auto second =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    if (second != second_) {
        second_ = second;
        size_ = format_http_date(text_, second);
    }
    return {text_, size_};
}

}  // namespace ecsemu::net::alb
