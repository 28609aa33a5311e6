#pragma once
// A small synchronous HTTP/1.1 client for the command line (`ecsemu apply/status/down` talking to a running
// server): one connection per request, Connection: close, one deadline for the whole exchange. It runs its
// own io_context, so it can be called from any thread that does not run the server's.
#include <chrono>
#include <cstdint>
#include <string>

#include "net/http/http_server.hpp"

namespace ecsemu::net {

struct HttpClientOptions {
    std::chrono::milliseconds timeout{30'000};
    std::size_t max_body_bytes = 64 * 1024 * 1024;
};

// Sends `request` (method, target, headers, body; Host and Content-Length are added) to host:port. Returns
// false with `error` set when there is no complete answer (cannot connect, timeout, malformed answer).
bool http_exchange(const std::string& host, std::uint16_t port, const HttpRequest& request,
                   HttpResponse& response, std::string& error, const HttpClientOptions& options = {});

}  // namespace ecsemu::net
