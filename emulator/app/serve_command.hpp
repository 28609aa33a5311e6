#pragma once
// `ecsemu serve`: the AWS API endpoint on one port, on one io_context thread, until SIGINT or SIGTERM.
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulator/app/cli.hpp"
#include "emulator/runtime/process_launch.hpp"

namespace boost::asio {
class io_context;
}
namespace ecsemu::api {
class Gateway;
}

namespace ecsemu::app {

// What a command built on serve (`ecsemu up`) gets once the server listens. Valid until run_serve returns.
struct ServeContext {
    boost::asio::io_context& io;  // the control plane's one thread
    api::Gateway& gateway;        // call handle() on the io thread only
    std::string api_url;
    double time_scale = 1.0;
    std::function<nlohmann::json()> endpoints;  // the /_ecsemu/endpoints document
    std::function<void(int exit_code)> stop;  // stops the server as SIGTERM does; run_serve returns exit_code
};

struct ServeHooks {
    // Consulted after --process-image and --runtime-config.
    std::vector<runtime::ProcessMapping> process_mappings;
    // Runs on the io thread after the ready line is printed.
    std::function<void(ServeContext&)> on_listening;
};

// Exit status: 0 after a signal-driven stop (or `ecsemu down`), 1 when start-up fails (bind, journal open or
// read), or what hooks.on_listening passes to ServeContext::stop.
int run_serve(const ServeOptions& options, const ServeHooks& hooks = {});

}  // namespace ecsemu::app
