#include "emulator/app/http_transport.hpp"

#include <charconv>

#include "net/http/http_client.hpp"

namespace ecsemu::app {

std::optional<Endpoint> parse_endpoint(const std::string& url) {
    constexpr std::string_view kScheme = "http://";
    if (url.rfind(kScheme, 0) != 0) return std::nullopt;
    std::string_view rest = std::string_view(url).substr(kScheme.size());
    rest = rest.substr(0, rest.find('/'));
    Endpoint endpoint;
    std::string_view port_text;
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        endpoint.host = std::string(rest.substr(1, close - 1));
        rest = rest.substr(close + 1);
        if (!rest.empty() && rest.front() != ':') return std::nullopt;
        if (!rest.empty()) port_text = rest.substr(1);
    } else {
        const auto colon = rest.find(':');
        endpoint.host = std::string(rest.substr(0, colon));
        if (colon != std::string_view::npos) port_text = rest.substr(colon + 1);
    }
    if (endpoint.host.empty()) return std::nullopt;
    if (!port_text.empty()) {
        unsigned port = 0;
        const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (ec != std::errc() || end != port_text.data() + port_text.size() || port == 0 || port > 65535)
            return std::nullopt;
        endpoint.port = static_cast<std::uint16_t>(port);
    }
    return endpoint;
}

api::scenario::Transport http_transport(const Endpoint& endpoint) {
    return [endpoint](const api::WireRequest& request) {
        net::HttpRequest out;
        out.method = request.method;
        out.target = request.target;
        out.headers = request.headers;
        out.body = request.body;
        net::HttpResponse answer;
        std::string error;
        api::WireResponse response;
        if (!net::http_exchange(endpoint.host, endpoint.port, out, answer, error)) {
            response.status = 0;
            response.body =
                "cannot reach http://" + endpoint.host + ":" + std::to_string(endpoint.port) + ": " + error;
            return response;
        }
        response.status = answer.status;
        response.headers = std::move(answer.headers);
        response.body = std::move(answer.body);
        return response;
    };
}

bool control_request(const Endpoint& endpoint, const std::string& method, const std::string& path,
                     int& status, std::string& body, std::string& error) {
    net::HttpRequest request;
    request.method = method;
    request.target = path;
    net::HttpResponse answer;
    if (!net::http_exchange(endpoint.host, endpoint.port, request, answer, error)) return false;
    status = answer.status;
    body = std::move(answer.body);
    return true;
}

}  // namespace ecsemu::app
