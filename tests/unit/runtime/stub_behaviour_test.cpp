// Reading a stub's behaviour from its environment, and answering requests: pure functions, table-driven.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "net/stub/stub_behaviour.hpp"
#include "net/stub/stub_health.hpp"
#include "net/stub/stub_responses.hpp"

using ecsemu::core::ContainerHealth;
using ecsemu::core::ContainerHealthCheckSpec;
using ecsemu::core::Duration;
using namespace ecsemu::net;

namespace {

using Environment = std::vector<std::pair<std::string, std::string>>;

StubBehaviour parsed(const Environment& environment) {
    auto result = parse_stub_behaviour(environment);
    REQUIRE(std::holds_alternative<StubBehaviour>(result));
    return std::get<StubBehaviour>(result);
}

std::string error_of(const Environment& environment) {
    auto result = parse_stub_behaviour(environment);
    REQUIRE(std::holds_alternative<std::string>(result));
    return std::get<std::string>(result);
}

}  // namespace

TEST_CASE("an empty environment is a plain 200 stub", "[stub][behaviour]") {
    StubBehaviour b = parsed({{"UNRELATED", "1"}});
    CHECK(b.latency == Duration{});
    CHECK(b.cpu_us_per_request == 0);
    CHECK(b.health == StubHealthMode::Ok);
    CHECK(b.start_delay == Duration{});
    CHECK_FALSE(b.exit_after);
    CHECK(b.exit_code == 1);
    CHECK(b.status == 200);
}

TEST_CASE("every ECSEMU_STUB_ variable is read, later occurrences winning", "[stub][behaviour]") {
    StubBehaviour b = parsed({{"ECSEMU_STUB_LATENCY_MS", "5"},
                              {"ECSEMU_STUB_LATENCY_MS", "250"},
                              {"ECSEMU_STUB_CPU_MS_PER_REQUEST", "2.5"},
                              {"ECSEMU_STUB_HEALTH", "fail-after:90"},
                              {"ECSEMU_STUB_START_DELAY_S", "0.5"},
                              {"ECSEMU_STUB_EXIT_AFTER_S", "120"},
                              {"ECSEMU_STUB_EXIT_CODE", "42"},
                              {"ECSEMU_STUB_STATUS", "503"},
                              {"ECSEMU_STUB_STATUS", ""}});  // empty: unset
    CHECK(b.latency == Duration::milliseconds(250));
    CHECK(b.cpu_us_per_request == 2500);
    CHECK(b.health == StubHealthMode::FailAfter);
    CHECK(b.fail_after == Duration::seconds(90));
    CHECK(b.start_delay == Duration::milliseconds(500));
    REQUIRE(b.exit_after);
    CHECK(*b.exit_after == Duration::seconds(120));
    CHECK(b.exit_code == 42);
    CHECK(b.status == 200);
    CHECK(parsed({{"ECSEMU_STUB_HEALTH", "fail"}}).health == StubHealthMode::Fail);
    CHECK(b.idle_cpu_percent == 1.0);
    CHECK(b.memory_mib == 64.0);
    StubBehaviour usage =
        parsed({{"ECSEMU_STUB_IDLE_CPU_PERCENT", "2.5"}, {"ECSEMU_STUB_MEMORY_MIB", "300"}});
    CHECK(usage.idle_cpu_percent == 2.5);
    CHECK(usage.memory_mib == 300.0);
    CHECK(parsed({{"ECSEMU_STUB_HEALTH", "ok"}}).health == StubHealthMode::Ok);
}

