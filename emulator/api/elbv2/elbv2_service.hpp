#pragma once
// Elastic Load Balancing v2 (Query protocol, signing name "elasticloadbalancing", API 2015-12-01): the
// control plane of application load balancers, listeners, rules and target groups, one Elbv2State per
// (account, region) in an Elbv2World. Ids come from the region's IdSource and time from ApiCall::now, so
// replaying the journaled mutations rebuilds the same objects.
#include <memory>
#include <string>
#include <string_view>

#include "emulator/api/service.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::api::elbv2 {

class Elbv2Service final : public api::Service {
public:
    // ec2 validates subnets, security groups and VPCs; it must outlive this service. This form owns its
    // world (tests, use without an engine).
    explicit Elbv2Service(const core::Ec2Directory& ec2);
    // Works on `world`, which the ALB control logic and the engine share; both must outlive this service.
    Elbv2Service(core::elbv2::Elbv2World& world, const core::Ec2Directory& ec2);

    std::string_view signing_name() const override { return "elasticloadbalancing"; }
    ApiResult call(const ApiCall& call) override;
    bool mutates(std::string_view operation) const override;
    void reset() override { world_.reset(); }

    core::elbv2::Elbv2World& world() { return world_; }

private:
    std::unique_ptr<core::elbv2::Elbv2World> owned_world_;  // null when the world is shared
    core::elbv2::Elbv2World& world_;
    const core::Ec2Directory& ec2_;
};

}  // namespace ecsemu::api::elbv2
