// One target group's health as the engine reads it at each reconcile: sorted by (IP, port), the first
// registration of a pair winning, and absent pairs reading as None.
#include <catch2/catch.hpp>

#include "emulator/core/engine/load_balancer_targets.hpp"

namespace ecsemu::test {

using core::engine::GroupTargetHealth;
using core::engine::health_of;
using core::scheduler::TargetHealth;

TEST_CASE("group target health: first registration of a pair, None when absent", "[engine][lb]") {
    GroupTargetHealth health = {{{"10.0.1.9", 8080}, TargetHealth::Healthy},
                                {{"10.0.1.10", 8080}, TargetHealth::Unhealthy},
                                {{"10.0.1.9", 8080}, TargetHealth::Draining},  // registered again: ignored
                                {{"10.0.1.9", 80}, TargetHealth::Initial}};
    core::engine::settle_group_target_health(health);
    REQUIRE(health.size() == 3);
    CHECK(health_of(health, "10.0.1.9", 8080) == TargetHealth::Healthy);
    CHECK(health_of(health, "10.0.1.9", 80) == TargetHealth::Initial);
    CHECK(health_of(health, "10.0.1.10", 8080) == TargetHealth::Unhealthy);
    CHECK(health_of(health, "10.0.1.10", 80) == TargetHealth::None);
    CHECK(health_of(health, "10.0.1.1", 8080) == TargetHealth::None);
    CHECK(health_of(health, "10.0.2.9", 8080) == TargetHealth::None);
    CHECK(health_of({}, "10.0.1.9", 8080) == TargetHealth::None);
}

}  // namespace ecsemu::test
