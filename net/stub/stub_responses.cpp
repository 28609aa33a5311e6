#include "net/stub/stub_responses.hpp"

#include <cctype>
#include <cstdint>
#include <map>

#include "emulator/core/json_escape.hpp"
#include "net/stub/stub_health.hpp"

namespace ecsemu::net {

namespace {

std::string lower_case(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string quoted(std::string_view s) {
    return "\"" + json_escape(s) + "\"";
}

std::string echo_body(const StubIdentity& identity, const HttpRequest& request,
                      const std::optional<std::string>& upstream) {
    // Ordered by name so the body is reproducible; first-seen order is kept within one name.
    std::map<std::string, std::string> headers;
    for (const auto& [name, value] : request.headers) {
        auto& joined = headers[lower_case(name)];
        joined += joined.empty() ? value : ", " + value;
    }
    std::string body =
        "{\"taskArn\":" + quoted(identity.task_arn) + ",\"family\":" + quoted(identity.family) +
        ",\"revision\":" + std::to_string(identity.revision) +
        ",\"container\":" + quoted(identity.container) + ",\"path\":" + quoted(request.target) +
        ",\"method\":" + quoted(request.method) + ",\"headers\":{";
    bool first = true;
    for (const auto& [name, value] : headers) {
        if (!first) body += ',';
        first = false;
        body += quoted(name) + ":" + quoted(value);
    }
    body += '}';
    if (upstream) body += ",\"upstream\":" + *upstream;
    body += '}';
    return body;
}

HttpResponse json_response(int status, std::string body) {
    HttpResponse response;
    response.status = status;
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = std::move(body);
    return response;
}

}  // namespace

std::string json_escape(std::string_view s) {
    return core::json_escape(s);
}

core::Duration request_latency(const StubBehaviour& behaviour, const HttpRequest& request) {
    const std::string_view value = request.header(kStubLatencyHeader);
    if (value.empty() || value.size() > 6) return behaviour.latency;
    std::int64_t ms = 0;
    for (const char c : value) {
        if (c < '0' || c > '9') return behaviour.latency;
        ms = ms * 10 + (c - '0');
    }
    return ms <= 600'000 ? core::Duration::milliseconds(ms) : behaviour.latency;
}

HttpResponse answer_stub_request(const StubIdentity& identity, const StubBehaviour& behaviour,
                                 const std::optional<std::string>& health_check_path,
                                 const HttpRequest& request, bool failing,
                                 const std::optional<std::string>& upstream) {
    if (failing) return json_response(503, "{\"status\":\"DOWN\"}");
    int status = is_health_path(request.target, health_check_path) ? 200 : behaviour.status;
    return json_response(status, echo_body(identity, request, upstream));
}

bool stub_calls_upstream(const StubBehaviour& behaviour, const std::optional<std::string>& health_check_path,
                         const HttpRequest& request, bool failing) {
    return behaviour.upstream && !failing && !is_health_path(request.target, health_check_path);
}

}  // namespace ecsemu::net
