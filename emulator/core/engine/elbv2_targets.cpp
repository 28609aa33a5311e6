#include "emulator/core/engine/elbv2_targets.hpp"

#include <utility>

#include "emulator/core/elbv2/elbv2_call.hpp"
#include "emulator/core/elbv2/targets.hpp"
#include "emulator/core/elbv2/usage.hpp"

namespace ecsemu::core::engine {

namespace {

const elbv2::TargetGroup* find_group(const elbv2::Elbv2World& world, const std::string& account_id,
                                     const std::string& region, const std::string& arn) {
    const elbv2::Elbv2Region* state = world.find_region(account_id, region);
    if (state == nullptr) return nullptr;
    const auto it = state->state.target_groups.find(arn);
    return it == state->state.target_groups.end() ? nullptr : &it->second;
}

// What ECS makes of a target's state.
scheduler::TargetHealth ecs_view_of(elbv2::TargetState state) {
    using elbv2::TargetState;
    switch (state) {
        case TargetState::Initial:
        case TargetState::Unused:  // its group lost its listener: it can never pass a check
            return scheduler::TargetHealth::Initial;
        case TargetState::Healthy:
        case TargetState::Unavailable:  // health checks disabled: ALB routes to it
            return scheduler::TargetHealth::Healthy;
        case TargetState::Unhealthy:
            return scheduler::TargetHealth::Unhealthy;
        case TargetState::UnhealthyDraining:
        case TargetState::Draining:
            return scheduler::TargetHealth::Draining;
    }
    return scheduler::TargetHealth::None;
}

}  // namespace

Elbv2Targets::Elbv2Targets(elbv2::Elbv2World& world, const Ec2Directory& ec2, ChangeHook on_change)
    : world_(world), ec2_(ec2), on_change_(std::move(on_change)) {}

bool Elbv2Targets::register_target(const std::string& account_id, const std::string& region,
                                   const TargetRef& target, Instant now) {
    if (find_group(world_, account_id, region, target.target_group_arn) == nullptr) return false;
    elbv2::Elbv2Call call{world_, world_.region(account_id, region), ec2_, account_id, region, now};
    const auto registered =
        elbv2::register_targets(call, target.target_group_arn, {{target.ip, target.port, std::nullopt}});
    if (!registered.ok()) return false;
    if (on_change_) on_change_(account_id, region, target.target_group_arn);
    return true;
}

std::optional<Duration> Elbv2Targets::deregister_target(const std::string& account_id,
                                                        const std::string& region, const TargetRef& target,
                                                        Instant now) {
    const elbv2::RegisteredTarget* registered = find(account_id, region, target);
    if (registered == nullptr || registered->drain_until) return std::nullopt;
    elbv2::Elbv2Region& state = world_.region(account_id, region);
    const elbv2::TargetGroup& group = state.state.target_groups.at(target.target_group_arn);
    // A group no listener uses drops the target at once (deregister_targets does the same).
    const Duration delay =
        elbv2::target_group_in_use(state.state, group.arn) ? elbv2::deregistration_delay(group) : Duration{0};
    elbv2::Elbv2Call call{world_, state, ec2_, account_id, region, now};
    if (!elbv2::deregister_targets(call, target.target_group_arn, {{target.ip, target.port, std::nullopt}})
             .ok())
        return std::nullopt;
    if (on_change_) on_change_(account_id, region, target.target_group_arn);
    return delay;
}

GroupTargetHealth Elbv2Targets::group_target_health(const std::string& account_id, const std::string& region,
                                                    const std::string& target_group_arn) const {
    GroupTargetHealth health;
    const elbv2::TargetGroup* group = find_group(world_, account_id, region, target_group_arn);
    if (group == nullptr) return health;
    // The first registration of a pair is the one find() would answer with.
    health.reserve(group->targets.size());
    for (const auto& registered : group->targets)
        health.push_back({{registered.id, registered.port}, ecs_view_of(registered.health.state)});
    settle_group_target_health(health);
    return health;
}

ecs::TargetGroupStatus Elbv2Targets::target_group_status(const std::string& account_id,
                                                         const std::string& region,
                                                         const std::string& target_group_arn) const {
    if (find_group(world_, account_id, region, target_group_arn) == nullptr)
        return ecs::TargetGroupStatus::Missing;
    const elbv2::Elbv2Region* state = world_.find_region(account_id, region);
    return elbv2::target_group_in_use(state->state, target_group_arn)
               ? ecs::TargetGroupStatus::Usable
               : ecs::TargetGroupStatus::NoLoadBalancer;
}

const elbv2::RegisteredTarget* Elbv2Targets::find(const std::string& account_id, const std::string& region,
                                                  const TargetRef& target) const {
    const elbv2::TargetGroup* group = find_group(world_, account_id, region, target.target_group_arn);
    return group == nullptr ? nullptr : elbv2::find_pair(*group, target.ip, target.port);
}

}  // namespace ecsemu::core::engine
