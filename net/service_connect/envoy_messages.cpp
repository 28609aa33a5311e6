#include "net/service_connect/envoy_messages.hpp"

#include "net/alb/alb_responses.hpp"
#include "net/alb/forward_headers.hpp"

namespace ecsemu::net::service_connect {

namespace {

using alb::ascii_iequal;

void put_hex(char* out, std::uint64_t value, int digits) {
    static constexpr char kDigits[] = "0123456789abcdef";
    for (int i = digits - 1; i >= 0; --i, value >>= 4) out[i] = kDigits[value & 0xf];
}

// Headers the proxy sets itself, so a client's copy is not passed on.
bool proxy_owned(std::string_view name) {
    return ascii_iequal(name, "content-length") || ascii_iequal(name, "expect") ||
           ascii_iequal(name, "x-forwarded-proto") || ascii_iequal(name, "x-envoy-expected-rq-timeout-ms");
}

}  // namespace

void format_request_id(char (&out)[kRequestIdSize], std::uint64_t random_high, std::uint64_t random_low) {
    // xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx
    put_hex(out, random_high >> 32, 8);
    out[8] = '-';
    put_hex(out + 9, random_high >> 16, 4);
    out[13] = '-';
    put_hex(out + 14, (random_high & 0x0fff) | 0x4000, 4);
    out[18] = '-';
    put_hex(out + 19, ((random_low >> 48) & 0x3fff) | 0x8000, 4);
    out[23] = '-';
    put_hex(out + 24, random_low, 12);
}

void append_endpoint_request_head(std::string& out, const EndpointRequest& request) {
    out.append(request.method).append(" ").append(request.target).append(" HTTP/1.1\r\n");
    auto scope = alb::connection_scope(request.headers);
    bool has_request_id = false;
    for (const auto& [name, value] : request.headers) {
        if (proxy_owned(name) || alb::is_hop_by_hop(name, scope)) continue;
        if (ascii_iequal(name, "x-request-id")) has_request_id = true;
        out.append(name).append(": ").append(value).append("\r\n");
    }
    out.append("x-forwarded-proto: http\r\n");
    if (!has_request_id) out.append("x-request-id: ").append(request.request_id).append("\r\n");
    if (request.timeout_ms > 0)
        out.append("x-envoy-expected-rq-timeout-ms: ")
            .append(std::to_string(request.timeout_ms))
            .append("\r\n");
    if (request.content_length)
        out.append("content-length: ").append(std::to_string(*request.content_length)).append("\r\n");
    out.append("\r\n");
}

void append_local_reply(std::string& out, int status, std::string_view body, std::string_view date,
                        bool keep_alive) {
    out.append("HTTP/1.1 ").append(std::to_string(status)).append(" ");
    out.append(alb::alb_reason_phrase(status)).append("\r\n");
    out.append("content-length: ").append(std::to_string(body.size())).append("\r\n");
    out.append("content-type: text/plain\r\ndate: ").append(date).append("\r\nserver: envoy\r\n");
    if (!keep_alive) out.append("connection: close\r\n");
    out.append("\r\n").append(body);
}

void append_service_time(std::string& out, std::int64_t ms) {
    out.append("x-envoy-upstream-service-time: ").append(std::to_string(ms)).append("\r\n");
}

}  // namespace ecsemu::net::service_connect
