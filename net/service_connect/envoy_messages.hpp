#pragma once
// The bytes the Service Connect proxy writes itself, shaped as Envoy's: the request head it sends an
// endpoint and its local replies ("no healthy upstream", "upstream request timeout", ...). Pure functions
// appending to reused strings.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "emulator/core/alb/request_view.hpp"

namespace ecsemu::net::service_connect {

using core::alb::HeaderView;

// Envoy's local reply bodies.
inline constexpr std::string_view kNoHealthyUpstream = "no healthy upstream";
inline constexpr std::string_view kUpstreamTimeout = "upstream request timeout";
inline constexpr std::string_view kConnectFailure =
    "upstream connect error or disconnect/reset before headers. reset reason: connection failure";
inline constexpr std::string_view kConnectionTermination =
    "upstream connect error or disconnect/reset before headers. reset reason: connection termination";

constexpr std::size_t kRequestIdSize = 36;
// A random (version 4) UUID, as Envoy generates for x-request-id.
void format_request_id(char (&out)[kRequestIdSize], std::uint64_t random_high, std::uint64_t random_low);

struct EndpointRequest {
    std::string_view method;
    std::string_view target;
    std::span<const HeaderView> headers;        // as the client sent them; Host is kept
    std::optional<std::size_t> content_length;  // the body to send; nullopt when the request had none
    std::string_view request_id;                // used when the client sent no x-request-id
    std::int64_t timeout_ms = 0;                // x-envoy-expected-rq-timeout-ms; 0: none
};

// Request line (HTTP/1.1), end-to-end headers in order, x-forwarded-proto, x-request-id (when absent),
// x-envoy-expected-rq-timeout-ms and Content-Length, then the blank line.
void append_endpoint_request_head(std::string& out, const EndpointRequest& request);

// A whole local reply: text/plain body, date, server: envoy.
void append_local_reply(std::string& out, int status, std::string_view body, std::string_view date,
                        bool keep_alive);

// "x-envoy-upstream-service-time: <ms>\r\n", the header Envoy's router adds to forwarded responses.
void append_service_time(std::string& out, std::int64_t ms);

}  // namespace ecsemu::net::service_connect
