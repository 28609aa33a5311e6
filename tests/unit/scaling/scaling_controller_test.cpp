// The scaling controller on a virtual clock, reproducing Application Auto Scaling's documented timing:
// alarm datapoints, proportional sizes, cooldowns, limits and activities.
#include <catch2/catch.hpp>

#include "scaling_fixture.hpp"

namespace ecsemu::test {

using core::Duration;
using core::autoscaling::ActivityStatus;

TEST_CASE("sustained load at twice the target scales out after the third breaching datapoint", "[scaling]") {
    ScalingWorld world(2, 10, 2);
    world.add_cpu_policy(40, 60, 120);
    world.run(5, 0.6);  // 30 %: below the target, not yet 15 minutes below 90 % of it
    REQUIRE(world.changes.empty());
    const core::Instant load_start = world.now;
    world.run(2, 1.6);  // 80 % on two tasks: two breaching datapoints
    CHECK(world.desired() == 2);
    world.run(1, 1.6);  // the third
    REQUIRE(world.changes.size() == 1);
    CHECK(world.changes[0].at == load_start + Duration::minutes(3));
    CHECK(world.changes[0].change.from == 2);
    CHECK(world.changes[0].change.to == 4);  // ceil(2 x 80 / 40)
    CHECK(world.desired() == 4);

    const auto& activity = world.state().activities.back();
    CHECK(activity.description == "Setting desired count to 4.");
    CHECK(activity.cause ==
          "monitor alarm TargetTracking-service/ielts-prod-cluster/ielts-backend-service-"
          "AlarmHigh-1 in state ALARM triggered policy backend-cpu-scaling");
    CHECK(activity.status == ActivityStatus::InProgress);
    world.run(1, 1.6);  // the new tasks run: 40 %, at the target
    CHECK(activity.status == ActivityStatus::Successful);
    CHECK(activity.status_message ==
          "Successfully set desired count to 4. Change successfully fulfilled by ecs.");
    world.run(10, 1.6);
    CHECK(world.changes.size() == 1);  // at the target: neither alarm fires
}

TEST_CASE("scale-in comes only after fifteen low datapoints, then waits for its cooldown", "[scaling]") {
    ScalingWorld world(1, 10, 8);
    world.add_cpu_policy(50, 60, 300);
    world.run(3, 4.0);   // 50 %: neither alarm
    world.run(14, 1.6);  // 20 % on 8 tasks, below 45 % for 14 minutes
    REQUIRE(world.changes.empty());
    world.run(1, 1.6);  // the fifteenth
    REQUIRE(world.changes.size() == 1);
    CHECK(world.changes[0].change.to == 4);  // ceil(8 x 20 / 50) = ceil(3.2)
    // Load falls further; the low alarm stays in ALARM, but the 300 s scale-in cooldown holds.
    world.run(4, 0.4);
    CHECK(world.changes.size() == 1);
    world.run(1, 0.4);
    REQUIRE(world.changes.size() == 2);
    CHECK(world.changes[1].at - world.changes[0].at == Duration::minutes(5));
    CHECK(world.changes[1].change.to == 1);  // ceil(4 x 10 / 50)
}

TEST_CASE("a scale-out interrupts the scale-in cooldown at once", "[scaling]") {
    ScalingWorld world(2, 10, 8);
    world.add_cpu_policy(50, 60, 600);
    world.run(3, 4.0);
    world.run(15, 1.6);
    REQUIRE(world.changes.size() == 1);  // scaled in to 4 (cooldown 10 minutes)
    // 80 % on 4 from the minute after (the minute of the decision was still measured on 8 tasks).
    world.run(4, 3.2);
    REQUIRE(world.changes.size() == 2);
    CHECK(world.changes[1].change.to == 7);  // ceil(4 x 80 / 50)
    CHECK(world.changes[1].at - world.changes[0].at == Duration::minutes(4));
}

TEST_CASE("capacity never leaves the limits; a capped scale-out is recorded as not scaled once",
          "[scaling]") {
    ScalingWorld world(2, 5, 2);
    world.add_cpu_policy(40, 60, 120);
    world.run(3, 0.6);
    world.run(3, 2.0);  // 100 % on 2 tasks: ceil(2 x 100 / 40) = 5
    REQUIRE(world.changes.size() == 1);
    CHECK(world.changes[0].change.to == 5);
    world.run(8, 20.0);  // saturated at the maximum
    CHECK(world.changes.size() == 1);
    CHECK(world.desired() == 5);
    int not_scaled = 0;
    for (const auto& activity : world.state().activities) {
        if (activity.not_scaled_reasons.empty()) continue;
        ++not_scaled;
        CHECK(activity.not_scaled_reasons[0].code == "AlreadyAtMaxCapacity");
        CHECK(activity.not_scaled_reasons[0].max_capacity == 5);
        CHECK(activity.status == ActivityStatus::Failed);
    }
    CHECK(not_scaled == 1);
}

TEST_CASE("DisableScaleIn and suspended scaling hold the controller", "[scaling]") {
    ScalingWorld no_in(2, 10, 6);
    no_in.add_cpu_policy(50, 60, 60, true);
    no_in.run(20, 0.6);
    CHECK(no_in.changes.empty());
    CHECK(no_in.cloudwatch_state().alarms.size() == 1);

    ScalingWorld suspended(2, 10, 2);
    suspended.add_cpu_policy(40, 60, 60);
    suspended.state().targets[suspended.key].suspended.dynamic_scaling_out = true;
    suspended.run(2, 0.6);
    suspended.run(5, 2.0);
    CHECK(suspended.changes.empty());
    suspended.state().targets[suspended.key].suspended.dynamic_scaling_out = false;
    suspended.run(1, 2.0);  // resumed: the alarm already in ALARM acts at the next evaluation
    REQUIRE(suspended.changes.size() == 1);
    CHECK(suspended.changes[0].change.to == 5);
}

namespace {

core::autoscaling::ScalingActivity in_progress(const std::string& resource, int target, core::Instant start) {
    core::autoscaling::ScalingActivity activity;
    activity.service_namespace = "ecs";
    activity.resource_id = resource;
    activity.scalable_dimension = "ecs:service:DesiredCount";
    activity.start = start;
    activity.status = ActivityStatus::InProgress;
    activity.target_capacity = target;
    return activity;
}

}  // namespace

TEST_CASE("activity checks revisit only what can still be in progress, however long the history",
          "[scaling]") {
    ScalingWorld world(1, 10, 2);
    const std::string other = "service/ielts-prod-cluster/other-service";
    world.resources.services[other] = {3, 3, false};
    auto& activities = world.state().activities;
    const core::Instant t0 = kStart;
    for (int i = 0; i < 50; ++i) {  // finished history
        auto old = in_progress(other, 3, t0);
        old.status = ActivityStatus::Successful;
        activities.push_back(old);
    }
    world.resources.services[kResource] = {4, 2, false};  // asked for 4, 2 running
    activities.push_back(in_progress(kResource, 4, t0 + Duration::seconds(10)));
    activities.push_back(in_progress(other, 3, t0 + Duration::seconds(20)));
    world.controller.update_activities(t0 + Duration::seconds(30));
    CHECK(activities[50].status == ActivityStatus::InProgress);  // still waiting for its tasks
    CHECK(activities[51].status == ActivityStatus::Successful);
    REQUIRE(world.state().in_progress_from.has_value());
    CHECK(*world.state().in_progress_from == t0 + Duration::seconds(10));

    // A later activity for the same service overrides the waiting one, and then completes.
    activities.push_back(in_progress(kResource, 4, t0 + Duration::seconds(40)));
    world.controller.update_activities(t0 + Duration::seconds(45));
    CHECK(activities[50].status == ActivityStatus::Overridden);
    CHECK(activities[52].status == ActivityStatus::InProgress);
    world.resources.services[kResource].running = 4;
    world.controller.update_activities(t0 + Duration::seconds(50));
    CHECK(activities[52].status == ActivityStatus::Successful);
    // Nothing left in progress: the next check starts at this instant.
    CHECK(*world.state().in_progress_from == t0 + Duration::seconds(50));

    // One started at that very instant is still seen.
    activities.push_back(in_progress(other, 3, t0 + Duration::seconds(50)));
    world.controller.update_activities(t0 + Duration::seconds(50));
    CHECK(activities.back().status == ActivityStatus::Successful);

    // Activities are appended in start order, so one older than the mark is never walked again (were it
    // still in progress, as this forged one is, it would stay so).
    activities[10].status = ActivityStatus::InProgress;
    world.controller.update_activities(t0 + Duration::seconds(60));
    CHECK(activities[10].status == ActivityStatus::InProgress);
    // Without the mark (as after a restore) the whole history is walked.
    world.state().in_progress_from.reset();
    world.controller.update_activities(t0 + Duration::seconds(70));
    CHECK(activities[10].status == ActivityStatus::Successful);
}

}  // namespace ecsemu::test