TEST_CASE("malformed values name the variable and what was expected", "[stub][behaviour]") {
    auto [name, value, message] = GENERATE(table<std::string, std::string, std::string>({
        {"ECSEMU_STUB_LATENCY_MS", "fast",
         "ECSEMU_STUB_LATENCY_MS: expected milliseconds >= 0, got \"fast\""},
        {"ECSEMU_STUB_LATENCY_MS", "-1", "ECSEMU_STUB_LATENCY_MS: expected milliseconds >= 0, got \"-1\""},
        {"ECSEMU_STUB_CPU_MS_PER_REQUEST", "1ms",
         "ECSEMU_STUB_CPU_MS_PER_REQUEST: expected milliseconds >= 0, got \"1ms\""},
        {"ECSEMU_STUB_HEALTH", "sick",
         "ECSEMU_STUB_HEALTH: expected ok, fail or fail-after:SECONDS, got \"sick\""},
        {"ECSEMU_STUB_HEALTH",
         "fail-after:", "ECSEMU_STUB_HEALTH: expected ok, fail or fail-after:SECONDS, got \"fail-after:\""},
        {"ECSEMU_STUB_START_DELAY_S", "nan", "ECSEMU_STUB_START_DELAY_S: expected seconds >= 0, got \"nan\""},
        {"ECSEMU_STUB_EXIT_AFTER_S", "1e99", "ECSEMU_STUB_EXIT_AFTER_S: expected seconds >= 0, got \"1e99\""},
        {"ECSEMU_STUB_EXIT_CODE", "256",
         "ECSEMU_STUB_EXIT_CODE: expected an exit code from 0 to 255, got \"256\""},
        {"ECSEMU_STUB_STATUS", "99",
         "ECSEMU_STUB_STATUS: expected an HTTP status from 200 to 599, got \"99\""},
        {"ECSEMU_STUB_IDLE_CPU_PERCENT", "101",
         "ECSEMU_STUB_IDLE_CPU_PERCENT: expected a percentage from 0 to 100, got \"101\""},
        {"ECSEMU_STUB_MEMORY_MIB", "-1", "ECSEMU_STUB_MEMORY_MIB: expected MiB >= 0, got \"-1\""},
    }));
    CAPTURE(name, value);
    CHECK(error_of({{name, value}}) == message);
}

