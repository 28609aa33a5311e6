#include "emulator/core/elbv2/targets.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

#include "emulator/core/ec2/cidr.hpp"
#include "emulator/core/elbv2/elbv2_errors.hpp"
#include "emulator/core/elbv2/usage.hpp"

namespace ecsemu::core::elbv2 {

namespace {

bool has_ended_drain(const RegisteredTarget& target, Instant now) {
    return target.drain_until && *target.drain_until <= now;
}

Status check_port(const std::optional<int>& port) {
    if (port && (*port < 1 || *port > 65535))
        return validation_error("Port '" + std::to_string(*port) + "' must be between 1 and 65535");
    return Ok{};
}

// The zone a target is placed in, or the error RegisterTargets gives.
Result<std::string> zone_of_target(const Elbv2Call& call, const TargetGroup& group,
                                   const TargetDescription& target) {
    if (group.target_type == "instance") {
        if (target.availability_zone)
            return validation_error("An Availability Zone cannot be specified for instance targets");
        if (target.id.rfind("i-", 0) != 0)
            return invalid_target("The following targets are not valid instances: '" + target.id + "'");
        return std::string();
    }
    const auto address = ec2::Ipv4Cidr::parse(target.id + "/32");
    if (!address) return validation_error("The IP address '" + target.id + "' is not a valid IPv4 address");
    const Subnet* subnet = call.ec2.find_subnet_containing(call.region, group.vpc_id, target.id);
    if (target.availability_zone) {
        if (*target.availability_zone == "all") return std::string("all");
        if (subnet != nullptr && subnet->availability_zone == *target.availability_zone)
            return subnet->availability_zone;
        if (subnet != nullptr) {
            return validation_error("The IP address '" + target.id + "' is in Availability Zone '" +
                                    subnet->availability_zone + "', not '" + *target.availability_zone + "'");
        }
    }
    if (subnet != nullptr) return subnet->availability_zone;
    // Addresses in the VPC's CIDR without a known subnet still belong to the VPC.
    if (const Vpc* vpc = call.ec2.find_vpc(call.region, group.vpc_id)) {
        const auto block = ec2::Ipv4Cidr::parse(vpc->cidr_block);
        if (block && block->contains(*address)) return std::string();
    }
    return invalid_target("The IP address '" + target.id +
                          "' is not within the CIDR of the target group's VPC '" + group.vpc_id +
                          "'; specify AvailabilityZone 'all' to register an address outside it");
}

TargetHealthStatus shown_health(const Elbv2State& state, const TargetGroup& group,
                                const RegisteredTarget& target) {
    if (target.health.state == TargetState::Draining) return target.health;
    if (!target_group_in_use(state, group.arn)) {
        return {TargetState::Unused, "Target.NotInUse",
                "Given target group is not configured to receive traffic from ELB"};
    }
    if (!group.health_check.enabled) {
        return {TargetState::Unavailable, "Target.HealthCheckDisabled", "Health checks are disabled"};
    }
    return target.health;
}

std::string health_check_port(const TargetGroup& group, int target_port) {
    return group.health_check.port == "traffic-port" ? std::to_string(target_port) : group.health_check.port;
}

}  // namespace

void drop_drained_targets(TargetGroup& group, Instant now) {
    std::erase_if(group.targets,
                  [now](const RegisteredTarget& target) { return has_ended_drain(target, now); });
}

Status register_targets(Elbv2Call& call, const std::string& tg_arn,
                        const std::vector<TargetDescription>& targets) {
    const auto found = call.state().target_groups.find(tg_arn);
    if (found == call.state().target_groups.end()) return target_group_not_found();
    TargetGroup& group = found->second;
    if (targets.empty()) return validation_error("At least one target must be specified");
    std::vector<std::string> zones;
    for (const auto& target : targets) {
        if (auto valid = check_port(target.port); !valid) return valid;
        auto zone = zone_of_target(call, group, target);
        if (!zone) return zone.error();
        zones.push_back(std::move(zone).value());
    }
    drop_drained_targets(group, call.now);
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const int port = targets[i].port.value_or(group.port);
        RegisteredTarget* existing = find_pair(group, targets[i].id, port);
        if (existing != nullptr && existing->health.state != TargetState::Draining) continue;
        RegisteredTarget fresh;
        fresh.id = targets[i].id;
        fresh.port = port;
        fresh.availability_zone = zones[i];
        fresh.health = {TargetState::Initial, "Elb.RegistrationInProgress",
                        "Target registration is in progress"};
        fresh.registered_at = call.now;
        if (existing != nullptr) {
            *existing = std::move(fresh);
        } else {
            group.targets.push_back(std::move(fresh));
        }
    }
    return Ok{};
}

