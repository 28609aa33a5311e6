#pragma once
// `ecsemu up FILE`: serve, apply the scenario in process through the gateway (the same code paths as API
// calls), report progress until the stack is steady, then print where it is served. Runs until SIGINT or
// SIGTERM (exit 0) or `ecsemu down`.
#include "emulator/app/cli.hpp"

namespace ecsemu::app {

// 1 when the scenario is invalid (nothing started) or applying it fails; otherwise as run_serve.
int run_up(const CommandLine& line);

}  // namespace ecsemu::app
