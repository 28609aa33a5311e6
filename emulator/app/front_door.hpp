#pragma once
// Routes each HTTP request the server receives: the emulator's own endpoints (/_ecsemu/..., and moto's
// reset path that test suites already call) are answered here; everything else is an AWS API call for the
// gateway. Runs on the io_context thread, like the gateway it calls.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "net/http/http_server.hpp"

namespace ecsemu::api {
class Gateway;
}
namespace ecsemu::core {
class Clock;
class Ec2Directory;
namespace ecs {
class EcsWorld;
}
}  // namespace ecsemu::core
namespace ecsemu::persist {
class FileJournal;
}

namespace ecsemu::app {

class FrontDoor {
public:
    // journal may be null (no --data-dir). Both must outlive the front door.
    FrontDoor(api::Gateway& gateway, persist::FileJournal* journal);

    // The URL clients use for the AWS API, reported by /_ecsemu/endpoints; known once the port is bound.
    void set_api_url(std::string url) { api_url_ = std::move(url); }
    // Called after a reset emptied every service's state (the engine then stops the tasks it ran).
    void set_after_reset(std::function<void()> hook) { after_reset_ = std::move(hook); }

    // Serves the task metadata endpoint (/_ecsemu/metadata/..., api/ecs/task_metadata.hpp) from these, which
    // must outlive the front door. Without them that path is a 404.
    void set_task_metadata(const core::ecs::EcsWorld& world, const core::Ec2Directory& ec2,
                           core::Clock& clock) {
        ecs_world_ = &world;
        ec2_ = &ec2;
        clock_ = &clock;
    }

    // Answers POST /_ecsemu/shutdown (`ecsemu down`): called after the answer is made, it must stop the
    // server the way SIGTERM does, late enough for the answer to be sent. Without it that path is a 404.
    void set_shutdown(std::function<void()> hook) { shutdown_ = std::move(hook); }

    // Answers GET /_ecsemu/metrics (a 404 without it).
    void set_metrics_source(std::function<nlohmann::json()> source) { metrics_source_ = std::move(source); }
    // Fills member `key` of /_ecsemu/endpoints ("dns", "loadBalancers", "serviceConnect"); without a
    // source they are null, [] and [].
    void set_endpoints_source(const std::string& key, std::function<nlohmann::json()> source) {
        endpoint_sources_[key] = std::move(source);
    }

    net::HttpResponse handle(net::HttpRequest& request);

    // What GET /_ecsemu/endpoints answers.
    nlohmann::json endpoints_document() const;

private:
    net::HttpResponse endpoints() const;
    net::HttpResponse reset();
    net::HttpResponse forward_to_gateway(net::HttpRequest& request);
    net::HttpResponse task_metadata(std::string_view path_below_metadata) const;

    api::Gateway& gateway_;
    persist::FileJournal* journal_;
    std::string api_url_;
    std::function<void()> after_reset_;
    std::function<void()> shutdown_;
    std::map<std::string, std::function<nlohmann::json()>> endpoint_sources_;
    std::function<nlohmann::json()> metrics_source_;
    const core::ecs::EcsWorld* ecs_world_ = nullptr;
    const core::Ec2Directory* ec2_ = nullptr;
    core::Clock* clock_ = nullptr;
};

// "http://HOST:PORT", with IPv6 literals bracketed.
std::string http_url(const std::string& host, unsigned port);

}  // namespace ecsemu::app
