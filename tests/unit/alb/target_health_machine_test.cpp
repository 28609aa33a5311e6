#include <catch2/catch.hpp>

#include "emulator/core/alb/target_health_machine.hpp"
#include "tests/unit/alb/alb_fixture.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::alb;
using ecsemu::test::alb::http;
using ecsemu::test::alb::refused;
using ecsemu::test::alb::timed_out;
using elbv2::TargetState;

namespace {

elbv2::RegisteredTarget fresh_target() {
    elbv2::RegisteredTarget target;
    target.id = "10.0.1.25";
    target.port = 8080;
    restart_health(target);
    return target;
}

Instant at(int seconds) {
    return Instant{1'700'000'000'000} + Duration::seconds(seconds);
}

}  // namespace

TEST_CASE("HttpCodeMatcher parses single codes, lists and ranges") {
    const auto single = HttpCodeMatcher::parse("200");
    REQUIRE(single);
    CHECK(single->matches(200));
    CHECK_FALSE(single->matches(201));

    const auto list = HttpCodeMatcher::parse("200,202");
    REQUIRE(list);
    CHECK(list->matches(202));
    CHECK_FALSE(list->matches(201));

    const auto range = HttpCodeMatcher::parse("200-299");
    REQUIRE(range);
    CHECK(range->matches(200));
    CHECK(range->matches(299));
    CHECK_FALSE(range->matches(300));

    const auto mixed = HttpCodeMatcher::parse("200, 300-302");
    REQUIRE(mixed);
    CHECK(mixed->matches(301));

    CHECK_FALSE(HttpCodeMatcher::parse(""));
    CHECK_FALSE(HttpCodeMatcher::parse("abc"));
    CHECK_FALSE(HttpCodeMatcher::parse("299-200"));
    CHECK_FALSE(HttpCodeMatcher::parse("200,"));
}

TEST_CASE("judge_probe gives AWS's reasons") {
    elbv2::HealthCheck check;
    CHECK(judge_probe(http(200), check).passed);

    const ProbeVerdict mismatch = judge_probe(http(503), check);
    CHECK_FALSE(mismatch.passed);
    CHECK(mismatch.reason == "Target.ResponseCodeMismatch");
    CHECK(mismatch.description == "Health checks failed with these codes: [503]");

    const ProbeVerdict timeout = judge_probe(timed_out(), check);
    CHECK(timeout.reason == "Target.Timeout");
    CHECK(timeout.description == "Request timed out");

    const ProbeVerdict connect = judge_probe(refused(), check);
    CHECK(connect.reason == "Target.FailedHealthChecks");
    CHECK(connect.description == "Health checks failed");

    check.matcher_http_code = "200-399";
    CHECK(judge_probe(http(302), check).passed);
    CHECK_FALSE(judge_probe(http(404), check).passed);
}

TEST_CASE("registration: RegistrationInProgress, then InitialHealthChecking once a check is sent") {
    elbv2::RegisteredTarget target = fresh_target();
    CHECK(target.health.state == TargetState::Initial);
    CHECK(target.health.reason == "Elb.RegistrationInProgress");
    CHECK(target.health.description == "Target registration is in progress");

    CHECK(mark_check_sent(target));
    CHECK(target.health.reason == "Elb.InitialHealthChecking");
    CHECK(target.health.description == "Initial health checks in progress");
    CHECK_FALSE(mark_check_sent(target));
}

TEST_CASE("initial -> healthy after one passing check") {
    elbv2::HealthCheck check;
    elbv2::RegisteredTarget target = fresh_target();
    mark_check_sent(target);
    CHECK(apply_probe_result(target, check, http(200), at(1)));
    CHECK(target.health.state == TargetState::Healthy);
    CHECK(target.health.reason.empty());
    CHECK(target.health.description.empty());
    CHECK(target.healthy_since == at(1));
    CHECK(target.checked_once);
}

TEST_CASE("initial -> unhealthy after UnhealthyThreshold consecutive failures") {
    elbv2::HealthCheck check;  // unhealthy threshold 2
    elbv2::RegisteredTarget target = fresh_target();
    mark_check_sent(target);
    CHECK_FALSE(apply_probe_result(target, check, http(503), at(1)));
    CHECK(target.health.state == TargetState::Initial);
    CHECK(target.health.reason == "Elb.InitialHealthChecking");
    CHECK(apply_probe_result(target, check, http(503), at(31)));
    CHECK(target.health.state == TargetState::Unhealthy);
    CHECK(target.health.reason == "Target.ResponseCodeMismatch");
    CHECK(target.health.description == "Health checks failed with these codes: [503]");
    CHECK_FALSE(target.healthy_since);
}

TEST_CASE("healthy -> unhealthy after UnhealthyThreshold failures; a pass in between resets the count") {
    elbv2::HealthCheck check;
    check.unhealthy_threshold = 3;
    elbv2::RegisteredTarget target = fresh_target();
    apply_probe_result(target, check, http(200), at(1));
    CHECK_FALSE(apply_probe_result(target, check, timed_out(), at(31)));
    CHECK_FALSE(apply_probe_result(target, check, timed_out(), at(61)));
    CHECK_FALSE(apply_probe_result(target, check, http(200), at(91)));
    CHECK_FALSE(apply_probe_result(target, check, timed_out(), at(121)));
    CHECK_FALSE(apply_probe_result(target, check, timed_out(), at(151)));
    CHECK(target.health.state == TargetState::Healthy);
    CHECK(apply_probe_result(target, check, timed_out(), at(181)));
    CHECK(target.health.state == TargetState::Unhealthy);
    CHECK(target.health.reason == "Target.Timeout");
    CHECK(target.health.description == "Request timed out");
}

TEST_CASE(
    "unhealthy -> healthy after HealthyThreshold consecutive passes; reason follows the latest failure") {
    elbv2::HealthCheck check;  // healthy threshold 5
    elbv2::RegisteredTarget target = fresh_target();
    apply_probe_result(target, check, refused(), at(1));
    apply_probe_result(target, check, refused(), at(31));
    CHECK(target.health.state == TargetState::Unhealthy);
    CHECK(target.health.reason == "Target.FailedHealthChecks");

    CHECK(apply_probe_result(target, check, http(500), at(61)));
    CHECK(target.health.description == "Health checks failed with these codes: [500]");

    for (int i = 0; i < 4; ++i) {
        CHECK_FALSE(apply_probe_result(target, check, http(200), at(91 + 30 * i)));
        CHECK(target.health.state == TargetState::Unhealthy);
    }
    CHECK(apply_probe_result(target, check, http(200), at(211)));
    CHECK(target.health.state == TargetState::Healthy);
    CHECK(target.health.reason.empty());
    CHECK(target.healthy_since == at(211));
}

TEST_CASE("draining targets keep their status") {
    elbv2::HealthCheck check;
    elbv2::RegisteredTarget target = fresh_target();
    target.health = {TargetState::Draining, "Target.DeregistrationInProgress",
                     "Target deregistration is in progress"};
    target.drain_until = at(300);
    CHECK(is_draining(target));
    CHECK_FALSE(apply_probe_result(target, check, http(200), at(1)));
    CHECK(target.health.state == TargetState::Draining);
}
