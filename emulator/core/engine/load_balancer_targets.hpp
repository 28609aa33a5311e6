#pragma once
// ECS's side of the load balancer integration, as the engine sees it: register a task's (IP, port) in a
// target group, deregister it (draining) and read the load balancer's opinion of it. The emulator and the
// simulator implement this over the ELBv2 store (elbv2_targets.hpp), whose health the ALB control logic
// advances; the engine hears of health changes through Engine::on_target_health_changed().
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/core/model/ecs_task.hpp"
#include "emulator/core/scheduler/scheduler_enums.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::engine {

using TargetRef = ecs::TaskTarget;

// One target group's registrations as ((IP, port), health), sorted by (IP, port); where a pair is registered
// twice, the first registration's. A flat list of views into the load balancer's own records (valid until
// its targets next change): a reconcile builds one per group for every pass, and copied a hundred addresses
// each time.
using GroupTargetHealth = std::vector<std::pair<std::pair<std::string_view, int>, scheduler::TargetHealth>>;

// Sorts `health` by (IP, port) keeping the first entry of each pair: what group_target_health returns.
void settle_group_target_health(GroupTargetHealth& health);
// The health of (ip, port) in a settled list; None when it is not registered.
scheduler::TargetHealth health_of(const GroupTargetHealth& health, std::string_view ip, int port);

class LoadBalancerTargets {
public:
    virtual ~LoadBalancerTargets() = default;
    // False when the target group does not exist (deleted after the service was created).
    virtual bool register_target(const std::string& account_id, const std::string& region,
                                 const TargetRef& target, Instant now) = 0;
    // Starts draining the target; returns the group's deregistration delay (how long ECS holds the task in
    // DEACTIVATING), or nothing when the target was not registered.
    virtual std::optional<Duration> deregister_target(const std::string& account_id,
                                                      const std::string& region, const TargetRef& target,
                                                      Instant now) = 0;
    // The load balancer's opinion of every target registered in the group (draining ones included), by
    // (IP, port); a target that is absent has None. Empty when the group is gone. A reconcile asks once per
    // group for all of a service's tasks, rather than searching the group once per task.
    virtual GroupTargetHealth group_target_health(const std::string& account_id, const std::string& region,
                                                  const std::string& target_group_arn) const = 0;
};

}  // namespace ecsemu::core::engine
