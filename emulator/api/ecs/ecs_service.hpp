#pragma once
// Amazon ECS (JSON 1.1, signing name "ecs"): the control plane for clusters, task definitions, services
// and tasks, one EcsState per (account, region). Every id comes from that region's IdSource and every time
// from ApiCall::now, so replaying the journaled mutations rebuilds the same state and the same ids.
#include <map>
#include <string>
#include <string_view>

#include "emulator/api/service.hpp"
#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/ids.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::api::ecs {

class EcsService final : public api::Service {
public:
    // ec2 validates awsvpc subnets and security groups and places tasks; it must outlive this service.
    explicit EcsService(const core::Ec2Directory& ec2);

    std::string_view signing_name() const override { return "ecs"; }
    ApiResult call(const ApiCall& call) override;
    bool mutates(std::string_view operation) const override;
    void reset() override;

    // The region's state, or nullptr before any call reached it (for the scheduler and for tests).
    core::ecs::EcsState* find_state(const std::string& account_id, const std::string& region);
    const core::ecs::EcsState* find_state(const std::string& account_id, const std::string& region) const;

    // While true (the default, until a scheduler runs tasks), StopTask also completes the stop.
    void set_settle_stops_immediately(bool settle) { settle_stops_immediately_ = settle; }

private:
    struct Region {
        core::ecs::EcsState state;
        core::IdSource ids;
    };
    Region& region_for(const ApiCall& call);

    const core::Ec2Directory& ec2_;
    std::map<std::string, Region> regions_;  // by "<account>/<region>"
    bool settle_stops_immediately_ = true;
};

}  // namespace ecsemu::api::ecs
