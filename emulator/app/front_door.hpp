#pragma once
// Routes each HTTP request the server receives: the emulator's own endpoints (/_ecsemu/..., and moto's
// reset path that test suites already call) are answered here; everything else is an AWS API call for the
// gateway. Runs on the io_context thread, like the gateway it calls.
#include <functional>
#include <string>

#include "net/http/http_server.hpp"

namespace ecsemu::api {
class Gateway;
}
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

    net::HttpResponse handle(net::HttpRequest& request);

private:
    net::HttpResponse endpoints() const;
    net::HttpResponse reset();
    net::HttpResponse forward_to_gateway(net::HttpRequest& request);

    api::Gateway& gateway_;
    persist::FileJournal* journal_;
    std::string api_url_;
    std::function<void()> after_reset_;
};

// "http://HOST:PORT", with IPv6 literals bracketed.
std::string http_url(const std::string& host, unsigned port);

}  // namespace ecsemu::app
