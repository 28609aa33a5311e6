#pragma once
// What every ELBv2 core operation works on: the region's state and ids, EC2's directory for subnet, VPC and
// security group checks, and the call's account, region and time. Operations read no clock and draw ids only
// from the region's IdSource, so replaying journaled calls rebuilds the same objects.
#include <string>

#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/errors.hpp"
#include "emulator/core/model/ec2.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::elbv2 {

struct Elbv2Call {
    Elbv2World& world;  // load balancers take their loopback address from it
    Elbv2Region& region_state;
    const Ec2Directory& ec2;
    std::string account_id;
    std::string region;
    Instant now;

    Elbv2State& state() { return region_state.state; }
    IdSource& ids() { return region_state.ids; }
};

}  // namespace ecsemu::core::elbv2
