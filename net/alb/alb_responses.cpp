#include "net/alb/alb_responses.hpp"

#include <charconv>

namespace ecsemu::net::alb {

namespace {

#define ECSEMU_ALB_PAGE(title)                                                        \
    "<html>\r\n<head><title>" title "</title></head>\r\n<body>\r\n<center><h1>" title \
    "</h1></center>\r\n"                                                              \
    "</body>\r\n</html>\r\n"

constexpr std::string_view kPage301 = ECSEMU_ALB_PAGE("301 Moved Permanently");
constexpr std::string_view kPage302 = ECSEMU_ALB_PAGE("302 Found");
constexpr std::string_view kPage400 = ECSEMU_ALB_PAGE("400 Bad Request");
constexpr std::string_view kPage408 = ECSEMU_ALB_PAGE("408 Request Time-out");
constexpr std::string_view kPage413 = ECSEMU_ALB_PAGE("413 Request Entity Too Large");
constexpr std::string_view kPage500 = ECSEMU_ALB_PAGE("500 Internal Server Error");
constexpr std::string_view kPage502 = ECSEMU_ALB_PAGE("502 Bad Gateway");
constexpr std::string_view kPage503 = ECSEMU_ALB_PAGE("503 Service Temporarily Unavailable");
constexpr std::string_view kPage504 = ECSEMU_ALB_PAGE("504 Gateway Time-out");

#undef ECSEMU_ALB_PAGE

void append_decimal(std::string& out, std::uint64_t value) {
    char digits[24];
    auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr);
}

void append_status_line(std::string& out, int status, std::string_view reason) {
    out += "HTTP/1.1 ";
    append_decimal(out, static_cast<std::uint64_t>(status));
    out += ' ';
    out += reason;
    out += "\r\n";
}

void append_common_tail(std::string& out, std::string_view body, const AlbResponseContext& context) {
    out += "Content-Length: ";
    append_decimal(out, body.size());
    out += "\r\n";
    // ALB names the connection's fate on its own pages either way.
    out += context.keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "\r\n";
    out += body;
}

void append_server_and_date(std::string& out, const AlbResponseContext& context) {
    out += "Server: awselb/2.0\r\nDate: ";
    out += context.date;
    out += "\r\n";
}

// Copies `pattern` with the redirect keywords replaced.
void append_expanded(std::string& out, std::string_view pattern, const RedirectInputs& inputs,
                     std::string_view path_without_slash, std::string_view query) {
    std::size_t i = 0;
    while (i < pattern.size()) {
        if (pattern[i] == '#' && i + 1 < pattern.size() && pattern[i + 1] == '{') {
            auto close = pattern.find('}', i + 2);
            if (close != std::string_view::npos) {
                auto keyword = pattern.substr(i + 2, close - i - 2);
                bool known = true;
                if (keyword == "protocol") {
                    out += inputs.protocol;
                } else if (keyword == "host") {
                    out += inputs.host;
                } else if (keyword == "port") {
                    append_decimal(out, inputs.port);
                } else if (keyword == "path") {
                    out += path_without_slash;
                } else if (keyword == "query") {
                    out += query;
                } else {
                    known = false;
                }
                if (known) {
                    i = close + 1;
                    continue;
                }
            }
        }
        out += pattern[i];
        ++i;
    }
}

}  // namespace

std::string_view alb_status_page(int status) {
    switch (status) {
        case 301:
            return kPage301;
        case 302:
            return kPage302;
        case 400:
            return kPage400;
        case 408:
            return kPage408;
        case 413:
            return kPage413;
        case 502:
            return kPage502;
        case 503:
            return kPage503;
        case 504:
            return kPage504;
        default:
            return kPage500;
    }
}

std::string_view alb_reason_phrase(int status) {
    switch (status) {
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
            return "Request Time-out";
        case 409:
            return "Conflict";
        case 413:
            return "Request Entity Too Large";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Temporarily Unavailable";
        case 504:
            return "Gateway Time-out";
        default:
            return status < 300 ? "OK" : status < 400 ? "Redirect" : status < 500 ? "Client Error" : "Error";
    }
}

void append_error_page(std::string& out, int status, const AlbResponseContext& context) {
    append_status_line(out, status, alb_reason_phrase(status));
    append_server_and_date(out, context);
    out += "Content-Type: text/html\r\n";
    append_common_tail(out, alb_status_page(status), context);
}

void append_fixed_response(std::string& out, const core::elbv2::FixedResponse& fixed,
                           const AlbResponseContext& context) {
    int status = 0;
    std::from_chars(fixed.status_code.data(), fixed.status_code.data() + fixed.status_code.size(), status);
    if (status < 100 || status > 599) status = 503;
    append_status_line(out, status, alb_reason_phrase(status));
    append_server_and_date(out, context);
    if (!fixed.content_type.empty()) {
        out += "Content-Type: ";
        out += fixed.content_type;
        out += "\r\n";
    }
    append_common_tail(out, fixed.message_body ? std::string_view(*fixed.message_body) : std::string_view(),
                       context);
}

void append_redirect_location(std::string& out, const core::elbv2::Redirect& redirect,
                              const RedirectInputs& inputs) {
    auto target = inputs.target;
    auto question = target.find('?');
    auto path = target.substr(0, question);
    auto query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
    auto path_without_slash = !path.empty() && path.front() == '/' ? path.substr(1) : path;

    std::size_t protocol_start = out.size();
    append_expanded(out, redirect.protocol, inputs, path_without_slash, query);
    for (std::size_t i = protocol_start; i < out.size(); ++i) {
        if (out[i] >= 'A' && out[i] <= 'Z') out[i] = static_cast<char>(out[i] - 'A' + 'a');
    }
    out += "://";
    append_expanded(out, redirect.host, inputs, path_without_slash, query);
    out += ':';
    append_expanded(out, redirect.port, inputs, path_without_slash, query);
    std::size_t path_start = out.size();
    append_expanded(out, redirect.path, inputs, path_without_slash, query);
    if (out.size() == path_start || out[path_start] != '/') out.insert(path_start, 1, '/');
    std::size_t query_start = out.size();
    out += '?';
    append_expanded(out, redirect.query, inputs, path_without_slash, query);
    if (out.size() == query_start + 1) out.resize(query_start);
}

void append_redirect_response(std::string& out, const core::elbv2::Redirect& redirect,
                              const RedirectInputs& inputs, const AlbResponseContext& context) {
    int status = redirect.status_code == "HTTP_301" ? 301 : 302;
    append_status_line(out, status, alb_reason_phrase(status));
    append_server_and_date(out, context);
    out += "Content-Type: text/html\r\nLocation: ";
    append_redirect_location(out, redirect, inputs);
    out += "\r\n";
    append_common_tail(out, alb_status_page(status), context);
}

}  // namespace ecsemu::net::alb