const RegisteredTarget* find_pair(const TargetGroup& group, const std::string& id, int port) {
    for (const auto& target : group.targets)
        if (target.id == id && target.port == port) return &target;
    return nullptr;
}

RegisteredTarget* find_pair(TargetGroup& group, const std::string& id, int port) {
    return const_cast<RegisteredTarget*>(find_pair(std::as_const(group), id, port));
}

Duration deregistration_delay(const TargetGroup& group) {
    const auto it = group.attributes.find("deregistration_delay.timeout_seconds");
    int seconds = 300;
    if (it != group.attributes.end())
        std::from_chars(it->second.data(), it->second.data() + it->second.size(), seconds);
    return Duration::seconds(seconds);
}

Status deregister_targets(Elbv2Call& call, const std::string& tg_arn,
                          const std::vector<TargetDescription>& targets) {
    const auto found = call.state().target_groups.find(tg_arn);
    if (found == call.state().target_groups.end()) return target_group_not_found();
    TargetGroup& group = found->second;
    if (targets.empty()) return validation_error("At least one target must be specified");
    for (const auto& target : targets) {
        if (auto valid = check_port(target.port); !valid) return valid;
        const RegisteredTarget* registered = find_pair(group, target.id, target.port.value_or(group.port));
        if (registered == nullptr || has_ended_drain(*registered, call.now)) {
            return invalid_target("The following targets are not registered in target group '" + tg_arn +
                                  "': '" + target.id + "'");
        }
    }
    drop_drained_targets(group, call.now);
    const bool in_use = target_group_in_use(call.state(), tg_arn);
    const Duration delay = deregistration_delay(group);
    for (const auto& target : targets) {
        const int port = target.port.value_or(group.port);
        if (!in_use || delay.ms == 0) {
            std::erase_if(group.targets,
                          [&](const RegisteredTarget& t) { return t.id == target.id && t.port == port; });
            continue;
        }
        RegisteredTarget* registered = find_pair(group, target.id, port);
        if (registered->health.state == TargetState::Draining) continue;  // keeps its original deadline
        registered->health = {TargetState::Draining, "Target.DeregistrationInProgress",
                              "Target deregistration is in progress"};
        registered->drain_until = call.now + delay;
        registered->next_check_at.reset();
    }
    return Ok{};
}

Result<std::vector<TargetHealthView>> describe_target_health(const Elbv2State& state,
                                                             const std::string& tg_arn,
                                                             const std::vector<TargetDescription>& targets,
                                                             Instant now) {
    const auto found = state.target_groups.find(tg_arn);
    if (found == state.target_groups.end()) return target_group_not_found();
    const TargetGroup& group = found->second;
    const auto view_of = [&](const RegisteredTarget& target) {
        return TargetHealthView{target.id, target.port, target.availability_zone,
                                health_check_port(group, target.port), shown_health(state, group, target)};
    };
    std::vector<TargetHealthView> out;
    if (targets.empty()) {
        for (const auto& target : group.targets)
            if (!has_ended_drain(target, now)) out.push_back(view_of(target));
        return out;
    }
    for (const auto& wanted : targets) {
        if (auto valid = check_port(wanted.port); !valid) return valid.error();
        bool matched = false;
        for (const auto& target : group.targets) {
            if (target.id != wanted.id || has_ended_drain(target, now)) continue;
            if (wanted.port && *wanted.port != target.port) continue;
            out.push_back(view_of(target));
            matched = true;
        }
        if (!matched) {
            const int port = wanted.port.value_or(group.port);
            out.push_back(TargetHealthView{wanted.id,
                                           port,
                                           wanted.availability_zone.value_or(""),
                                           health_check_port(group, port),
                                           {TargetState::Unused, "Target.NotRegistered",
                                            "Target is not registered to the target group"}});
        }
    }
    return out;
}

}  // namespace ecsemu::core::elbv2
