#pragma once
// Target health as ALB advances it (reference §4.2), as pure functions on one registration:
//
//   registered            initial  Elb.RegistrationInProgress
//   first check sent      initial  Elb.InitialHealthChecking
//   initial, one pass     healthy
//   initial, UnhealthyThreshold consecutive failures   unhealthy (reason of the latest failure)
//   healthy, UnhealthyThreshold consecutive failures   unhealthy
//   unhealthy, HealthyThreshold consecutive passes     healthy
//
// A pass resets the failure count and a failure the pass count. The controller (alb_controller.hpp) decides
// when to check; these functions only record what a check found.
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/core/alb/health_probe.hpp"
#include "emulator/core/model/elbv2.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::alb {

// Matcher.HttpCode: "200", "200,202", "200-299" or a mix ("200,300-399").
class HttpCodeMatcher {
public:
    // nullopt when the text is not a list of codes and ranges.
    static std::optional<HttpCodeMatcher> parse(std::string_view text);
    bool matches(int status_code) const;

private:
    std::vector<std::pair<int, int>> ranges_;  // inclusive
};

// What one check found: a pass, or a failure with the reason AWS shows for it.
struct ProbeVerdict {
    bool passed = false;
    std::string reason;
    std::string description;
};

ProbeVerdict judge_probe(const ProbeResult& result, const elbv2::HealthCheck& health_check);

// The statuses the machine moves through (healthy carries no reason or description).
elbv2::TargetHealthStatus registration_in_progress_status();
elbv2::TargetHealthStatus initial_health_checking_status();
elbv2::TargetHealthStatus healthy_status();
elbv2::TargetHealthStatus health_check_disabled_status();

bool is_draining(const elbv2::RegisteredTarget& target);
bool same_status(const elbv2::TargetHealthStatus& a, const elbv2::TargetHealthStatus& b);

// A fresh registration (or one whose group stopped receiving traffic): initial, nothing checked yet.
// Returns whether anything visible changed.
bool restart_health(elbv2::RegisteredTarget& target);

// The first check went out: RegistrationInProgress becomes InitialHealthChecking. Returns whether the
// status changed.
bool mark_check_sent(elbv2::RegisteredTarget& target);

// Whether recording `result`, and any number of repeats of it, would leave the target's status as it is and
// change only a counter its state does not read: a healthy target passing with no failure counted, or an
// unhealthy one failing for the reason it shows with no pass counted.
bool result_is_settled(const elbv2::RegisteredTarget& target, const elbv2::HealthCheck& health_check,
                       const ProbeResult& result);

// Records one check's outcome at `now`. Returns whether the status (state, reason or description) changed.
// Draining targets are left alone: their status belongs to deregistration.
bool apply_probe_result(elbv2::RegisteredTarget& target, const elbv2::HealthCheck& health_check,
                        const ProbeResult& result, Instant now);

}  // namespace ecsemu::core::alb
