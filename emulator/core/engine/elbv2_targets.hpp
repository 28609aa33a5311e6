#pragma once
// The engine's load balancer port (load_balancer_targets.hpp) and ECS's target group checks, answered by the
// ELBv2 store: registrations go through the same operations as RegisterTargets/DeregisterTargets, and the
// health the ALB control logic maintains is read back. After every change `on_change(account, region, target
// group)` runs so the ALB control logic starts checking (or stops routing to) the target.
#include <functional>
#include <optional>
#include <string>

#include "emulator/core/ecs/target_group_lookup.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/engine/load_balancer_targets.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::core::engine {

class Elbv2Targets final : public LoadBalancerTargets, public ecs::TargetGroupLookup {
public:
    using ChangeHook = std::function<void(const std::string& account_id, const std::string& region,
                                          const std::string& target_group_arn)>;

    // `world` and `ec2` must outlive this object.
    Elbv2Targets(elbv2::Elbv2World& world, const Ec2Directory& ec2, ChangeHook on_change);

    bool register_target(const std::string& account_id, const std::string& region, const TargetRef& target,
                         Instant now) override;
    std::optional<Duration> deregister_target(const std::string& account_id, const std::string& region,
                                              const TargetRef& target, Instant now) override;
    GroupTargetHealth group_target_health(const std::string& account_id, const std::string& region,
                                          const std::string& target_group_arn) const override;

    ecs::TargetGroupStatus target_group_status(const std::string& account_id, const std::string& region,
                                               const std::string& target_group_arn) const override;

private:
    const elbv2::RegisteredTarget* find(const std::string& account_id, const std::string& region,
                                        const TargetRef& target) const;

    elbv2::Elbv2World& world_;
    const Ec2Directory& ec2_;
    ChangeHook on_change_;
};

}  // namespace ecsemu::core::engine
