#pragma once
// Amazon ECS (JSON 1.1, signing name "ecs"): the control plane for clusters, task definitions, services
// and tasks, one EcsState per (account, region) in an EcsWorld. Every id comes from that region's IdSource
// and every time from ApiCall::now, so replaying the journaled mutations rebuilds the same state and ids.
#include <memory>
#include <string>
#include <string_view>

#include "emulator/api/service.hpp"
#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/ecs/ecs_world.hpp"
#include "emulator/core/ecs/target_group_lookup.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::api::ecs {

class EcsService final : public api::Service {
public:
    // ec2 validates awsvpc subnets and security groups and places tasks; it must outlive this service.
    // This form owns a world of its own (tests, and any use without an engine).
    explicit EcsService(const core::Ec2Directory& ec2);
    // Works on `world`, which the engine shares; both must outlive this service.
    EcsService(core::ecs::EcsWorld& world, const core::Ec2Directory& ec2);

    std::string_view signing_name() const override { return "ecs"; }
    ApiResult call(const ApiCall& call) override;
    bool mutates(std::string_view operation) const override;
    void reset() override;

    // The region's state, or nullptr before any call reached it (for the scheduler and for tests).
    core::ecs::EcsState* find_state(const std::string& account_id, const std::string& region);
    const core::ecs::EcsState* find_state(const std::string& account_id, const std::string& region) const;

    // While true (the default, for use without an engine), StopTask also completes the stop. With an engine
    // the engine takes the task down and settles the stop when the runtime reports it.
    void set_settle_stops_immediately(bool settle) { settle_stops_immediately_ = settle; }

    core::ecs::EcsWorld& world() { return world_; }
    // From now on CreateService and UpdateService check their target groups with `lookup` (which must
    // outlive this service).
    void set_target_group_lookup(const core::ecs::TargetGroupLookup* lookup) { target_groups_ = lookup; }

private:
    std::unique_ptr<core::ecs::EcsWorld> owned_world_;  // null when the world is shared
    core::ecs::EcsWorld& world_;
    const core::Ec2Directory& ec2_;
    bool settle_stops_immediately_ = true;
    const core::ecs::TargetGroupLookup* target_groups_ = nullptr;
};

}  // namespace ecsemu::api::ecs
