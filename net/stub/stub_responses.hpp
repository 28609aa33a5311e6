#pragma once
// What a stub container answers, as a pure function of the request. The default answer echoes who
// answered and what was asked, so a test or a person with curl can see which task an ALB or a Service
// Connect proxy picked:
//   {"taskArn":"...","family":"web","revision":3,"container":"app","path":"/x?y=1","method":"GET",
//    "headers":{"host":"...","user-agent":"..."}}
// "path" is the request target as sent, query included. Header names are lower-cased; repeated headers are
// joined with ", " in arrival order.
#include <optional>
#include <string>
#include <string_view>

#include "net/http/http_server.hpp"
#include "net/stub/stub_behaviour.hpp"

namespace ecsemu::net {

struct StubIdentity {
    std::string task_arn;
    std::string family;
    int revision = 0;
    std::string container;
};

// failing: stub_is_failing() at the time of the request. health_check_path: health_check_url_path() of the
// container's healthCheck, if any. upstream: upstream_json() of the ECSEMU_STUB_UPSTREAM call made for
// this request, added to the echo as "upstream".
HttpResponse answer_stub_request(const StubIdentity& identity, const StubBehaviour& behaviour,
                                 const std::optional<std::string>& health_check_path,
                                 const HttpRequest& request, bool failing,
                                 const std::optional<std::string>& upstream = std::nullopt);

// Whether the request gets the ECSEMU_STUB_UPSTREAM call: the container has one and this is not a health
// request of a container that is up.
bool stub_calls_upstream(const StubBehaviour& behaviour, const std::optional<std::string>& health_check_path,
                         const HttpRequest& request, bool failing);

// How long to hold this answer: the container's ECSEMU_STUB_LATENCY_MS, or, for one request, the emulated
// milliseconds in its X-Ecsemu-Stub-Latency-Ms header (0..600000), so a test can make one request slow
// (draining, timeouts) without slowing the task down for everyone.
inline constexpr std::string_view kStubLatencyHeader = "X-Ecsemu-Stub-Latency-Ms";
core::Duration request_latency(const StubBehaviour& behaviour, const HttpRequest& request);

// s as the inside of a JSON string literal (quotes not included).
std::string json_escape(std::string_view s);

}  // namespace ecsemu::net
