#include <catch2/catch.hpp>

#include "sim/report/summary.hpp"
#include "sim_result_fixture.hpp"

using namespace ecsemu::sim;
using Catch::Matchers::WithinAbs;

TEST_CASE("summary: task counts, minutes above the CPU target, requests, task-hours and cost",
          "[simreport]") {
    const SimResult result = test::small_result();
    const SimSummary summary = summarize(result);
    REQUIRE(summary.services.size() == 2);
    const ServiceSummary& web = summary.services[0];

    CHECK(web.min_running == 2);
    CHECK(web.max_running == 4);
    CHECK_THAT(web.mean_running, WithinAbs(2.8, 1e-12));  // (2 + 2 + 2 + 4 + 4) / 5
    CHECK(web.target_compared);
    CHECK(web.minutes_above_target == 2);  // 55.5 and 70; 50 is not above 50

    CHECK(web.requests.offered == 6900);
    CHECK(web.requests.failed == 42);
    CHECK(web.requests.served == 6858);
    CHECK(web.requests.slow == 40);
    CHECK_THAT(web.requests.failed_percent, WithinAbs(100.0 * 42 / 6900, 1e-12));
    CHECK_THAT(web.requests.failed_or_slow_percent, WithinAbs(100.0 * 82 / 6900, 1e-12));

    CHECK_THAT(web.task_hours, WithinAbs(800.0 / 3600.0, 1e-12));
    const double web_hourly = 0.5 * 0.05056 + 1.0 * 0.00553;  // 512 CPU units, 1 GiB
    CHECK_THAT(web.cost_usd, WithinAbs(800.0 / 3600.0 * web_hourly, 1e-9));

    REQUIRE(web.scaling.size() == 1);
    CHECK(web.scaling[0].kind == "scale-out");
    CHECK(web.scaling[0].from == 2);
    CHECK(web.scaling[0].to == 4);
    CHECK(web.scaling[0].offset == ecsemu::core::Duration::minutes(2));
    CHECK(web.events.deployments == 1);
    CHECK(web.events.task_starts == 1);
    CHECK(web.events.injections == 0);  // the outage has no service
}

TEST_CASE("summary: memory target compares memory; other metrics are not compared", "[simreport]") {
    SimResult result = test::small_result();
    CHECK(summarize(result).services[1].minutes_above_target == 2);  // 65 and 70 against 60
    CHECK(summarize(result).services[1].target_compared);

    result.services[1].scaling_metric = "ALBRequestCountPerTarget";
    const ServiceSummary worker = summarize(result).services[1];
    CHECK_FALSE(worker.target_compared);
    CHECK(worker.minutes_above_target == 0);

    result.services[1].scaling_metric.clear();
    result.services[1].target_value.reset();
    CHECK(summarize(result).services[1].minutes_above_target == 0);
}

TEST_CASE("summary: totals add services up and count every event", "[simreport]") {
    const SimSummary summary = summarize(test::small_result());
    CHECK(summary.totals.requests.offered == 6900 + 1500);
    CHECK(summary.totals.requests.failed == 45);
    CHECK(summary.totals.requests.slow == 41);
    const double worker_cost = 300.0 / 3600.0 * (1.0 * 0.05056 + 2.0 * 0.00553);
    CHECK_THAT(summary.totals.task_hours, WithinAbs(1100.0 / 3600.0, 1e-12));
    CHECK_THAT(summary.totals.cost_usd, WithinAbs(summary.services[0].cost_usd + worker_cost, 1e-9));
    CHECK(summary.totals.events.scale_outs == 1);
    CHECK(summary.totals.events.deployments == 1);
    CHECK(summary.totals.events.injections == 1);
    CHECK(summary.totals.events.task_starts == 1);
    CHECK(summary.totals.events.task_stops == 0);
    CHECK(summary.seed == 42);
}

TEST_CASE("summary: a service with no rows and no requests has zeros, not NaN", "[simreport]") {
    SimResult result = test::small_result();
    result.services[0].rows.clear();
    const ServiceSummary web = summarize(result).services[0];
    CHECK(web.mean_running == 0);
    CHECK(web.requests.failed_percent == 0);
    CHECK(web.cost_usd == 0);
}
