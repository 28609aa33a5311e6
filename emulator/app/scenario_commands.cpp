#include "emulator/app/scenario_commands.hpp"

#include <chrono>
#include <cstdio>
#include <thread>

#include "emulator/api/scenario/applier.hpp"
#include "emulator/api/scenario/status_report.hpp"
#include "emulator/app/http_transport.hpp"

namespace ecsemu::app {
namespace {

std::optional<Endpoint> endpoint_or_complain(const ClientOptions& options) {
    auto endpoint = parse_endpoint(options.endpoint);
    if (!endpoint)
        std::fprintf(stderr, "ecsemu: --endpoint %s is not an http://HOST:PORT URL\n",
                     options.endpoint.c_str());
    return endpoint;
}

}  // namespace

void print_apply_summary(const api::scenario::ApplyReport& report, std::size_t mutating_calls) {
    std::size_t counts[3] = {0, 0, 0};
    for (const auto& resource : report.resources) ++counts[static_cast<int>(resource.outcome)];
    std::printf("%zu resources: %zu created, %zu updated, %zu unchanged (%zu mutating calls)\n",
                report.resources.size(), counts[static_cast<int>(api::scenario::Outcome::Created)],
                counts[static_cast<int>(api::scenario::Outcome::Updated)],
                counts[static_cast<int>(api::scenario::Outcome::Unchanged)], mutating_calls);
}

int run_apply(const ClientOptions& options) {
    auto scenario = api::scenario::read_scenario_file(options.scenario_file);
    if (!scenario) {
        std::fprintf(stderr, "ecsemu: %s\n", scenario.error().message.c_str());
        return 1;
    }
    const auto endpoint = endpoint_or_complain(options);
    if (!endpoint) return 2;
    for (const auto& rule : scenario->ecsemu.runtimes) {
        if (!rule.process) continue;
        std::fprintf(
            stderr,
            "ecsemu: note: the process runtime for %s applies to servers started with `ecsemu up`; a "
            "running server keeps its own --process-image / --runtime-config\n",
            rule.image_glob.c_str());
    }
    api::scenario::AwsClient client(http_transport(*endpoint), scenario->region);
    api::scenario::Applier applier(scenario.value(), client);
    const auto report = applier.apply([](const api::scenario::ResourceReport& resource) {
        std::printf("%s\n", api::scenario::report_line(resource).c_str());
        std::fflush(stdout);
    });
    print_apply_summary(report, client.mutating_calls());
    if (!report.ok()) {
        std::fprintf(stderr, "ecsemu: %s\n", report.error->c_str());
        return 1;
    }
    return 0;
}

int run_status(const ClientOptions& options) {
    const auto endpoint = endpoint_or_complain(options);
    if (!endpoint) return 2;
    api::scenario::AwsClient client(http_transport(*endpoint), options.region);
    auto status = api::scenario::gather_status(client);
    if (!status) {
        std::fprintf(stderr, "ecsemu: %s\n", status.error().message.c_str());
        return 1;
    }
    if (options.json) {
        status.value()["steady"] = api::scenario::is_steady(status.value());
        std::printf("%s\n", status->dump(2).c_str());
    } else {
        std::fputs(api::scenario::render_status(status.value()).c_str(), stdout);
        std::printf("%s\n", api::scenario::is_steady(status.value()) ? "steady state" : "not steady yet");
    }
    return 0;
}

int run_down(const ClientOptions& options) {
    const auto endpoint = endpoint_or_complain(options);
    if (!endpoint) return 2;
    int status = 0;
    std::string body;
    std::string error;
    if (!control_request(*endpoint, "POST", "/_ecsemu/shutdown", status, body, error)) {
        std::fprintf(stderr, "ecsemu: cannot reach %s: %s\n", options.endpoint.c_str(), error.c_str());
        return 1;
    }
    if (status != 200) {
        std::fprintf(stderr, "ecsemu: %s answered %d to the shutdown request: %s\n", options.endpoint.c_str(),
                     status, body.c_str());
        return 1;
    }
    // The answer comes before the server stops; wait until it no longer answers so scripts can start
    // another one on the same port straight after.
    for (int attempt = 0; attempt < 100; ++attempt) {
        if (!control_request(*endpoint, "GET", "/_ecsemu/health", status, body, error)) {
            std::printf("ecsemu at %s stopped\n", options.endpoint.c_str());
            return 0;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::fprintf(stderr, "ecsemu: %s still answers 10 s after the shutdown request\n",
                 options.endpoint.c_str());
    return 1;
}

}  // namespace ecsemu::app
