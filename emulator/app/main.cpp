// ecsemu: one executable, several subcommands. main() only dispatches; each command lives in its own file.
#include <cstdio>
#include <exception>
#include <string_view>

#include "emulator/app/cli.hpp"
#include "emulator/app/dns_command.hpp"
#include "emulator/app/scenario_commands.hpp"
#include "emulator/app/serve_command.hpp"
#include "emulator/app/up_command.hpp"
#include "sim/sim_main.hpp"

#ifndef ECSEMU_VERSION
#define ECSEMU_VERSION "unknown"
#endif

namespace {

int run(int argc, char** argv) {
    using ecsemu::app::Command;
    // The simulator owns its own grammar; it sees "sim" as its argv[0].
    if (argc >= 2 && std::string_view(argv[1]) == "sim") return ecsemu::sim::sim_main(argc - 1, argv + 1);
    if (argc >= 2 && std::string_view(argv[1]) == "dns") {
        return ecsemu::app::run_dns_command(argc - 1, argv + 1);
    }

    auto line = ecsemu::app::parse_command_line(argc, argv);
    if (!line.usage_error.empty()) {
        std::fprintf(stderr, "ecsemu: %s\n\n", line.usage_error.c_str());
        ecsemu::app::print_usage(stderr);
        return 2;
    }
    switch (line.command) {
        case Command::Serve:
            return ecsemu::app::run_serve(line.serve);
        case Command::Help:
            ecsemu::app::print_usage(stdout);
            return 0;
        case Command::Version:
            std::printf("ecsemu %s\n", ECSEMU_VERSION);
            return 0;
        case Command::Up:
            return ecsemu::app::run_up(line);
        case Command::Apply:
            return ecsemu::app::run_apply(line.client);
        case Command::Status:
            return ecsemu::app::run_status(line.client);
        case Command::Down:
            return ecsemu::app::run_down(line.client);
        case Command::Sim:
        case Command::Exec:
            std::fprintf(stderr, "ecsemu %s: not available in this version\n",
                         ecsemu::app::command_name(line.command));
            return 2;
    }
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ecsemu: fatal: %s\n", e.what());
    } catch (...) {
        std::fprintf(stderr, "ecsemu: fatal: unknown exception\n");
    }
    return 1;
}
