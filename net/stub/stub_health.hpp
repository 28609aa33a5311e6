#pragma once
// Health of a stub container, as pure functions of its behaviour and of how long it has been running.
//
// HTTP: while failing (ECSEMU_STUB_HEALTH=fail, or fail-after:S once S seconds have passed since the ports
// opened) every request, on any path, is answered 503 {"status":"DOWN"}: a failing stub looks failed to a
// load balancer's health check and to its clients alike. While not failing, a health path answers 200
// whatever ECSEMU_STUB_STATUS says.
//
// Container healthCheck: evaluated every `interval` from the moment the ports open, Docker style. A check
// passes unless the stub is failing or its latency reaches the check's timeout. Failures inside
// `startPeriod` do not count; `retries` consecutive failures after it make the container UNHEALTHY; any
// pass makes it HEALTHY and resets the count.
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/container_health_check.hpp"
#include "emulator/core/task_runtime.hpp"
#include "net/stub/stub_behaviour.hpp"

namespace ecsemu::net {

bool stub_is_failing(const StubBehaviour& behaviour, core::Duration running_for);

bool stub_health_check_passes(const StubBehaviour& behaviour, core::Duration running_for,
                              core::Duration check_timeout);

// The URL path a healthCheck command probes, e.g. "/ping" for
// ["CMD-SHELL", "curl -f http://localhost:8080/ping?deep=1 || exit 1"]; "/" for a URL without a path;
// nothing when the command names no http(s) URL.
std::optional<std::string> health_check_url_path(const core::ContainerHealthCheckSpec& spec);

// With a healthCheck URL path: exactly that path. Without: any path whose last segment is "health"
// ("/health", "/api/health/"). The query string is ignored.
bool is_health_path(std::string_view request_target, const std::optional<std::string>& health_check_path);

// The healthCheck counter is core's, shared with the process runtime.
using core::HealthCheckCounter;
using core::HealthCheckStep;
using core::record_health_check;

}  // namespace ecsemu::net
