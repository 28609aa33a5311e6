#pragma once
// ECSEMU_STUB_UPSTREAM: a stub container that has it calls that URL (one GET) before answering each
// request that is not a health request, and reports what came back inside its own JSON answer:
//   "upstream":{"status":200,"body":{...}}          the upstream's body, as JSON when it is JSON
//   "upstream":{"status":200,"body":"plain text"}   else as a string
//   "upstream":{"status":0,"body":"","error":"..."}  the call failed (name, connection or timeout)
// The stub's own status is unchanged either way. Only http:// URLs with a host name or IPv4 address.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ecsemu::net {

struct StubUpstreamUrl {
    std::string host;          // backend.ielts.local
    std::uint16_t port = 80;   // 8080
    std::string target = "/";  // /actuator/health?x=1
    std::string host_header;   // backend.ielts.local:8080 (no port when it is 80)
};

std::optional<StubUpstreamUrl> parse_stub_upstream_url(std::string_view url);

struct StubUpstreamAnswer {
    int status = 0;  // 0: no answer
    std::string body;
    std::string error;  // why there is no answer
};

// The value of the "upstream" member, as JSON text.
std::string upstream_json(const StubUpstreamAnswer& answer);

}  // namespace ecsemu::net
