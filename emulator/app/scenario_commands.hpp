#pragma once
// The client commands: `ecsemu apply FILE`, `ecsemu status`, `ecsemu down`, each talking to a running
// server at --endpoint over HTTP.
#include <cstddef>

#include "emulator/api/scenario/applier.hpp"
#include "emulator/app/cli.hpp"

namespace ecsemu::app {

// 0 when every resource applied; 1 when the scenario is invalid (nothing was called) or a call failed
// (resources before it stay applied); 2 for a bad endpoint.
int run_apply(const ClientOptions& options);
// "9 resources: 9 created, 0 updated, 0 unchanged (12 mutating calls)"
void print_apply_summary(const api::scenario::ApplyReport& report, std::size_t mutating_calls);

// 0 with the status printed; 1 when the server cannot be asked.
int run_status(const ClientOptions& options);
// 0 once the server has stopped answering; 1 when it could not be asked to stop.
int run_down(const ClientOptions& options);

}  // namespace ecsemu::app
