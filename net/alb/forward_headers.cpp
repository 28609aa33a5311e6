#include "net/alb/forward_headers.hpp"

#include <charconv>

#include "net/alb/alb_responses.hpp"

namespace ecsemu::net::alb {

namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// True when the comma-separated `list` contains `token` (case-insensitive).
bool list_contains(std::string_view list, std::string_view token) {
    while (!list.empty()) {
        auto comma = list.find(',');
        if (ascii_iequal(trim(list.substr(0, comma)), token)) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

void append_decimal(std::string& out, std::uint64_t value) {
    char digits[24];
    auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr);
}

void append_header(std::string& out, std::string_view name, std::string_view value) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
}

void append_hex(char* out, std::uint64_t value, int digits) {
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = digits - 1; i >= 0; --i) {
        out[i] = kHex[value & 0xf];
        value >>= 4;
    }
}

}  // namespace

bool ascii_iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

bool is_hop_by_hop(std::string_view name, std::span<const HeaderView> headers) {
    switch (name.size()) {
        case 2:
            if (ascii_iequal(name, "te")) return true;
            break;
        case 7:
            if (ascii_iequal(name, "trailer") || ascii_iequal(name, "upgrade")) return true;
            break;
        case 10:
            if (ascii_iequal(name, "connection") || ascii_iequal(name, "keep-alive")) return true;
            break;
        case 16:
            if (ascii_iequal(name, "proxy-connection")) return true;
            break;
        case 17:
            if (ascii_iequal(name, "transfer-encoding")) return true;
            break;
        default:
            break;
    }
    for (const auto& header : headers) {
        if (header.name.size() == 10 && ascii_iequal(header.name, "connection") &&
            list_contains(header.value, name)) {
            return true;
        }
    }
    return false;
}

std::span<const HeaderView> connection_scope(std::span<const HeaderView> headers) {
    for (const auto& header : headers) {
        if (header.name.size() == 10 && ascii_iequal(header.name, "connection")) return headers;
    }
    return {};
}

void format_trace_id(char (&out)[kTraceIdSize], std::uint32_t epoch_seconds, std::uint32_t random_high,
                     std::uint64_t random_low) {
    out[0] = '1';
    out[1] = '-';
    append_hex(out + 2, epoch_seconds, 8);
    out[10] = '-';
    append_hex(out + 11, random_high, 8);
    append_hex(out + 19, random_low, 16);
}

void append_upstream_request_head(std::string& out, const UpstreamRequest& request) {
    out += request.method;
    out += ' ';
    out += request.target;
    out += " HTTP/1.1\r\n";

    auto scope = connection_scope(request.headers);

    bool forwarded_for_written = false;
    std::string_view trace_header;
    for (const auto& header : request.headers) {
        auto name = header.name;
        if (ascii_iequal(name, "x-forwarded-for")) {
            if (!forwarded_for_written) {
                // Every X-Forwarded-For the client sent, in order, then the client's own address.
                out += "X-Forwarded-For: ";
                for (const auto& other : request.headers) {
                    if (!ascii_iequal(other.name, "x-forwarded-for")) continue;
                    auto value = trim(other.value);
                    if (value.empty()) continue;
                    out += value;
                    out += ", ";
                }
                out += request.client_ip;
                out += "\r\n";
                forwarded_for_written = true;
            }
            continue;
        }
        if (ascii_iequal(name, "x-amzn-trace-id")) {
            trace_header = header.value;
            continue;
        }
        if (ascii_iequal(name, "content-length") || ascii_iequal(name, "x-forwarded-proto") ||
            ascii_iequal(name, "x-forwarded-port") || ascii_iequal(name, "expect") ||
            is_hop_by_hop(name, scope)) {
            continue;
        }
        append_header(out, name, header.value);
    }
    if (!forwarded_for_written) append_header(out, "X-Forwarded-For", request.client_ip);
    out += "X-Forwarded-Proto: http\r\nX-Forwarded-Port: ";
    append_decimal(out, request.listener_port);
    out += "\r\nX-Amzn-Trace-Id: ";
    if (trace_header.empty()) {
        out += "Root=";
        out += request.trace_id;
    } else if (trace_header.find("Root=") != std::string_view::npos) {
        out += "Self=";
        out += request.trace_id;
        out += ';';
        out += trace_header;
    } else {
        out += "Root=";
        out += request.trace_id;
        out += ';';
        out += trace_header;
    }
    out += "\r\n";
    if (request.content_length) {
        out += "Content-Length: ";
        append_decimal(out, *request.content_length);
        out += "\r\n";
    }
    out += "\r\n";
}

void append_client_response_head(std::string& out, const ClientResponse& response) {
    out += "HTTP/1.1 ";
    append_decimal(out, static_cast<std::uint64_t>(response.status));
    out += ' ';
    out += response.reason.empty() ? alb_reason_phrase(response.status) : response.reason;
    out += "\r\n";

    auto scope = connection_scope(response.headers);
    for (const auto& header : response.headers) {
        if (is_hop_by_hop(header.name, scope)) continue;
        if (!response.bodiless && ascii_iequal(header.name, "content-length")) continue;
        append_header(out, header.name, header.value);
    }
    out += response.extra_headers;
    if (!response.bodiless) {
        out += "Content-Length: ";
        append_decimal(out, response.body_size);
        out += "\r\n";
    }
    if (!response.keep_alive) {
        out += "Connection: close\r\n";
    } else if (response.http_1_0_client) {
        out += "Connection: keep-alive\r\n";
    }
    out += "\r\n";
}

}  // namespace ecsemu::net::alb
