#pragma once
// The heads the proxy writes: the request it sends a target (hop-by-hop headers dropped, X-Forwarded-* and
// X-Amzn-Trace-Id added as ALB does, reference §4.3) and the response it returns to the client. Pure
// functions appending to reused strings, so a request costs no allocation once the strings have grown.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "emulator/core/alb/request_view.hpp"

namespace ecsemu::net::alb {

using core::alb::HeaderView;

bool ascii_iequal(std::string_view a, std::string_view b);

// Connection, Keep-Alive, Proxy-Connection, TE, Trailer, Transfer-Encoding, Upgrade, and any header the
// message's Connection header names: they describe one hop and are never passed on.
bool is_hop_by_hop(std::string_view name, std::span<const HeaderView> headers);

// headers when one of them is a Connection header, else empty: what is_hop_by_hop() needs to look at.
std::span<const HeaderView> connection_scope(std::span<const HeaderView> headers);

// "1-<8 hex epoch seconds>-<24 hex random>", the form of an X-Amzn-Trace-Id Root or Self.
constexpr std::size_t kTraceIdSize = 35;
void format_trace_id(char (&out)[kTraceIdSize], std::uint32_t epoch_seconds, std::uint32_t random_high,
                     std::uint64_t random_low);

struct UpstreamRequest {
    std::string_view method;
    std::string_view target;
    std::span<const HeaderView> headers;  // as the client sent them
    std::string_view client_ip;
    std::uint16_t listener_port = 80;
    std::optional<std::size_t> content_length;  // the body to send; nullopt when the request had none
    std::string_view trace_id;                  // a fresh format_trace_id() value
};

// Request line (always HTTP/1.1, keep-alive), end-to-end headers in order, then X-Forwarded-For (client IP
// appended to any list the client sent), X-Forwarded-Proto, X-Forwarded-Port, X-Amzn-Trace-Id (Root added
// when absent; Self prepended when the client sent a Root) and Content-Length, and the blank line.
void append_upstream_request_head(std::string& out, const UpstreamRequest& request);

struct ClientResponse {
    int status = 200;
    std::string_view reason;              // as the target sent it; a standard phrase when empty
    std::span<const HeaderView> headers;  // as the target sent them
    // No body follows (HEAD request, 1xx/204/304): the target's Content-Length is passed on unchanged.
    bool bodiless = false;
    std::size_t body_size = 0;
    bool keep_alive = true;
    bool http_1_0_client = false;
    std::string_view extra_headers;  // complete "Name: value\r\n" lines the load balancer adds
};

void append_client_response_head(std::string& out, const ClientResponse& response);

}  // namespace ecsemu::net::alb
