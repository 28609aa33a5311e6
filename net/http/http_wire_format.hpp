#pragma once
// The bytes of an HTTP/1.1 response head, and the responses the server sends on its own when it rejects a
// request. Pure functions: no sockets, so they are tested directly.
#include <string>
#include <string_view>

#include "net/http/http_server.hpp"

namespace ecsemu::net {

// ASCII case-insensitive equality, as HTTP field names compare.
bool ascii_iequals(std::string_view a, std::string_view b);

// Reason phrase for a status code ("OK", "Payload Too Large"); "Unknown" for codes without one.
std::string_view reason_phrase(int status);

// False for statuses that never carry a body (1xx, 204, 304).
bool status_allows_body(int status);

struct ResponseHeadOptions {
    bool keep_alive = true;
    bool http_1_0_client = false;  // a 1.0 client needs "Connection: keep-alive" to keep the connection
};

// Replaces out with the status line and headers of response, ending in the blank line. Adds Content-Length
// (the body's size), Server: ecsemu unless the response names its own server, and Connection when the
// connection closes or the client speaks HTTP/1.0. Drops handler headers that would break framing:
// Content-Length, Transfer-Encoding, Connection, and any name or value containing CR or LF.
// Reusing out across responses avoids an allocation per response.
void write_response_head(std::string& out, const HttpResponse& response, ResponseHeadOptions options);

// Rejections the server produces itself, as small AWS-style JSON errors
// ({"__type":"...","message":"..."}, Content-Type application/x-amz-json-1.1).
HttpResponse malformed_request_response(std::string_view detail);  // 400 SerializationException
HttpResponse body_too_large_response();                            // 413 RequestEntityTooLargeException
HttpResponse headers_too_large_response();                         // 431
HttpResponse handler_failure_response(std::string_view detail);    // 500 InternalFailure

}  // namespace ecsemu::net
