#include "emulator/app/serve_command.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "emulator/api/wire/gateway.hpp"
#include "emulator/app/front_door.hpp"
#include "emulator/app/service_registry.hpp"
#include "emulator/core/time.hpp"
#include "emulator/persist/file_journal.hpp"
#include "net/http/http_server.hpp"

namespace ecsemu::app {
namespace {

// The one place the control plane reads the wall clock: AWS timestamps are wall-clock instants.
core::Instant wall_clock_now() {
    auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return core::Instant{std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count()};
}

// A listener on every address is still reached through loopback by local clients.
std::string client_facing_host(const std::string& host) {
    if (host == "0.0.0.0") return "127.0.0.1";
    if (host == "::") return "::1";
    return host;
}

// Re-applies every journaled mutation. A record that fails is reported and skipped rather than refusing to
// start: the emulator stays usable and the message says where the state diverges.
bool replay_journal(persist::FileJournal& journal, api::Gateway& gateway) {
    auto records = journal.read_records();
    if (!records.ok()) {
        std::fprintf(stderr, "ecsemu: cannot read %s: %s\n", journal.path().c_str(),
                     records.error().message.c_str());
        return false;
    }
    std::size_t failed = 0;
    std::size_t index = 0;
    for (const std::string& record : records.value()) {
        ++index;
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
    return true;
}

}  // namespace

int run_serve(const ServeOptions& options) {
    boost::asio::io_context io(1);

    api::GatewayConfig config;
    config.default_region = options.region;
    config.account_id = options.account_id;
    api::Gateway gateway(config, wall_clock_now);
    ServiceRegistry services(gateway);

    std::unique_ptr<persist::FileJournal> journal;
    if (!options.data_dir.empty()) {
        auto opened = persist::FileJournal::open(options.data_dir);
        if (!opened.ok()) {
            std::fprintf(stderr, "ecsemu: cannot open journal in %s: %s\n", options.data_dir.c_str(),
                         opened.error().message.c_str());
            return 1;
        }
        journal = std::move(opened.value());
    }

    FrontDoor front_door(gateway, journal.get());
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
    if (journal) {
        if (!replay_journal(*journal, gateway)) return 1;
        gateway.set_journal(journal.get());
    }
    front_door.set_api_url(http_url(client_facing_host(options.host), server.local_port()));

    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&server](const boost::system::error_code& ec, int) {
        if (!ec) server.stop();
    });

    std::printf("ecsemu listening on %s\n", http_url(options.host, server.local_port()).c_str());
    std::fflush(stdout);
    io.run();
    return 0;
}

}  // namespace ecsemu::app
