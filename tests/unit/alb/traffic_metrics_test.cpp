#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "emulator/control/traffic_metrics.hpp"
#include "tests/unit/alb/alb_fixture.hpp"

using namespace ecsemu;
using namespace ecsemu::core;
using namespace ecsemu::test::alb;
using core::metrics::Dimensions;

namespace {

const std::string kLbDimension = "app/ielts-alb/0123456789abcdef";
const std::string kBackendDimension = "targetgroup/ielts-backend-tg/bbbbbbbbbbbbbbbb";

// The guide's ALB, its backend group's targets and the counters the next sample hands over.
struct Harness {
    elbv2::Elbv2World elbv2;
    elbv2::Elbv2State& state = build_guide_alb(elbv2);
    cloudwatch::CloudWatchWorld cloudwatch;
    alb::TrafficSample next;
    control::TrafficMetrics metrics{
        cloudwatch, elbv2, control::TrafficSources{nullptr, [this] { return std::exchange(next, {}); }},
        kAccount, kRegion};

    Harness() {
        register_target(state, kBackendTg, "10.0.1.10", 8080, kT0).health.state = elbv2::TargetState::Healthy;
        register_target(state, kBackendTg, "10.0.1.11", 8080, kT0).health.state = elbv2::TargetState::Healthy;
        register_target(state, kBackendTg, "10.0.1.12", 8080, kT0).health.state =
            elbv2::TargetState::Unhealthy;
    }

    // A minute's counters: `requests` to the load balancer, all forwarded to the backend group.
    void offer(std::uint64_t requests) {
        next.by_load_balancer[kLbArn].requests = requests;
        next.by_load_balancer[kLbArn].elb_5xx = 1;
        auto& group = next.by_target_group[kBackendTg];
        group.requests = requests;
        group.target_2xx = requests;
        group.responses = requests;
        group.response_time_sum_us = requests * 20'000;
    }

    // The datapoint of the minute starting `minute` minutes after kT0's minute, if any.
    std::optional<metrics::StatisticSet> point(const std::string& name, const Dimensions& dimensions,
                                               int minute) {
        const Instant start = metrics::MetricStore::minute_of(kT0) + Duration::minutes(minute);
        const auto points =
            cloudwatch.region(kAccount, kRegion)
                .metrics.query({"AWS/ApplicationELB", name, dimensions}, start, start + Duration::minutes(1));
        if (points.empty()) return std::nullopt;
        return points.front().statistics;
    }

    // Samples at the end of the minute starting `minute` minutes after kT0's minute.
    void sample_minute(int minute) {
        metrics.sample(metrics::MetricStore::minute_of(kT0) + Duration::minutes(minute + 1));
    }
};

const Dimensions kLb{{"LoadBalancer", kLbDimension}};
const Dimensions kPair{{"LoadBalancer", kLbDimension}, {"TargetGroup", kBackendDimension}};
const Dimensions kGroup{{"TargetGroup", kBackendDimension}};

}  // namespace

TEST_CASE("A minute's ALB counters become datapoints by load balancer and target group") {
    Harness h;
    h.offer(600);
    h.sample_minute(0);

    CHECK(h.point("RequestCount", kLb, 0)->sum == 600);
    CHECK(h.point("HTTPCode_ELB_5XX_Count", kLb, 0)->sum == 1);
    CHECK(h.point("RequestCount", kPair, 0)->sum == 600);
    CHECK(h.point("HealthyHostCount", kPair, 0)->sum == 2);
    CHECK(h.point("UnHealthyHostCount", kPair, 0)->sum == 1);
    // Requests over the healthy targets, by the group alone and by the pair.
    CHECK(h.point("RequestCountPerTarget", kGroup, 0)->sum == 300);
    CHECK(h.point("RequestCountPerTarget", kPair, 0)->sum == 300);
    CHECK(h.point("TargetResponseTime", kPair, 0)->sum == Approx(600 * 0.02));
    // The frontend group is routed by no rule of this fixture: nothing is published for it.
    CHECK_FALSE(h.point(
        "HealthyHostCount",
        {{"LoadBalancer", kLbDimension}, {"TargetGroup", "targetgroup/ielts-frontend-tg/aaaaaaaaaaaaaaaa"}},
        0));
}

TEST_CASE("Each minute's datapoints go to their own minute, whatever the store went through") {
    Harness h;
    h.offer(600);
    h.sample_minute(0);
    h.offer(120);
    h.sample_minute(1);
    CHECK(h.point("RequestCount", kPair, 0)->sum == 600);
    CHECK(h.point("RequestCount", kPair, 1)->sum == 120);
    CHECK(h.point("RequestCountPerTarget", kGroup, 1)->sum == 60);

    SECTION("a minute without requests publishes host counts only") {
        h.sample_minute(2);
        CHECK(h.point("HealthyHostCount", kPair, 2)->sum == 2);
        CHECK_FALSE(h.point("RequestCount", kPair, 2));
        CHECK_FALSE(h.point("RequestCount", kLb, 2));
    }
    SECTION("a reset store is written anew") {
        h.cloudwatch.reset();
        h.offer(60);
        h.sample_minute(2);
        CHECK(h.point("RequestCount", kPair, 2)->sum == 60);
        CHECK(h.point("RequestCount", kLb, 2)->sum == 60);
        CHECK_FALSE(h.point("RequestCount", kPair, 1));
    }
    SECTION("a load balancer idle for hours still publishes when requests come back") {
        for (int minute = 2; minute < 200; ++minute) h.sample_minute(minute);
        h.offer(30);
        h.sample_minute(200);
        CHECK(h.point("RequestCount", kLb, 200)->sum == 30);
        CHECK(h.point("RequestCount", kPair, 200)->sum == 30);
        CHECK(h.point("HealthyHostCount", kPair, 199)->sum == 2);
    }
    SECTION("a deleted target group stops publishing, and one made again under its ARN starts again") {
        const elbv2::TargetGroup kept = h.state.target_groups.at(kBackendTg);
        h.state.target_groups.erase(kBackendTg);
        for (int minute = 2; minute < 100; ++minute) h.sample_minute(minute);
        CHECK_FALSE(h.point("HealthyHostCount", kPair, 2));
        h.state.target_groups.emplace(kBackendTg, kept);
        h.state.target_groups.at(kBackendTg).targets.pop_back();
        h.offer(90);
        h.sample_minute(100);
        CHECK(h.point("HealthyHostCount", kPair, 100)->sum == 2);
        CHECK(h.point("UnHealthyHostCount", kPair, 100)->sum == 0);
        CHECK(h.point("RequestCountPerTarget", kGroup, 100)->sum == 45);
    }
}
