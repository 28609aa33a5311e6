#pragma once
// What ECS asks of ELBv2 when a service names target groups (CreateService, UpdateService): does the group
// exist, and does a load balancer route to it. ELBv2's store answers; without one (tests of ECS alone) no
// check is made.
#include <string>

namespace ecsemu::core::ecs {

enum class TargetGroupStatus { Missing, NoLoadBalancer, Usable };

class TargetGroupLookup {
public:
    virtual ~TargetGroupLookup() = default;
    virtual TargetGroupStatus target_group_status(const std::string& account_id, const std::string& region,
                                                  const std::string& target_group_arn) const = 0;
};

}  // namespace ecsemu::core::ecs
