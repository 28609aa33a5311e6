#include "emulator/core/alb/target_health_machine.hpp"

#include <string>

namespace ecsemu::core::alb {

namespace {

using elbv2::RegisteredTarget;
using elbv2::TargetHealthStatus;
using elbv2::TargetState;

std::optional<int> parse_code(std::string_view text) {
    if (text.empty() || text.size() > 3) return std::nullopt;
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

TargetHealthStatus status(TargetState state, std::string reason, std::string description) {
    return TargetHealthStatus{state, std::move(reason), std::move(description)};
}

TargetHealthStatus unhealthy_status(const ProbeVerdict& verdict) {
    return status(TargetState::Unhealthy, verdict.reason, verdict.description);
}

bool set_status(RegisteredTarget& target, TargetHealthStatus next) {
    if (same_status(target.health, next)) return false;
    target.health = std::move(next);
    return true;
}

}  // namespace

std::optional<HttpCodeMatcher> HttpCodeMatcher::parse(std::string_view text) {
    HttpCodeMatcher matcher;
    while (true) {
        const std::size_t comma = text.find(',');
        const std::string_view item = trim(text.substr(0, comma));
        const std::size_t dash = item.find('-');
        const std::optional<int> low = parse_code(item.substr(0, dash));
        const std::optional<int> high =
            dash == std::string_view::npos ? low : parse_code(item.substr(dash + 1));
        if (!low || !high || *low > *high) return std::nullopt;
        matcher.ranges_.emplace_back(*low, *high);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return matcher;
}

bool HttpCodeMatcher::matches(int status_code) const {
    for (const auto& [low, high] : ranges_)
        if (status_code >= low && status_code <= high) return true;
    return false;
}

ProbeVerdict judge_probe(const ProbeResult& result, const elbv2::HealthCheck& health_check) {
    switch (result.outcome) {
        case ProbeResult::Outcome::Response: {
            // The API validates the matcher; an unreadable one falls back to AWS's default.
            const std::optional<HttpCodeMatcher> matcher =
                HttpCodeMatcher::parse(health_check.matcher_http_code);
            const bool passed = matcher ? matcher->matches(result.status_code) : result.status_code == 200;
            if (passed) return ProbeVerdict{true, "", ""};
            return ProbeVerdict{
                false, "Target.ResponseCodeMismatch",
                "Health checks failed with these codes: [" + std::to_string(result.status_code) + "]"};
        }
        case ProbeResult::Outcome::Timeout:
            return ProbeVerdict{false, "Target.Timeout", "Request timed out"};
        case ProbeResult::Outcome::ConnectFailed:
        case ProbeResult::Outcome::Error:
            // Refused connections and malformed responses both show as plain failed checks on AWS.
            return ProbeVerdict{false, "Target.FailedHealthChecks", "Health checks failed"};
    }
    return ProbeVerdict{false, "Target.FailedHealthChecks", "Health checks failed"};
}

TargetHealthStatus registration_in_progress_status() {
    return status(TargetState::Initial, "Elb.RegistrationInProgress", "Target registration is in progress");
}

TargetHealthStatus initial_health_checking_status() {
    return status(TargetState::Initial, "Elb.InitialHealthChecking", "Initial health checks in progress");
}

TargetHealthStatus healthy_status() {
    return status(TargetState::Healthy, "", "");
}

TargetHealthStatus health_check_disabled_status() {
    return status(TargetState::Unavailable, "Target.HealthCheckDisabled", "Health checks are disabled");
}

bool is_draining(const RegisteredTarget& target) {
    return target.drain_until.has_value() || target.health.state == TargetState::Draining ||
           target.health.state == TargetState::UnhealthyDraining;
}

bool same_status(const TargetHealthStatus& a, const TargetHealthStatus& b) {
    return a.state == b.state && a.reason == b.reason && a.description == b.description;
}

bool restart_health(RegisteredTarget& target) {
    target.consecutive_passes = 0;
    target.consecutive_failures = 0;
    target.checked_once = false;
    target.next_check_at.reset();
    target.checks_parked = false;
    target.healthy_since.reset();
    return set_status(target, registration_in_progress_status());
}

bool mark_check_sent(RegisteredTarget& target) {
    if (target.health.state != TargetState::Initial) return false;
    if (target.health.reason == "Elb.InitialHealthChecking") return false;
    return set_status(target, initial_health_checking_status());
}

bool result_is_settled(const RegisteredTarget& target, const elbv2::HealthCheck& health_check,
                       const ProbeResult& result) {
    if (is_draining(target)) return false;
    const ProbeVerdict verdict = judge_probe(result, health_check);
    switch (target.health.state) {
        case TargetState::Healthy:
            return verdict.passed && target.consecutive_failures == 0;
        case TargetState::Unhealthy:
            return !verdict.passed && target.consecutive_passes == 0 &&
                   target.health.reason == verdict.reason && target.health.description == verdict.description;
        default:
            return false;
    }
}

bool apply_probe_result(RegisteredTarget& target, const elbv2::HealthCheck& health_check,
                        const ProbeResult& result, Instant now) {
    if (is_draining(target)) return false;
    const ProbeVerdict verdict = judge_probe(result, health_check);
    target.checked_once = true;
    if (verdict.passed) {
        ++target.consecutive_passes;
        target.consecutive_failures = 0;
    } else {
        ++target.consecutive_failures;
        target.consecutive_passes = 0;
    }

    switch (target.health.state) {
        case TargetState::Healthy:
            if (verdict.passed || target.consecutive_failures < health_check.unhealthy_threshold)
                return false;
            target.healthy_since.reset();
            return set_status(target, unhealthy_status(verdict));
        case TargetState::Unhealthy:
            if (!verdict.passed) return set_status(target, unhealthy_status(verdict));  // the latest reason
            if (target.consecutive_passes < health_check.healthy_threshold) return false;
            target.healthy_since = now;
            return set_status(target, healthy_status());
        default:
            // initial (and unavailable/unused leftovers): one pass is enough, failures count to the
            // threshold.
            if (verdict.passed) {
                target.healthy_since = now;
                return set_status(target, healthy_status());
            }
            if (target.consecutive_failures < health_check.unhealthy_threshold)
                return set_status(target, initial_health_checking_status());
            return set_status(target, unhealthy_status(verdict));
    }
}

}  // namespace ecsemu::core::alb
