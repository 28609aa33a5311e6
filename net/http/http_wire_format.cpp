#include "net/http/http_wire_format.hpp"

#include <cstddef>
#include <utility>

namespace ecsemu::net {
namespace {

bool has_line_break(std::string_view text) {
    return text.find_first_of("\r\n") != std::string_view::npos;
}

// Framing is the server's business: a handler's own Content-Length or Transfer-Encoding could desynchronise
// the connection, and Connection is decided from the request.
bool is_framing_header(std::string_view name) {
    return ascii_iequals(name, "content-length") || ascii_iequals(name, "transfer-encoding") ||
           ascii_iequals(name, "connection");
}

void append_decimal(std::string& out, std::size_t value) {
    char digits[24];
    std::size_t n = 0;
    do {
        digits[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (n != 0) out.push_back(digits[--n]);
}

// JSON string escaping for the few characters a message may contain; the details come from the parser's
// error text, never from the client's bytes, but escaping keeps the body valid whatever they are.
void append_json_string(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.push_back('"');
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else if (byte < 0x20) {
            out += "\\u00";
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0xf]);
        } else {
            out.push_back(c);
        }
    }
    out.push_back('"');
}

HttpResponse json_error(int status, std::string_view type, std::string_view message) {
    HttpResponse response;
    response.status = status;
    response.headers.emplace_back("Content-Type", "application/x-amz-json-1.1");
    response.body = "{\"__type\":";
    append_json_string(response.body, type);
    response.body += ",\"message\":";
    append_json_string(response.body, message);
    response.body.push_back('}');
    return response;
}

}  // namespace

bool ascii_iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

std::string_view HttpRequest::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (ascii_iequals(key, name)) return value;
    }
    return {};
}

std::string_view reason_phrase(int status) {
    switch (status) {
        case 100:
            return "Continue";
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 202:
            return "Accepted";
        case 204:
            return "No Content";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 304:
            return "Not Modified";
        case 307:
            return "Temporary Redirect";
        case 308:
            return "Permanent Redirect";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 411:
            return "Length Required";
        case 413:
            return "Payload Too Large";
        case 414:
            return "URI Too Long";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        default:
            return "Unknown";
    }
}

bool status_allows_body(int status) {
    return status >= 200 && status != 204 && status != 304;
}

void write_response_head(std::string& out, const HttpResponse& response, ResponseHeadOptions options) {
    out.clear();
    int status = (response.status >= 100 && response.status <= 999) ? response.status : 500;
    out += "HTTP/1.1 ";
    append_decimal(out, static_cast<std::size_t>(status));
    out.push_back(' ');
    out += reason_phrase(status);
    out += "\r\n";

    bool has_server = false;
    for (const auto& [name, value] : response.headers) {
        if (name.empty() || is_framing_header(name) || has_line_break(name) || has_line_break(value))
            continue;
        if (!has_server && ascii_iequals(name, "server")) has_server = true;
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    if (!has_server) out += "Server: ecsemu\r\n";
    if (status_allows_body(status)) {
        out += "Content-Length: ";
        append_decimal(out, response.body.size());
        out += "\r\n";
    }
    if (!options.keep_alive) {
        out += "Connection: close\r\n";
    } else if (options.http_1_0_client) {
        out += "Connection: keep-alive\r\n";
    }
    out += "\r\n";
}

HttpResponse malformed_request_response(std::string_view detail) {
    std::string message = "Malformed HTTP request";
    if (!detail.empty()) {
        message += ": ";
        message += detail;
    }
    return json_error(400, "SerializationException", message);
}

HttpResponse body_too_large_response() {
    return json_error(413, "RequestEntityTooLargeException", "Request body too large");
}

HttpResponse headers_too_large_response() {
    return json_error(431, "RequestHeaderFieldsTooLargeException", "Request header fields too large");
}

HttpResponse handler_failure_response(std::string_view detail) {
    return json_error(500, "InternalFailure", detail.empty() ? std::string_view("Internal failure") : detail);
}

}  // namespace ecsemu::net
