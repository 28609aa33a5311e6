#pragma once
// `ecsemu serve`: the AWS API endpoint on one port, on one io_context thread, until SIGINT or SIGTERM.
#include "emulator/app/cli.hpp"

namespace ecsemu::app {

// Exit status: 0 after a signal-driven stop, 1 when start-up fails (bind, journal open or read).
int run_serve(const ServeOptions& options);

}  // namespace ecsemu::app
