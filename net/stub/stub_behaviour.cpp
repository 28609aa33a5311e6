#include "net/stub/stub_behaviour.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <string_view>

namespace ecsemu::net {

namespace {

constexpr std::string_view kLatency = "ECSEMU_STUB_LATENCY_MS";
constexpr std::string_view kCpu = "ECSEMU_STUB_CPU_MS_PER_REQUEST";
constexpr std::string_view kIdleCpu = "ECSEMU_STUB_IDLE_CPU_PERCENT";
constexpr std::string_view kMemory = "ECSEMU_STUB_MEMORY_MIB";
constexpr std::string_view kHealth = "ECSEMU_STUB_HEALTH";
constexpr std::string_view kStartDelay = "ECSEMU_STUB_START_DELAY_S";
constexpr std::string_view kExitAfter = "ECSEMU_STUB_EXIT_AFTER_S";
constexpr std::string_view kExitCode = "ECSEMU_STUB_EXIT_CODE";
constexpr std::string_view kStatus = "ECSEMU_STUB_STATUS";
constexpr std::string_view kUpstream = "ECSEMU_STUB_UPSTREAM";
constexpr std::string_view kFailAfterPrefix = "fail-after:";

// Fargate's largest task has 120 GiB; anything above a TiB is surely a typo.
constexpr double kMaxMemoryMib = 1024.0 * 1024;

// A year of emulated time bounds every duration, so later arithmetic on Instants cannot overflow.
constexpr double kMaxSeconds = 365.0 * 24 * 3600;

std::string problem(std::string_view name, std::string_view expected, std::string_view value) {
    return std::string(name) + ": expected " + std::string(expected) + ", got \"" + std::string(value) + "\"";
}

std::optional<double> parse_decimal(std::string_view text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<int> parse_integer(std::string_view text) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// Non-negative decimal seconds, as whole emulated milliseconds.
std::optional<core::Duration> parse_seconds(std::string_view text) {
    auto seconds = parse_decimal(text);
    if (!seconds || *seconds < 0 || *seconds > kMaxSeconds) return std::nullopt;
    return core::Duration::milliseconds(static_cast<std::int64_t>(std::llround(*seconds * 1000)));
}

std::optional<core::Duration> parse_milliseconds(std::string_view text) {
    auto ms = parse_decimal(text);
    if (!ms || *ms < 0 || *ms > kMaxSeconds * 1000) return std::nullopt;
    return core::Duration::milliseconds(static_cast<std::int64_t>(std::llround(*ms)));
}

// Fills the health fields; false when the value is none of the accepted forms.
bool parse_health(std::string_view text, StubBehaviour& out) {
    if (text == "ok") {
        out.health = StubHealthMode::Ok;
        return true;
    }
    if (text == "fail") {
        out.health = StubHealthMode::Fail;
        return true;
    }
    if (text.substr(0, kFailAfterPrefix.size()) != kFailAfterPrefix) return false;
    auto after = parse_seconds(text.substr(kFailAfterPrefix.size()));
    if (!after) return false;
    out.health = StubHealthMode::FailAfter;
    out.fail_after = *after;
    return true;
}

}  // namespace

StubBehaviourOrError parse_stub_behaviour(
    const std::vector<std::pair<std::string, std::string>>& environment) {
    std::map<std::string_view, std::string_view> values;
    for (const auto& [name, value] : environment) {
        if (name.rfind("ECSEMU_STUB_", 0) == 0) values[name] = value;
    }
    auto value_of = [&](std::string_view name) -> std::optional<std::string_view> {
        auto it = values.find(name);
        if (it == values.end() || it->second.empty()) return std::nullopt;
        return it->second;
    };

    StubBehaviour behaviour;
    if (auto text = value_of(kLatency)) {
        auto latency = parse_milliseconds(*text);
        if (!latency) return problem(kLatency, "milliseconds >= 0", *text);
        behaviour.latency = *latency;
    }
    if (auto text = value_of(kCpu)) {
        auto ms = parse_decimal(*text);
        if (!ms || *ms < 0 || *ms > kMaxSeconds * 1000) return problem(kCpu, "milliseconds >= 0", *text);
        behaviour.cpu_us_per_request = static_cast<std::int64_t>(std::llround(*ms * 1000));
    }
    if (auto text = value_of(kIdleCpu)) {
        auto percent = parse_decimal(*text);
        if (!percent || *percent < 0 || *percent > 100)
            return problem(kIdleCpu, "a percentage from 0 to 100", *text);
        behaviour.idle_cpu_percent = *percent;
    }
    if (auto text = value_of(kMemory)) {
        auto mib = parse_decimal(*text);
        if (!mib || *mib < 0 || *mib > kMaxMemoryMib) return problem(kMemory, "MiB >= 0", *text);
        behaviour.memory_mib = *mib;
    }
    if (auto text = value_of(kHealth)) {
        if (!parse_health(*text, behaviour)) return problem(kHealth, "ok, fail or fail-after:SECONDS", *text);
    }
    if (auto text = value_of(kStartDelay)) {
        auto delay = parse_seconds(*text);
        if (!delay) return problem(kStartDelay, "seconds >= 0", *text);
        behaviour.start_delay = *delay;
    }
    if (auto text = value_of(kExitAfter)) {
        auto after = parse_seconds(*text);
        if (!after) return problem(kExitAfter, "seconds >= 0", *text);
        behaviour.exit_after = *after;
    }
    if (auto text = value_of(kExitCode)) {
        auto code = parse_integer(*text);
        if (!code || *code < 0 || *code > 255) return problem(kExitCode, "an exit code from 0 to 255", *text);
        behaviour.exit_code = *code;
    }
    if (auto text = value_of(kStatus)) {
        auto status = parse_integer(*text);
        if (!status || *status < 200 || *status > 599)
            return problem(kStatus, "an HTTP status from 200 to 599", *text);
        behaviour.status = *status;
    }
    if (auto text = value_of(kUpstream)) {
        behaviour.upstream = parse_stub_upstream_url(*text);
        if (!behaviour.upstream) return problem(kUpstream, "an http://host[:port][/path] URL", *text);
    }
    return behaviour;
}

}  // namespace ecsemu::net
