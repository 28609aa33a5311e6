#include "emulator/core/alb/rule_match.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace ecsemu::core::alb {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool chars_equal(char a, char b, bool case_insensitive) {
    return case_insensitive ? lower(a) == lower(b) : a == b;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// One character of a string, possibly percent-decoded: the character and how many raw bytes it took.
struct Decoded {
    char c;
    std::size_t width;
};

Decoded decode_at(std::string_view s, std::size_t i, bool percent_decode) {
    if (percent_decode && s[i] == '%' && i + 2 < s.size()) {
        const int high = hex_value(s[i + 1]);
        const int low = hex_value(s[i + 2]);
        if (high >= 0 && low >= 0) return {static_cast<char>(high * 16 + low), 3};
    }
    return {s[i], 1};
}

// A pattern element: a literal character, '*' or '?'.
struct PatternToken {
    enum class Kind { Literal, Star, One } kind;
    char c;
    std::size_t width;
};

// `escapes` is the query-string form, where "\*" and "\?" are literal and values may be percent-encoded.
PatternToken pattern_at(std::string_view p, std::size_t i, bool escapes) {
    if (escapes) {
        if (p[i] == '\\' && i + 1 < p.size()) return {PatternToken::Kind::Literal, p[i + 1], 2};
        if (p[i] == '%') {
            const Decoded d = decode_at(p, i, true);
            if (d.width == 3) return {PatternToken::Kind::Literal, d.c, 3};
        }
    }
    if (p[i] == '*') return {PatternToken::Kind::Star, '*', 1};
    if (p[i] == '?') return {PatternToken::Kind::One, '?', 1};
    return {PatternToken::Kind::Literal, p[i], 1};
}

// Greedy matching with a single backtrack point (the latest '*'): each '*' only ever extends by one
// character at a time, so the cost is O(pattern * text) in the worst case and there is no recursion.
bool match(std::string_view pattern, std::string_view text, bool case_insensitive, bool escapes,
           bool decode_text) {
    std::size_t p = 0, t = 0;
    std::size_t star_after = kNone;  // pattern position just after the latest '*'
    std::size_t star_text = 0;       // text position that '*' currently stops before
    while (t < text.size()) {
        if (p < pattern.size()) {
            const PatternToken token = pattern_at(pattern, p, escapes);
            if (token.kind == PatternToken::Kind::Star) {
                p += token.width;
                star_after = p;
                star_text = t;
                continue;
            }
            const Decoded d = decode_at(text, t, decode_text);
            if (token.kind == PatternToken::Kind::One || chars_equal(token.c, d.c, case_insensitive)) {
                p += token.width;
                t += d.width;
                continue;
            }
        }
        if (star_after == kNone) return false;
        // Let the latest '*' swallow one more character and retry from just after it.
        star_text += decode_at(text, star_text, decode_text).width;
        t = star_text;
        p = star_after;
    }
    while (p < pattern.size()) {
        const PatternToken token = pattern_at(pattern, p, escapes);
        if (token.kind != PatternToken::Kind::Star) return false;
        p += token.width;
    }
    return true;
}

// The path of a request-target: origin form "/a/b?x" or absolute form "http://host/a/b?x".
std::string_view path_of(std::string_view target) {
    if (!target.empty() && target.front() != '/') {
        const std::size_t scheme_end = target.find("://");
        if (scheme_end != std::string_view::npos) {
            const std::size_t path_start = target.find_first_of("/?#", scheme_end + 3);
            target = path_start == std::string_view::npos ? std::string_view("/") : target.substr(path_start);
            if (!target.empty() && target.front() != '/') return "/";
        }
    }
    const std::size_t end = target.find_first_of("?#");
    return end == std::string_view::npos ? target : target.substr(0, end);
}

std::string_view query_of(std::string_view target) {
    const std::size_t start = target.find('?');
    if (start == std::string_view::npos) return {};
    std::string_view query = target.substr(start + 1);
    const std::size_t fragment = query.find('#');
    return fragment == std::string_view::npos ? query : query.substr(0, fragment);
}

// The view already drops the port; this also copes with a "host:port" that slipped through (but not with
// a bare IPv6 literal, whose colons are part of the address).
std::string_view host_without_port(std::string_view host) {
    const std::size_t colon = host.rfind(':');
    if (colon == std::string_view::npos) return host;
    const std::size_t bracket = host.rfind(']');
    if (bracket == std::string_view::npos && host.find(':') != colon) return host;
    if (bracket != std::string_view::npos && bracket > colon) return host;
    for (std::size_t i = colon + 1; i < host.size(); ++i)
        if (host[i] < '0' || host[i] > '9') return host;
    return host.substr(0, colon);
}

