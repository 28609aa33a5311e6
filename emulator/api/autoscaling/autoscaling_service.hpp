#pragma once
// Application Auto Scaling (application-autoscaling, JSON 1.1, X-Amz-Target prefix AnyScaleFrontendService,
// API 2016-02-06): scalable targets, scaling policies, scheduled actions and scaling activities, one
// AutoScalingState per (account, region). Target-tracking policies make their alarms in the shared CloudWatch
// world; ECS services are read and resized through ScalableResources; ALBRequestCountPerTarget labels are
// checked against the ELBv2 world. Ids come from the region's IdSource and times from ApiCall::now, so
// replaying the journaled mutations rebuilds the same objects.
#include <string_view>

#include "emulator/api/service.hpp"
#include "emulator/core/autoscaling/autoscaling_state.hpp"
#include "emulator/core/autoscaling/scalable_resources.hpp"
#include "emulator/core/cloudwatch/cloudwatch_state.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"

namespace ecsemu::api::autoscaling {

class AutoScalingService final : public api::Service {
public:
    // Everything passed must outlive the service.
    AutoScalingService(core::autoscaling::AutoScalingWorld& world,
                       core::cloudwatch::CloudWatchWorld& cloudwatch,
                       core::autoscaling::ScalableResources& resources, const core::elbv2::Elbv2World& elbv2);

    std::string_view signing_name() const override { return "application-autoscaling"; }
    ApiResult call(const ApiCall& call) override;
    bool mutates(std::string_view operation) const override;
    // The alarms target-tracking policies made live in CloudWatch's world, which CloudWatch's reset clears.
    void reset() override { world_.reset(); }

    core::autoscaling::AutoScalingWorld& world() { return world_; }

private:
    core::autoscaling::AutoScalingWorld& world_;
    core::cloudwatch::CloudWatchWorld& cloudwatch_;
    core::autoscaling::ScalableResources& resources_;
    const core::elbv2::Elbv2World& elbv2_;
};

}  // namespace ecsemu::api::autoscaling
