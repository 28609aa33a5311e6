#include "emulator/app/up_command.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "emulator/api/scenario/applier.hpp"
#include "emulator/api/scenario/status_report.hpp"
#include "emulator/api/wire/gateway.hpp"
#include "emulator/app/scenario_commands.hpp"
#include "emulator/app/serve_command.hpp"

namespace ecsemu::app {
namespace {

using Clock = std::chrono::steady_clock;
using api::scenario::Scenario;

// Bounds the wait for a steady state: after this, `up` says so and keeps serving.
constexpr std::chrono::seconds kSteadyPatience{300};
constexpr std::chrono::milliseconds kPollInterval{200};

// API calls made in process: the gateway answers them on the io thread, as it answers the front door.
api::scenario::Transport gateway_transport(api::Gateway& gateway) {
    return [&gateway](const api::WireRequest& request) { return gateway.handle(request); };
}

std::vector<runtime::ProcessMapping> process_mappings(const Scenario& scenario) {
    std::vector<runtime::ProcessMapping> mappings;
    for (const auto& rule : scenario.ecsemu.runtimes) {
        if (!rule.process) continue;
        runtime::ProcessMapping mapping;
        mapping.image_glob = rule.image_glob;
        mapping.command = rule.command;
        mapping.working_directory = rule.working_directory;
        mappings.push_back(std::move(mapping));
    }
    return mappings;
}

// The lines `up` ends with: where the load balancers listen, the API, and a command to paste.
void print_ready(const Scenario& scenario, const ServeContext& context, const nlohmann::json& status,
                 double seconds) {
    std::printf("steady state after %.1f s\n", seconds);
    const nlohmann::json endpoints = context.endpoints();
    for (const auto& balancer : endpoints.value("loadBalancers", nlohmann::json::array())) {
        for (const auto& listener : balancer.value("listeners", nlohmann::json::array())) {
            std::printf("  load balancer %s port %d: %s\n", balancer.value("name", "").c_str(),
                        listener.value("port", 0), listener.value("url", "").c_str());
        }
    }
    std::printf("  AWS API: %s (region %s)\n", context.api_url.c_str(), scenario.region.c_str());
    for (const auto& cluster : status.value("clusters", nlohmann::json::array())) {
        std::string services;
        for (const auto& service : cluster.value("services", nlohmann::json::array())) {
            if (service.value("status", "") == "ACTIVE") services += " " + service.value("serviceName", "");
        }
        if (services.empty()) continue;
        std::printf(
            "  try: aws --endpoint-url %s --region %s ecs describe-services --cluster %s --services%s\n",
            context.api_url.c_str(), scenario.region.c_str(), cluster.value("clusterName", "").c_str(),
            services.c_str());
    }
    std::printf("Ctrl-C stops everything.\n");
    std::fflush(stdout);
}

// Polls the status through the in-process API until it is steady, printing each change of the summary.
class SteadyWatch : public std::enable_shared_from_this<SteadyWatch> {
public:
    SteadyWatch(const Scenario& scenario, ServeContext& context, Clock::time_point started)
        : scenario_(scenario),
          context_(context),
          client_(gateway_transport(context.gateway), scenario.region),
          timer_(context.io),
          started_(started) {}

    void poll() {
        auto status = api::scenario::gather_status(client_);
        const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
        if (!status) {
            std::fprintf(stderr, "ecsemu: reading the status failed: %s\n", status.error().message.c_str());
        } else {
            const std::string summary = api::scenario::progress_summary(status.value());
            if (summary != last_summary_ && !summary.empty()) {
                std::printf("  [%5.1f s] %s\n", seconds, summary.c_str());
                std::fflush(stdout);
                last_summary_ = summary;
            }
            if (api::scenario::is_steady(status.value())) {
                print_ready(scenario_, context_, status.value(), seconds);
                return;
            }
        }
        if (Clock::now() - started_ > kSteadyPatience) {
            std::printf("not steady after %lld s; still serving (ecsemu status shows why)\n",
                        static_cast<long long>(kSteadyPatience.count()));
            std::fflush(stdout);
            return;
        }
        timer_.expires_after(kPollInterval);
        timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
            if (!ec) self->poll();
        });
    }

private:
    const Scenario& scenario_;
    ServeContext& context_;
    api::scenario::AwsClient client_;
    boost::asio::steady_timer timer_;
    Clock::time_point started_;
    std::string last_summary_;
};

}  // namespace

int run_up(const CommandLine& line) {
    auto scenario = api::scenario::read_scenario_file(line.up.scenario_file);
    if (!scenario) {
        std::fprintf(stderr, "ecsemu: %s\n", scenario.error().message.c_str());
        return 1;
    }
    ServeOptions options = line.serve;
    if (!line.up.time_scale_given && scenario->ecsemu.time_scale)
        options.time_scale = *scenario->ecsemu.time_scale;
    const auto started = Clock::now();
    ServeHooks hooks;
    hooks.process_mappings = process_mappings(scenario.value());
    hooks.on_listening = [&scenario, started](ServeContext& context) {
        std::printf("applying %s (%zu resources, time scale %g)\n", scenario->file.c_str(),
                    scenario->resources.size(), context.time_scale);
        api::scenario::AwsClient client(gateway_transport(context.gateway), scenario->region);
        api::scenario::Applier applier(scenario.value(), client);
        const auto report = applier.apply([](const api::scenario::ResourceReport& resource) {
            std::printf("%s\n", api::scenario::report_line(resource).c_str());
        });
        print_apply_summary(report, client.mutating_calls());
        std::fflush(stdout);
        if (!report.ok()) {
            std::fprintf(stderr, "ecsemu: %s\n", report.error->c_str());
            context.stop(1);
            return;
        }
        std::printf(
            "waiting for a steady state (services at their desired count, deployments completed, "
            "targets healthy)\n");
        std::make_shared<SteadyWatch>(scenario.value(), context, started)->poll();
    };
    return run_serve(options, hooks);
}

}  // namespace ecsemu::app