std::optional<std::uint32_t> parse_ipv4(std::string_view s) {
    constexpr std::string_view kMappedPrefix = "::ffff:";
    if (s.size() > kMappedPrefix.size() && iequals(s.substr(0, kMappedPrefix.size()), kMappedPrefix))
        s.remove_prefix(kMappedPrefix.size());
    std::uint32_t address = 0;
    int octets = 0;
    std::size_t i = 0;
    while (octets < 4) {
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
        int value = 0, digits = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            value = value * 10 + (s[i] - '0');
            if (++digits > 3 || value > 255) return std::nullopt;
            ++i;
        }
        address = (address << 8) | static_cast<std::uint32_t>(value);
        if (++octets < 4) {
            if (i >= s.size() || s[i] != '.') return std::nullopt;
            ++i;
        }
    }
    if (i != s.size()) return std::nullopt;
    return address;
}

// "10.0.0.0/8", or a bare address meaning /32. IPv6 blocks never match: the listeners are IPv4 only.
bool cidr_contains(std::string_view cidr, std::uint32_t address) {
    int prefix = 32;
    const std::size_t slash = cidr.find('/');
    if (slash != std::string_view::npos) {
        const std::string_view bits = cidr.substr(slash + 1);
        if (bits.empty() || bits.size() > 2) return false;
        prefix = 0;
        for (const char c : bits) {
            if (c < '0' || c > '9') return false;
            prefix = prefix * 10 + (c - '0');
        }
        if (prefix > 32) return false;
        cidr = cidr.substr(0, slash);
    }
    const std::optional<std::uint32_t> network = parse_ipv4(cidr);
    if (!network) return false;
    if (prefix == 0) return true;
    const std::uint32_t mask = prefix == 32 ? 0xffffffffU : ~((1U << (32 - prefix)) - 1U);
    return (address & mask) == (*network & mask);
}

bool any_value_matches(const SnapshotCondition& condition, std::string_view text, bool case_insensitive) {
    for (const std::string& value : condition.values)
        if (wildcard_match(value, text, case_insensitive)) return true;
    return false;
}

bool path_matches(const SnapshotCondition& condition, const RequestView& request) {
    return any_value_matches(condition, path_of(request.target), false);
}

bool host_matches(const SnapshotCondition& condition, const RequestView& request) {
    return any_value_matches(condition, host_without_port(request.host), true);
}

bool header_matches(const SnapshotCondition& condition, const RequestView& request) {
    for (const HeaderView& header : request.headers) {
        if (!iequals(header.name, condition.http_header_name)) continue;
        if (any_value_matches(condition, header.value, true)) return true;
    }
    return false;
}

bool method_matches(const SnapshotCondition& condition, const RequestView& request) {
    for (const std::string& value : condition.values)
        if (value == request.method) return true;
    return false;
}

// Query parameters are compared percent-decoded on both sides ("%41" and "A" are the same character);
// '+' stays a literal plus, as RFC 3986 (which the ALB documentation cites) has it. A parameter without '='
// has an empty value.
bool query_matches(const SnapshotCondition& condition, const RequestView& request) {
    const std::string_view query = query_of(request.target);
    std::size_t start = 0;
    while (start <= query.size() && !query.empty()) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos) end = query.size();
        const std::string_view pair = query.substr(start, end - start);
        if (!pair.empty()) {
            const std::size_t equals = pair.find('=');
            const std::string_view key = pair.substr(0, equals);
            const std::string_view value =
                equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
            for (const auto& [want_key, want_value] : condition.query_values) {
                if (!want_key.empty() && !match(want_key, key, true, true, true)) continue;
                if (match(want_value, value, true, true, true)) return true;
            }
        }
        start = end + 1;
    }
    return false;
}

bool source_ip_matches(const SnapshotCondition& condition, const RequestView& request) {
    const std::optional<std::uint32_t> address = parse_ipv4(request.source_ip);
    if (!address) return false;
    for (const std::string& cidr : condition.values)
        if (cidr_contains(cidr, *address)) return true;
    return false;
}

}  // namespace

bool wildcard_match(std::string_view pattern, std::string_view text, bool case_insensitive) {
    return match(pattern, text, case_insensitive, false, false);
}

bool condition_matches(const SnapshotCondition& condition, const RequestView& request) {
    const std::string_view field = condition.field;
    if (field == "path-pattern") return path_matches(condition, request);
    if (field == "host-header") return host_matches(condition, request);
    if (field == "http-header") return header_matches(condition, request);
    if (field == "http-request-method") return method_matches(condition, request);
    if (field == "query-string") return query_matches(condition, request);
    if (field == "source-ip") return source_ip_matches(condition, request);
    return false;  // a field the API would have rejected: never matches rather than matching everything
}

const SnapshotRule* select_rule(const SnapshotListener& listener, const RequestView& request) {
    const SnapshotRule* default_rule = nullptr;
    for (const SnapshotRule& rule : listener.rules) {
        if (rule.is_default) {
            if (!default_rule) default_rule = &rule;
            continue;
        }
        bool all = true;
        for (const SnapshotCondition& condition : rule.conditions) {
            if (!condition_matches(condition, request)) {
                all = false;
                break;
            }
        }
        if (all) return &rule;
    }
    return default_rule;
}

}  // namespace ecsemu::core::alb
