#include "emulator/app/serve_command.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "emulator/api/ecs/ecs_service.hpp"
#include "emulator/api/wire/gateway.hpp"
#include "emulator/api/wire/journal_record.hpp"
#include "emulator/app/continued_clock.hpp"
#include "emulator/app/front_door.hpp"
#include "emulator/app/load_balancing.hpp"
#include "emulator/app/service_connect_plane.hpp"
#include "emulator/app/task_runtimes.hpp"
#include "emulator/control/scaling_plane.hpp"
#include "emulator/control/service_registry.hpp"
#include "emulator/control/traffic_metrics.hpp"
#include "emulator/core/engine/ecs_scalable_resources.hpp"
#include "emulator/core/engine/engine.hpp"
#include "emulator/persist/file_journal.hpp"
#include "emulator/runtime/process_task_runtime.hpp"
#include "net/asio/asio_clock.hpp"
#include "net/http/http_server.hpp"
#include "net/stub/stub_dns_resolver.hpp"
#include "net/stub/stub_task_runtime.hpp"

namespace ecsemu::app {

using control::ScalingPlane;
using control::ScalingPlaneParts;
using control::ServiceRegistry;
using control::TrafficMetrics;
using control::TrafficSources;

namespace {

// A listener on every address is still reached through loopback by local clients.
std::string client_facing_host(const std::string& host) {
    if (host == "0.0.0.0") return "127.0.0.1";
    if (host == "::") return "::1";
    return host;
}

std::string task_log_dir(const ServeOptions& options) {
    if (!options.task_log_dir.empty()) return options.task_log_dir;
    if (!options.data_dir.empty()) return (std::filesystem::path(options.data_dir) / "task-logs").string();
    const char* tmp = std::getenv("TMPDIR");
    const std::filesystem::path base = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
    return (base / ("ecsemu-task-logs-" + std::to_string(::getpid()))).string();
}

// The journal of --data-dir, or null without one. Sets `failed` when the directory cannot be used.
std::unique_ptr<persist::FileJournal> open_journal(const std::string& data_dir, bool& failed) {
    failed = false;
    if (data_dir.empty()) return nullptr;
    auto opened = persist::FileJournal::open(data_dir);
    if (!opened.ok()) {
        std::fprintf(stderr, "ecsemu: cannot open journal in %s: %s\n", data_dir.c_str(),
                     opened.error().message.c_str());
        failed = true;
        return nullptr;
    }
    return std::move(opened.value());
}

// Emulated time the previous process may have shown, at the latest: the last journaled instant plus the
// real time since the journal was last written, at the current time scale (the previous process ran the
// engine, whose timestamps are not journaled, until it stopped). With an unchanged --time-scale nothing new
// is stamped before anything a client saw; time also passes while the emulator is down, as it would.
core::Instant previous_run_end(const persist::FileJournal& journal, core::Instant last_record,
                               core::Instant wall_now, double time_scale) {
    struct stat status {};
    if (::stat(journal.path().c_str(), &status) != 0) return last_record;
    const std::int64_t written_ms =
        static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1000 + status.st_mtim.tv_nsec / 1'000'000;
    const std::int64_t since_write_ms = std::max<std::int64_t>(0, wall_now.epoch_ms - written_ms);
    return last_record + core::Duration::milliseconds(static_cast<std::int64_t>(since_write_ms * time_scale));
}

// Re-applies every journaled mutation. A record that fails is reported and skipped rather than refusing to
// start: the emulator stays usable and the message says where the state diverges. Returns the latest
// instant of a record, or nothing when the journal cannot be read.
std::optional<core::Instant> replay_journal(persist::FileJournal& journal, api::Gateway& gateway) {
    auto records = journal.read_records();
    if (!records.ok()) {
        std::fprintf(stderr, "ecsemu: cannot read %s: %s\n", journal.path().c_str(),
                     records.error().message.c_str());
        return std::nullopt;
    }
    core::Instant latest;
    std::size_t failed = 0;
    std::size_t index = 0;
    for (const std::string& record : records.value()) {
        ++index;
        if (auto decoded = api::decode_journal_record(record); decoded.ok())
            latest = std::max(latest, decoded->now);
        auto replayed = gateway.replay(record);
        if (replayed.ok()) continue;
        if (++failed <= 10) {
            std::fprintf(stderr, "ecsemu: journal record %zu not replayed: %s\n", index,
                         replayed.error().message.c_str());
        }
    }
    if (failed != 0) {
        std::fprintf(stderr,
                     "ecsemu: %zu of %zu journal records not replayed; state may differ from before\n",
                     failed, records->size());
    }
    return latest;
}

runtime::ProcessRuntimeConfig process_config(std::vector<runtime::ProcessMapping> mappings,
                                             const std::string& log_dir) {
    runtime::ProcessRuntimeConfig config;
    config.mappings = std::move(mappings);
    config.log_dir = log_dir;
    return config;
}

// The task runtimes and the engine that drives them, wired both ways: the engine starts tasks through the
// router, the runtimes report to the engine.
struct ControlPlane {
    ControlPlane(boost::asio::io_context& io, core::Clock& clock, ServiceRegistry& services,
                 std::vector<runtime::ProcessMapping> process_mappings, const std::string& log_dir,
                 core::engine::EngineKnobs knobs)
        : runtimes(process_mappings),
          engine(services.ecs_world(), services.ec2_directory(), clock, runtimes, std::move(knobs)),
          stub_runtime(io, clock, engine),
          process_runtime(io, clock, engine, process_config(std::move(process_mappings), log_dir)) {
        runtimes.attach(stub_runtime, process_runtime);
        runtimes.attach_usage(stub_runtime, process_runtime);
        // The engine takes stopped tasks down and settles them when the runtime has stopped them.
        services.ecs().set_settle_stops_immediately(false);
    }

