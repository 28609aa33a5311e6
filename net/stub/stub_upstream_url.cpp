#include "net/stub/stub_upstream_url.hpp"

#include <charconv>

#include "net/stub/json_text.hpp"
#include "net/stub/stub_responses.hpp"

namespace ecsemu::net {

namespace {

constexpr std::string_view kScheme = "http://";

bool host_character(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
}

}  // namespace

std::optional<StubUpstreamUrl> parse_stub_upstream_url(std::string_view url) {
    if (url.substr(0, kScheme.size()) != kScheme) return std::nullopt;
    url.remove_prefix(kScheme.size());
    auto path_at = url.find_first_of("/?");
    std::string_view authority = url.substr(0, path_at);
    StubUpstreamUrl out;
    if (path_at != std::string_view::npos) {
        out.target = std::string(url.substr(path_at));
        if (out.target.front() == '?') out.target.insert(0, "/");
    }
    for (char c : out.target) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return std::nullopt;
    }
    auto colon = authority.find(':');
    std::string_view host = authority.substr(0, colon);
    if (host.empty()) return std::nullopt;
    for (char c : host) {
        if (!host_character(c)) return std::nullopt;
    }
    out.host = std::string(host);
    out.host_header = out.host;
    if (colon != std::string_view::npos) {
        std::string_view port = authority.substr(colon + 1);
        unsigned value = 0;
        auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value == 0 ||
            value > 65535)
            return std::nullopt;
        out.port = static_cast<std::uint16_t>(value);
        if (out.port != 80) out.host_header += ":" + std::string(port);
    }
    return out;
}

std::string upstream_json(const StubUpstreamAnswer& answer) {
    std::string out = "{\"status\":" + std::to_string(answer.status) + ",\"body\":";
    if (!answer.body.empty() && is_json_text(answer.body)) {
        out += answer.body;
    } else {
        out += "\"" + json_escape(answer.body) + "\"";
    }
    if (!answer.error.empty()) out += ",\"error\":\"" + json_escape(answer.error) + "\"";
    out += "}";
    return out;
}

}  // namespace ecsemu::net
