#include "emulator/app/front_door.hpp"

#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "emulator/api/ecs/task_metadata.hpp"
#include "emulator/api/wire/gateway.hpp"
#include "emulator/core/ports.hpp"
#include "emulator/persist/file_journal.hpp"

namespace ecsemu::app {
namespace {

constexpr std::string_view kControlPrefix = "/_ecsemu/";
constexpr std::string_view kMetadataPrefix = "/_ecsemu/metadata/";

std::string_view path_of(std::string_view target) {
    return target.substr(0, target.find('?'));
}

net::HttpResponse json_response(int status, std::string body) {
    net::HttpResponse response;
    response.status = status;
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = std::move(body);
    return response;
}

net::HttpResponse json_error(int status, std::string_view message) {
    return json_response(status, nlohmann::json{{"message", message}}.dump());
}

}  // namespace

FrontDoor::FrontDoor(api::Gateway& gateway, persist::FileJournal* journal)
    : gateway_(gateway), journal_(journal) {}

net::HttpResponse FrontDoor::handle(net::HttpRequest& request) {
    std::string_view path = path_of(request.target);
    bool is_control = path.substr(0, kControlPrefix.size()) == kControlPrefix;
    if (!is_control && path != "/moto-api/reset") return forward_to_gateway(request);

    const std::string& method = request.method;
    if (path == "/_ecsemu/health") {
        if (method != "GET" && method != "HEAD") return json_error(405, "Use GET");
        return json_response(200, R"({"status":"ok"})");
    }
    if (path == "/_ecsemu/metrics") {
        if (method != "GET" && method != "HEAD") return json_error(405, "Use GET");
        if (!metrics_source_) return json_error(404, "Metrics are not recorded");
        return json_response(200, metrics_source_().dump());
    }
    if (path == "/_ecsemu/endpoints") {
        if (method != "GET" && method != "HEAD") return json_error(405, "Use GET");
        return endpoints();
    }
    if (path.substr(0, kMetadataPrefix.size()) == kMetadataPrefix) {
        if (method != "GET" && method != "HEAD") return json_error(405, "Use GET");
        return task_metadata(path.substr(kMetadataPrefix.size()));
    }
    if (path == "/_ecsemu/shutdown") {
        if (method != "POST") return json_error(405, "Use POST");
        if (!shutdown_) return json_error(404, "This server cannot be stopped remotely");
        shutdown_();
        return json_response(200, R"({"status":"stopping"})");
    }
    if (path == "/_ecsemu/reset" || path == "/moto-api/reset") {
        if (method != "POST") return json_error(405, "Use POST");
        return reset();
    }
    return json_error(404, "Unknown ecsemu endpoint: " + std::string(path));
}

nlohmann::json FrontDoor::endpoints_document() const {
    nlohmann::json body{{"api", api_url_},
                        {"dns", nullptr},
                        {"loadBalancers", nlohmann::json::array()},
                        {"serviceConnect", nlohmann::json::array()}};
    for (const auto& [key, source] : endpoint_sources_) body[key] = source();
    return body;
}

net::HttpResponse FrontDoor::endpoints() const {
    return json_response(200, endpoints_document().dump());
}

net::HttpResponse FrontDoor::task_metadata(std::string_view path_below_metadata) const {
    if (ecs_world_ == nullptr || ec2_ == nullptr || clock_ == nullptr) {
        return json_error(404, "The task metadata endpoint is not served");
    }
    api::ecs::TaskMetadataAnswer answer =
        api::ecs::answer_task_metadata(*ecs_world_, *ec2_, path_below_metadata, clock_->now());
    return json_response(answer.status, std::move(answer.body));
}

net::HttpResponse FrontDoor::reset() {
    // Journal first: if the process dies between the two steps, a restart comes up empty instead of
    // replaying the state the client asked to drop.
    if (journal_ != nullptr) {
        auto cleared = journal_->clear();
        if (!cleared.ok()) return json_error(500, cleared.error().message);
    }
    gateway_.reset();
    if (after_reset_) after_reset_();
    return json_response(200, R"({"status":"reset"})");
}

net::HttpResponse FrontDoor::forward_to_gateway(net::HttpRequest& request) {
    api::WireRequest wire;
    wire.method = std::move(request.method);
    wire.target = std::move(request.target);
    wire.headers = std::move(request.headers);
    wire.body = std::move(request.body);
    api::WireResponse answer = gateway_.handle(wire);

    net::HttpResponse response;
    response.status = answer.status;
    response.headers = std::move(answer.headers);
    response.body = std::move(answer.body);
    return response;
}

std::string http_url(const std::string& host, unsigned port) {
    bool ipv6_literal = host.find(':') != std::string::npos;
    std::string url = "http://";
    url += ipv6_literal ? "[" + host + "]" : host;
    url += ":" + std::to_string(port);
    return url;
}

}  // namespace ecsemu::app