    RuntimeRouter runtimes;
    core::engine::Engine engine;
    net::StubTaskRuntime stub_runtime;
    runtime::ProcessTaskRuntime process_runtime;
};

}  // namespace

int run_serve(const ServeOptions& options, const ServeHooks& hooks) {
    std::string mapping_error;
    auto process_mappings = parse_process_images(options.process_images, mapping_error);
    if (mapping_error.empty() && !options.runtime_config.empty()) {
        auto from_file = read_runtime_config(options.runtime_config, mapping_error);
        process_mappings.insert(process_mappings.end(), from_file.begin(), from_file.end());
    }
    process_mappings.insert(process_mappings.end(), hooks.process_mappings.begin(),
                            hooks.process_mappings.end());
    if (!mapping_error.empty()) {
        std::fprintf(stderr, "ecsemu: %s\n", mapping_error.c_str());
        return 2;
    }
    boost::asio::io_context io(1);
    // The one clock of the control plane: AWS-visible timestamps, task lifecycles and every delay the
    // scheduler waits for run on it, so --time-scale speeds them all up alike.
    net::AsioClock asio_clock(io, options.time_scale);
    ContinuedClock clock(asio_clock);

    api::GatewayConfig config;
    config.default_region = options.region;
    config.account_id = options.account_id;
    api::Gateway gateway(config, [&clock] { return clock.now(); });
    ServiceRegistry services(gateway);

    bool journal_failed = false;
    auto journal = open_journal(options.data_dir, journal_failed);
    if (journal_failed) return 1;
    FrontDoor front_door(gateway, journal.get());
    front_door.set_task_metadata(services.ecs_world(), services.ec2_directory(), clock);
    net::HttpServerLimits limits;
    limits.body_bytes = config.max_body_bytes;
    net::HttpServer server(
        io, options.host, options.port,
        [&front_door](net::HttpRequest& request) { return front_door.handle(request); }, limits);
    // Bind before replaying so a taken port fails fast; connections wait in the backlog until io.run().
    if (auto ec = server.start()) {
        std::fprintf(stderr, "ecsemu: cannot listen on %s port %u: %s\n", options.host.c_str(),
                     static_cast<unsigned>(options.port), ec.message().c_str());
        return 1;
    }
    // The engine is built once the port is known: containers are told the API's URL for task metadata.
    const std::string api_url = http_url(client_facing_host(options.host), server.local_port());
    core::engine::EngineKnobs knobs;
    knobs.api_base_url = api_url;
    ControlPlane control(io, clock, services, std::move(process_mappings), task_log_dir(options),
                         std::move(knobs));
    LoadBalancing load_balancing(io, clock, services, control.engine);
    ServiceConnectPlane service_connect(io, services);
    if (auto ec = service_connect.start()) {
        std::fprintf(stderr, "ecsemu: DNS server not started (%s); Service Connect names will not resolve\n",
                     ec.message().c_str());
    } else {
        control.stub_runtime.set_upstream_resolver(
            net::make_stub_dns_resolver(io, {service_connect.dns_address()}));
    }
    TrafficMetrics traffic_metrics(
        services.cloudwatch_world(), services.elbv2_world(),
        TrafficSources{[&service_connect] { return service_connect.take_traffic(); },
                       [&load_balancing] { return load_balancing.take_traffic(); }},
        options.account_id, options.region);
    // The last hour of one-minute datapoints.
    front_door.set_metrics_source(
        [&traffic_metrics, &clock] { return traffic_metrics.recent(clock.now(), 60); });
    // Each minute: the minute's datapoints, alarms, then Application Auto Scaling; the engine hears of every
    // desired count it changed.
    ScalingPlane scaling(
        clock,
        ScalingPlaneParts{services.ecs_world(), services.cloudwatch_world(), services.autoscaling_world(),
                          services.scalable_resources(), traffic_metrics, control.runtimes},
        [&control](const core::autoscaling::CapacityChange& change) {
            control.engine.on_capacity_change(change.account_id, change.region, change.resource_id);
        });
    control.engine.set_launch_environment(
        [&service_connect](const core::ecs::EcsState& state, const core::ecs::Task&) {
            return service_connect.launch_environment(state);
        });
    front_door.set_after_reset([&control, &load_balancing, &service_connect] {
        control.engine.on_world_reset();
        load_balancing.reset();
        service_connect.reset();
    });
    front_door.set_endpoints_source("loadBalancers",
                                    [&load_balancing] { return load_balancing.endpoints(); });
    front_door.set_endpoints_source("dns", [&service_connect] { return service_connect.dns_endpoint(); });
    front_door.set_endpoints_source(
        "serviceConnect", [&service_connect] { return service_connect.service_connect_endpoints(); });
    if (journal) {
        // Before anything schedules a timer: the AsioClock still reads (nearly) the wall clock here.
        const core::Instant wall_now = asio_clock.now();
        const auto last_record = replay_journal(*journal, gateway);
        if (!last_record) return 1;
        if (last_record->epoch_ms > 0) {
            clock.continue_after(previous_run_end(*journal, *last_record, wall_now, options.time_scale));
        }
        gateway.set_journal(journal.get());
    }
    // Replay rebuilt what the API was told; no task survived the previous process.
    control.engine.recover_after_restart();
    load_balancing.reconcile_all();
    service_connect.on_change();
    gateway.set_after_mutation([&control, &load_balancing, &service_connect](const api::ApiCall& call) {
        // Service Connect aliases come from ECS services, DNS names from Cloud Map and load balancers.
        service_connect.on_change();
        // RegisterScalableTarget clamps a service's desired count into [min, max].
        if (call.service == "ecs" || call.service == "application-autoscaling")
            control.engine.on_api_mutation(call.account_id, call.region);
        if (call.service == "elasticloadbalancing") {
            load_balancing.on_api_mutation(call.account_id, call.region);
            // Listener and rule changes decide whether ECS's targets can ever turn healthy.
            control.engine.on_target_health_changed(call.account_id, call.region);
        }
    });
    front_door.set_api_url(api_url);

    int exit_code = 0;
    auto stop = [&server, &io, &load_balancing, &service_connect, &exit_code](int code) {
        exit_code = code;
        server.stop();
        load_balancing.stop();
        service_connect.stop();
        // The engine's and the runtimes' timers would keep io.run() going; what they would do no longer
        // matters. The runtimes' destructors close stub servers and kill process groups.
        io.stop();
    };
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&stop](const boost::system::error_code& ec, int) {
        if (!ec) stop(0);
    });
    // POST /_ecsemu/shutdown: stop a moment later, once its answer has been written.
    boost::asio::steady_timer shutdown_delay(io);
    front_door.set_shutdown([&shutdown_delay, &stop] {
        shutdown_delay.expires_after(std::chrono::milliseconds(100));
        shutdown_delay.async_wait([&stop](const boost::system::error_code& ec) {
            if (!ec) stop(0);
        });
    });

    std::printf("ecsemu listening on %s\n", http_url(options.host, server.local_port()).c_str());
    std::fflush(stdout);
    ServeContext context{io, gateway, api_url, options.time_scale, {}, stop};
    context.endpoints = [&front_door] { return front_door.endpoints_document(); };
    if (hooks.on_listening) boost::asio::post(io, [&hooks, &context] { hooks.on_listening(context); });
    io.run();
    return exit_code;
}

}  // namespace ecsemu::app
