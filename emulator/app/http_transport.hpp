#pragma once
// The scenario client's transport to a running server: each WireRequest as one HTTP exchange with
// --endpoint (net/http/http_client), so apply and status make exactly the calls an AWS SDK would.
#include <cstdint>
#include <optional>
#include <string>

#include "emulator/api/scenario/aws_client.hpp"

namespace ecsemu::app {

struct Endpoint {
    std::string host;
    std::uint16_t port = 80;
};

// "http://HOST[:PORT][/]" (IPv6 literals in brackets); nothing for anything else.
std::optional<Endpoint> parse_endpoint(const std::string& url);

api::scenario::Transport http_transport(const Endpoint& endpoint);

// One request to one of the emulator's own paths (/_ecsemu/...); false with `error` when there is no answer.
bool control_request(const Endpoint& endpoint, const std::string& method, const std::string& path,
                     int& status, std::string& body, std::string& error);

}  // namespace ecsemu::app
