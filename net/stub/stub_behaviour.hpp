#pragma once
// What a stub container does, read from its environment. The variable names are the contract with task
// definitions written for the emulator:
//
//   ECSEMU_STUB_LATENCY_MS          emulated ms added to every response (default 0)
//   ECSEMU_STUB_CPU_MS_PER_REQUEST  modelled CPU time per request, decimals allowed (default 0)
//   ECSEMU_STUB_IDLE_CPU_PERCENT    modelled CPU an idle container uses, as a percentage of the task's CPU
//                                   reservation shared equally among its containers (default 1: a task
//                                   with no traffic shows about 1 % CPUUtilization)
//   ECSEMU_STUB_MEMORY_MIB          modelled memory in use by the container, MiB (default 64)
//   ECSEMU_STUB_HEALTH              ok | fail | fail-after:SECONDS (seconds after the ports open)
//   ECSEMU_STUB_START_DELAY_S       emulated seconds before the ports open (default 0)
//   ECSEMU_STUB_EXIT_AFTER_S        the container exits this long after its ports open (default: never)
//   ECSEMU_STUB_EXIT_CODE           exit code for ECSEMU_STUB_EXIT_AFTER_S (default 1)
//   ECSEMU_STUB_STATUS              status of every answer that is not a health answer (default 200)
//   ECSEMU_STUB_UPSTREAM            an http:// URL (http://backend.ielts.local:8080/actuator/health) the
//                                   container GETs before answering each request that is not a health
//                                   request; the answer carries what came back (stub_upstream_url.hpp)
//
// Seconds may carry decimals ("0.5"). An empty value counts as unset. A malformed value stops the
// container from starting, with the variable named in the reason.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "emulator/core/time.hpp"
#include "net/stub/stub_upstream_url.hpp"

namespace ecsemu::net {

enum class StubHealthMode { Ok, Fail, FailAfter };

struct StubBehaviour {
    core::Duration latency;
    std::int64_t cpu_us_per_request = 0;
    double idle_cpu_percent = 1.0;
    double memory_mib = 64.0;
    StubHealthMode health = StubHealthMode::Ok;
    core::Duration fail_after;  // with StubHealthMode::FailAfter
    core::Duration start_delay;
    std::optional<core::Duration> exit_after;
    int exit_code = 1;
    int status = 200;
    std::optional<StubUpstreamUrl> upstream;
};

// The behaviour, or the text of what is wrong ("ECSEMU_STUB_LATENCY_MS: expected a number, got \"x\"").
using StubBehaviourOrError = std::variant<StubBehaviour, std::string>;

// Later occurrences of a name override earlier ones, as a task definition's environment does.
StubBehaviourOrError parse_stub_behaviour(
    const std::vector<std::pair<std::string, std::string>>& environment);

}  // namespace ecsemu::net
