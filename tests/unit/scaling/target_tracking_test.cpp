// Target tracking's sizing and gating (pure functions), as Application Auto Scaling documents them.
#include <catch2/catch.hpp>

#include "emulator/core/autoscaling/target_tracking.hpp"

namespace ecsemu::test {

using core::Duration;
using core::Instant;
using core::autoscaling::decide;
using core::autoscaling::Direction;
using core::autoscaling::PolicyProposal;
using core::autoscaling::proportional_capacity;
using core::autoscaling::propose;
using core::autoscaling::ScalingPolicy;
using core::autoscaling::TargetTrackingConfig;
using core::autoscaling::TrackingView;
using State = core::cloudwatch::AlarmState;

namespace {

constexpr Instant kNow{1'700'000'040'000};

ScalingPolicy cpu_policy(double target, int out_cooldown_s, int in_cooldown_s, bool disable_in = false) {
    ScalingPolicy policy;
    policy.name = "backend-cpu-scaling";
    policy.policy_type = "TargetTrackingScaling";
    TargetTrackingConfig config;
    config.target_value = target;
    config.scale_out_cooldown_seconds = out_cooldown_s;
    config.scale_in_cooldown_seconds = in_cooldown_s;
    config.disable_scale_in = disable_in;
    policy.target_tracking = config;
    return policy;
}

TrackingView view_of(int desired, int min, int max) {
    TrackingView view;
    view.desired = desired;
    view.min_capacity = min;
    view.max_capacity = max;
    view.now = kNow;
    return view;
}

PolicyProposal ask(const ScalingPolicy& policy, State high, State low, double metric,
                   const TrackingView& view) {
    return propose(policy, high, low, "high", "low", metric, view);
}

}  // namespace

TEST_CASE("capacity is proportional to metric over target, rounded up", "[scaling]") {
    CHECK(proportional_capacity(2, 140, 70) == 4);
    CHECK(proportional_capacity(2, 71, 70) == 3);
    CHECK(proportional_capacity(3, 70.0 * 4 / 3, 70) == 4);  // 3 x 93.33 / 70 = 4.0000000001 in doubles
    CHECK(proportional_capacity(4, 20, 70) == 2);
    CHECK(proportional_capacity(10, 30, 70) == 5);
    CHECK(proportional_capacity(4, 0, 70) == 0);
}

TEST_CASE("a breaching high alarm scales out proportionally; an OK one asks for nothing", "[scaling]") {
    const auto policy = cpu_policy(40, 60, 120);
    const auto view = view_of(2, 2, 10);
    const auto out = ask(policy, State::Alarm, State::Ok, 80, view);
    CHECK(out.direction == Direction::Out);
    CHECK(out.capacity == 4);
    CHECK(out.alarm_name == "high");
    CHECK(out.cooldown == Duration::seconds(60));
    CHECK(ask(policy, State::Ok, State::Ok, 80, view).direction == Direction::None);
    CHECK(ask(policy, State::InsufficientData, State::InsufficientData, 80, view).direction ==
          Direction::None);
}

TEST_CASE("inside the scale-out cooldown only a larger size than already set scales out", "[scaling]") {
    const auto policy = cpu_policy(40, 60, 120);
    auto view = view_of(4, 2, 10);  // scaled 2 -> 4; the new tasks ran thirty seconds ago
    view.memory.last_scale_out = kNow - Duration::seconds(30);
    view.memory.scale_out_cooldown = Duration::seconds(60);
    view.memory.capacity_before_scale_out = 2;
    // Still 80 % measured on two tasks: 2 x 80 / 40 = 4, already set.
    const auto held = ask(policy, State::Alarm, State::Ok, 80, view);
    CHECK(held.direction == Direction::None);
    CHECK(held.held_by == "ScaleOutCooldown");
    // Load grew: 2 x 100 / 40 = 5 > 4.
    const auto more = ask(policy, State::Alarm, State::Ok, 100, view);
    CHECK(more.direction == Direction::Out);
    CHECK(more.capacity == 5);
    // After the cooldown the desired count is the base again: 4 x 80 / 40 = 8.
    view.now = kNow + Duration::seconds(31);
    CHECK(ask(policy, State::Alarm, State::Ok, 80, view).capacity == 8);
    // Until the scale-out is fulfilled the cooldown has not begun.
    view.memory.scale_out_fulfilled = false;
    CHECK(ask(policy, State::Alarm, State::Ok, 80, view).held_by == "ScaleOutCooldown");
}

TEST_CASE("scale-in waits for the low alarm, its cooldown, deployments and scale-outs", "[scaling]") {
    const auto policy = cpu_policy(70, 60, 120);
    auto view = view_of(6, 2, 10);
    const auto in = ask(policy, State::Ok, State::Alarm, 20, view);
    CHECK(in.direction == Direction::In);
    CHECK(in.capacity == 2);  // 6 x 20 / 70 = 1.7, rounded up
    CHECK(ask(policy, State::Ok, State::Ok, 20, view).direction == Direction::None);

    auto cooling = view;
    cooling.memory.last_scale_in = kNow - Duration::seconds(119);
    cooling.memory.scale_in_cooldown = Duration::seconds(120);
    CHECK(ask(policy, State::Ok, State::Alarm, 20, cooling).held_by == "ScaleInCooldown");
    cooling.now = kNow + Duration::seconds(1);
    CHECK(ask(policy, State::Ok, State::Alarm, 20, cooling).direction == Direction::In);

    auto deploying = view;
    deploying.deployment_in_progress = true;
    CHECK(ask(policy, State::Ok, State::Alarm, 20, deploying).held_by == "DeploymentInProgress");
    auto unfulfilled = view;
    unfulfilled.scale_out_unfulfilled = true;
    CHECK(ask(policy, State::Ok, State::Alarm, 20, unfulfilled).held_by == "ScaleOutInProgress");
    auto suspended = view;
    suspended.suspended.dynamic_scaling_in = true;
    CHECK(ask(policy, State::Ok, State::Alarm, 20, suspended).direction == Direction::None);
    CHECK(ask(cpu_policy(70, 60, 120, true), State::Ok, State::Alarm, 20, view).direction == Direction::None);
}

TEST_CASE("a scale-out is not held by a scale-in cooldown", "[scaling]") {
    const auto policy = cpu_policy(40, 60, 300);
    auto view = view_of(3, 2, 10);
    view.memory.last_scale_in = kNow - Duration::seconds(10);
    view.memory.scale_in_cooldown = Duration::seconds(300);
    const auto out = ask(policy, State::Alarm, State::Ok, 80, view);
    CHECK(out.direction == Direction::Out);
    CHECK(out.capacity == 6);
}

TEST_CASE("decisions clamp to the limits and combine policies: out if any, in only if all", "[scaling]") {
    const auto view = view_of(4, 2, 5);
    PolicyProposal out_big{Direction::Out, 9, "a", "p1", Duration::seconds(60), {}};
    PolicyProposal out_small{Direction::Out, 6, "b", "p2", Duration::seconds(60), {}};
    PolicyProposal in_one{Direction::In, 1, "c", "p3", Duration::seconds(60), {}};
    PolicyProposal in_three{Direction::In, 3, "d", "p4", Duration::seconds(60), {}};
    PolicyProposal nothing{};

    const auto out = decide({out_small, in_one, out_big}, view);
    CHECK(out.direction == Direction::Out);
    CHECK(out.capacity == 5);  // 9 clamped to max
    CHECK(out.cause->policy_name == "p1");

    const auto in = decide({in_one, in_three}, view);
    CHECK(in.direction == Direction::In);
    CHECK(in.capacity == 3);  // the largest of the sizes asked for
    CHECK(decide({in_one, nothing}, view).direction == Direction::None);

    const auto at_max = decide({out_big}, view_of(5, 2, 5));
    CHECK(at_max.direction == Direction::None);
    CHECK(at_max.not_scaled_code == "AlreadyAtMaxCapacity");
    const auto at_min = decide({in_one}, view_of(2, 2, 5));
    CHECK(at_min.direction == Direction::None);
    CHECK(at_min.not_scaled_code == "AlreadyAtMinCapacity");
    CHECK(decide({in_one}, view_of(4, 2, 5)).capacity == 2);  // 1 clamped to min
}

}  // namespace ecsemu::test
