#pragma once
// RegisterTargets, DeregisterTargets and DescribeTargetHealth. A registration is an (Id, Port) pair; the
// ALB control logic (core/alb) moves registered targets through their health states, this file only adds,
// drains and shows them.
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/elbv2/elbv2_call.hpp"

namespace ecsemu::core::elbv2 {

struct TargetDescription {
    std::string id;
    std::optional<int> port;  // the group's port when absent
    std::optional<std::string> availability_zone;
};

// New pairs start initial/Elb.RegistrationInProgress at call.now; a pair already registered is left alone,
// a draining pair is registered afresh. ip targets must lie in a subnet of the group's VPC (their zone comes
// from it) unless AvailabilityZone is "all"; instance targets are instance ids. All or nothing.
Status register_targets(Elbv2Call& call, const std::string& tg_arn,
                        const std::vector<TargetDescription>& targets);

// The group's registration of (id, port), draining ones included; nullptr when there is none.
const RegisteredTarget* find_pair(const TargetGroup& group, const std::string& id, int port);
RegisteredTarget* find_pair(TargetGroup& group, const std::string& id, int port);

// The group's deregistration_delay.timeout_seconds (300 when unset): how long a deregistered pair drains.
Duration deregistration_delay(const TargetGroup& group);

// Pairs go draining until now + deregistration_delay.timeout_seconds while a listener or rule forwards to the
// group, and are dropped at once otherwise. An unregistered pair is InvalidTarget.
Status deregister_targets(Elbv2Call& call, const std::string& tg_arn,
                          const std::vector<TargetDescription>& targets);

struct TargetHealthView {
    std::string id;
    int port = 0;
    std::string availability_zone;  // empty when not known
    std::string health_check_port;
    TargetHealthStatus health;
};

// Every registration (or those `targets` names; an unregistered pair shows unused/Target.NotRegistered), as
// DescribeTargetHealth shows them at `now`: groups no listener uses show unused/Target.NotInUse, groups
// with health checks off unavailable/Target.HealthCheckDisabled; registrations whose drain has ended are
// gone.
Result<std::vector<TargetHealthView>> describe_target_health(const Elbv2State& state,
                                                             const std::string& tg_arn,
                                                             const std::vector<TargetDescription>& targets,
                                                             Instant now);

// Registrations whose drain ended at or before `now`; callers that own the state drop them.
void drop_drained_targets(TargetGroup& group, Instant now);

}  // namespace ecsemu::core::elbv2