TEST_CASE("failing follows ECSEMU_STUB_HEALTH and the time since the ports opened", "[stub][health]") {
    StubBehaviour ok;
    StubBehaviour fail;
    fail.health = StubHealthMode::Fail;
    StubBehaviour later;
    later.health = StubHealthMode::FailAfter;
    later.fail_after = Duration::seconds(60);

    CHECK_FALSE(stub_is_failing(ok, Duration::minutes(600)));
    CHECK(stub_is_failing(fail, Duration{}));
    CHECK_FALSE(stub_is_failing(later, Duration::milliseconds(59'999)));
    CHECK(stub_is_failing(later, Duration::seconds(60)));

    StubBehaviour slow;
    slow.latency = Duration::seconds(5);
    CHECK_FALSE(
        stub_health_check_passes(slow, Duration{}, Duration::seconds(5)));  // latency reaches the timeout
    CHECK(stub_health_check_passes(slow, Duration{}, Duration::seconds(6)));
}

TEST_CASE("the healthCheck URL path is read from the command", "[stub][health]") {
    auto [command, expected] = GENERATE(table<std::vector<std::string>, std::optional<std::string>>({
        {{"CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"}, std::string("/health")},
        {{"CMD-SHELL", "wget -qO- \"http://127.0.0.1/api/ping?deep=1\""}, std::string("/api/ping")},
        {{"CMD", "curl", "-f", "https://localhost:8443/status"}, std::string("/status")},
        {{"CMD-SHELL", "curl -f http://localhost:8080 || exit 1"}, std::string("/")},
        {{"CMD-SHELL", "pgrep nginx"}, std::nullopt},
    }));
    ContainerHealthCheckSpec spec;
    spec.command = command;
    CHECK(health_check_url_path(spec) == expected);
}

TEST_CASE("health paths: the healthCheck's path, else a last segment named health", "[stub][health]") {
    auto [target, health_check_path, expected] =
        GENERATE(table<std::string, std::optional<std::string>, bool>({
            {"/health", std::nullopt, true},
            {"/api/health/", std::nullopt, true},
            {"/health?verbose=1", std::nullopt, true},
            {"/healthz", std::nullopt, false},
            {"/health/deep", std::nullopt, false},
            {"/", std::nullopt, false},
            {"/ping", std::string("/ping"), true},
            {"/ping?x", std::string("/ping"), true},
            {"/health", std::string("/ping"), false},
        }));
    CAPTURE(target);
    CHECK(is_health_path(target, health_check_path) == expected);
}

TEST_CASE("healthCheck counting: start period, retries, recovery", "[stub][health]") {
    HealthCheckCounter counter;
    auto step = record_health_check(counter, false, true, 3);  // in the start period: does not count
    CHECK_FALSE(step.changed);
    CHECK(step.counter.consecutive_failures == 0);

    step = record_health_check(step.counter, true, true, 3);
    CHECK(step.changed);
    CHECK(step.counter.health == ContainerHealth::Healthy);

    step = record_health_check(step.counter, false, false, 3);
    step = record_health_check(step.counter, false, false, 3);
    CHECK_FALSE(step.changed);
    CHECK(step.counter.health == ContainerHealth::Healthy);
    step = record_health_check(step.counter, false, false, 3);
    CHECK(step.changed);
    CHECK(step.counter.health == ContainerHealth::Unhealthy);

    step = record_health_check(step.counter, false, false, 3);
    CHECK_FALSE(step.changed);
    step = record_health_check(step.counter, true, false, 3);
    CHECK(step.changed);
    CHECK(step.counter.health == ContainerHealth::Healthy);
    CHECK(step.counter.consecutive_failures == 0);

    CHECK(record_health_check(HealthCheckCounter{}, false, false, 0).counter.health ==
          ContainerHealth::Unhealthy);
}

TEST_CASE("stub answers: identity echo, status, health paths, DOWN when failing", "[stub][responses]") {
    StubIdentity identity{"arn:aws:ecs:us-east-1:000000000000:task/c/abc", "web", 3, "app"};
    HttpRequest request;
    request.method = "GET";
    request.target = "/orders?id=\"7\"";
    request.headers = {{"Host", "10.0.0.1"}, {"X-Trace", "a"}, {"x-trace", "b"}};
    StubBehaviour behaviour;

    HttpResponse ok = answer_stub_request(identity, behaviour, std::nullopt, request, false);
    CHECK(ok.status == 200);
    CHECK(ok.body ==
          "{\"taskArn\":\"arn:aws:ecs:us-east-1:000000000000:task/c/abc\",\"family\":\"web\",\"revision\":3,"
          "\"container\":\"app\",\"path\":\"/orders?id=\\\"7\\\"\",\"method\":\"GET\","
          "\"headers\":{\"host\":\"10.0.0.1\",\"x-trace\":\"a, b\"}}");
    REQUIRE(ok.headers.size() == 1);
    CHECK(ok.headers[0] == std::pair<std::string, std::string>{"Content-Type", "application/json"});

    behaviour.status = 500;
    CHECK(answer_stub_request(identity, behaviour, std::nullopt, request, false).status == 500);
    request.target = "/health";
    CHECK(answer_stub_request(identity, behaviour, std::nullopt, request, false).status == 200);
    CHECK(answer_stub_request(identity, behaviour, std::string("/ping"), request, false).status == 500);

    HttpResponse down = answer_stub_request(identity, behaviour, std::nullopt, request, true);
    CHECK(down.status == 503);
    CHECK(down.body == "{\"status\":\"DOWN\"}");
    request.target = "/anything";
    CHECK(answer_stub_request(identity, behaviour, std::nullopt, request, true).status == 503);
}

TEST_CASE("json_escape keeps JSON valid for control characters", "[stub][responses]") {
    CHECK(json_escape("a\"b\\c\n\t\x01") == "a\\\"b\\\\c\\n\\t\\u0001");
}
